// The account services (service/accounts, service/office_approvals) on the in-memory store:
// registration, confirmation by link or approval by the office as its SOP says, one account
// for every office, one-time links, sign-in with its throttle, sessions and staff accounts, without a
// database.
#include <gtest/gtest.h>

#include <regex>

#include "auth/secrets.hpp"
#include "office_fixture.hpp"
#include "service/accounts.hpp"
#include "service/officer_care.hpp"
#include "service/office_approvals.hpp"

namespace sp::service {
namespace {

using testing::OfficeFixture;

class AccountServiceTest : public OfficeFixture {
 protected:
  AccountServiceTest() { EXPECT_TRUE(auth::init_crypto()); }
  Registration sari() const {
    return {"kampar", "Sari Dewi", "1406014501900001", "Sari@Contoh.id", "081234567890", "Bidan"};
  }
  // The token of the newest mailed link to `email`.
  std::string link_token(const std::string& email) const {
    for (auto it = store.data.outbox.rbegin(); it != store.data.outbox.rend(); ++it) {
      std::smatch m;
      if (it->mail.recipient == email && std::regex_search(it->mail.body, m, std::regex("token=([A-Za-z0-9_-]+)")))
        return m[1];
    }
    return "";
  }
  Registration dewi() const {
    return {"purwakarta", "Dewi Lestari", "3214014501900002", "dewi@contoh.id", "081234567891", "Perawat"};
  }
  UserId registered() {
    auto id = register_applicant(*ctx, sari());
    EXPECT_TRUE(id.ok() && id->value > 0);
    return id.ok() ? *id : UserId{};
  }
};

TEST_F(AccountServiceTest, ARegistrationTellsNothingToAStrangerAndCanBeMadeAgainOnceExpired) {
  auto bad = register_applicant(*ctx, {"kampar", "Sari", "123", "sari@contoh.id", "0812345678", "Bidan"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "invalid_field");
  EXPECT_NE(bad.error().message.find("nik"), std::string::npos);
  EXPECT_EQ(
      register_applicant(*ctx, {"jakarta", "Sari", "1406014501900001", "s@c.id", "0812345678", "Bidan"}).error().code,
      "invalid_field");

  const UserId id = registered();
  const auto& u = store.data.users.at(id.value);
  EXPECT_EQ(u.status, "pending");
  EXPECT_EQ(u.email, "sari@contoh.id");  // addresses are kept in lower case
  EXPECT_TRUE(u.nik.empty());            // only claimed until the account is in use
  EXPECT_EQ(u.claimed_nik, "1406014501900001");
  EXPECT_EQ(subjects_to("sari@contoh.id"), std::vector<std::string>{"Aktifkan akun satupintu Anda"});
  // The same address again: the same answer, no second account, and its owner is told.
  auto again = register_applicant(*ctx, sari());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->value, 0);
  EXPECT_EQ(store.data.users.size(), 8u);
  EXPECT_EQ(subjects_to("sari@contoh.id").size(), 2u);
  // Once expired, the registration can be made again, in place, and its old link is dead.
  const std::string old_link = link_token("sari@contoh.id");
  clock.advance(8 * 86400);
  EXPECT_EQ(set_password_with_token(*ctx, old_link, "rahasia-bidan-123").error().code, "invalid_token");
  auto renewed = register_applicant(*ctx, sari());
  ASSERT_TRUE(renewed.ok());
  EXPECT_EQ(*renewed, id);
}

TEST_F(AccountServiceTest, WhereTheSopHasNoAccountStepsTheLinkMakesTheAccountActive) {
  ASSERT_FALSE(approval_required(loaded.catalog, "kampar"));
  const UserId id = registered();
  EXPECT_EQ(store.data.approvals.at({id.value, "kampar"}).status, "approved");
  // Nothing for an approver to decide; the unconfirmed registration is listed as such.
  EXPECT_EQ(decide_account(*ctx, person(kLoket), id, true, "").error().code, "conflict");
  auto unconfirmed = list_accounts(*ctx, person(kAdmin), "unconfirmed");
  ASSERT_TRUE(unconfirmed.ok());
  ASSERT_EQ(unconfirmed->size(), 1u);
  EXPECT_EQ(unconfirmed->front().id, id);
  // A lost first mail: "forgot password" sends the link again.
  ASSERT_TRUE(request_password_reset(*ctx, "sari@contoh.id").ok());
  ASSERT_TRUE(set_password_with_token(*ctx, link_token("sari@contoh.id"), "rahasia-bidan-123").ok());
  EXPECT_EQ(store.data.users.at(id.value).status, "active");
  EXPECT_EQ(store.data.users.at(id.value).nik, "1406014501900001");
  EXPECT_EQ(event_kinds(), (std::vector<std::string>{"account_registered", "account_confirmed"}));
  EXPECT_TRUE(login(*ctx, "sari@contoh.id", "rahasia-bidan-123", SessionKind::Cookie, "10.0.0.1").ok());
}

TEST_F(AccountServiceTest, WhereTheSopHasAccountStepsOnlyItsApproverDecidesOnceAndARejectionGivesItsReason) {
  ASSERT_TRUE(approval_required(loaded.catalog, "purwakarta"));
  auto registered_here = register_applicant(*ctx, dewi());
  ASSERT_TRUE(registered_here.ok());
  const UserId id = *registered_here;
  EXPECT_EQ(link_token("dewi@contoh.id"), "");  // the link follows the approval
  // Another office knows no such applicant.
  EXPECT_EQ(decide_account(*ctx, person(kLoket), id, true, "").error().code, "not_found");
  EXPECT_EQ(decide_account(*ctx, person(kRina), id, true, "").error().code, "forbidden");
  EXPECT_EQ(decide_account(*ctx, person(kOtherOffice), id, false, "  ").error().code, "note_required");
  EXPECT_EQ(decide_account(*ctx, person(kOtherOffice), UserId{kOtherOffice}, true, "").error().code,
            "not_found");  // not an applicant
  auto waiting = list_accounts(*ctx, person(kOtherOffice), "pending");
  ASSERT_TRUE(waiting.ok());
  ASSERT_EQ(waiting->size(), 1u);
  EXPECT_EQ(waiting->front().approval_requested_at, clock.now().unix_seconds);
  EXPECT_GT(waiting->front().approval_due_at, clock.now().unix_seconds);  // step 2: 1 jam

  ASSERT_TRUE(decide_account(*ctx, person(kOtherOffice), id, true, "").ok());
  EXPECT_EQ(store.data.users.at(id.value).status, "active");
  EXPECT_EQ(store.data.users.at(id.value).nik, "3214014501900002");
  EXPECT_FALSE(link_token("dewi@contoh.id").empty());
  EXPECT_EQ(decide_account(*ctx, person(kOtherOffice), id, false, "ganda").error().code, "conflict");
  EXPECT_EQ(event_kinds(), (std::vector<std::string>{"account_registered", "account_approved"}));
}

TEST_F(AccountServiceTest, ANikHeldByAnActiveAccountIsNotGivenTwice) {
  auto first = register_applicant(*ctx, dewi());
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(decide_account(*ctx, person(kOtherOffice), *first, true, "").ok());
  Registration twin = dewi();
  twin.email = "kembar@contoh.id";
  auto second = register_applicant(*ctx, twin);
  ASSERT_TRUE(second.ok());
  // The NIK's owner hears of it.
  EXPECT_EQ(subjects_to("dewi@contoh.id").back(), "NIK Anda dipakai dalam pendaftaran akun baru");
  EXPECT_EQ(decide_account(*ctx, person(kOtherOffice), *second, true, "").error().code, "conflict");
  ASSERT_TRUE(decide_account(*ctx, person(kOtherOffice), *second, false, "NIK sudah terdaftar").ok());
  EXPECT_EQ(store.data.users.at(second->value).status, "rejected");
  // Where the link activates, the NIK is checked when it is used.
  Registration copy = sari();
  copy.nik = "3214014501900002";
  auto third = register_applicant(*ctx, copy);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(set_password_with_token(*ctx, link_token("sari@contoh.id"), "rahasia-bidan-123").error().code,
            "conflict");
  EXPECT_EQ(store.data.users.at(third->value).status, "pending");
}

TEST_F(AccountServiceTest, AnExpiredRegistrationCannotBeApproved) {
  auto id = register_applicant(*ctx, dewi());
  ASSERT_TRUE(id.ok());
  clock.advance(8 * 86400);
  auto r = decide_account(*ctx, person(kOtherOffice), *id, true, "");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "conflict");
  EXPECT_NE(r.error().message.find("expired"), std::string::npos);
  // Nor is it listed as waiting.
  auto waiting = list_accounts(*ctx, person(kOtherOffice), "pending");
  ASSERT_TRUE(waiting.ok());
  EXPECT_TRUE(waiting->empty());
}

TEST_F(AccountServiceTest, OneAccountAppliesEverywhereAndAnApprovingOfficeDecidesTheFirstTime) {
  const UserId id = registered();  // at Kampar, which approves nobody
  ASSERT_TRUE(set_password_with_token(*ctx, link_token("sari@contoh.id"), "rahasia-bidan-123").ok());
  Principal sari_p;
  sari_p.user_id = id;
  sari_p.kind = UserKind::Applicant;
  sari_p.office = "kampar";
  EXPECT_EQ(request_office_approval(*ctx, person(kLoket), "purwakarta").error().code, "forbidden");
  EXPECT_EQ(request_office_approval(*ctx, sari_p, "jakarta").error().code, "invalid_field");
  auto asked = request_office_approval(*ctx, sari_p, "purwakarta");
  ASSERT_TRUE(asked.ok());
  EXPECT_EQ(asked->status, "pending");
  EXPECT_TRUE(asked->approval_required);
  auto waiting = list_accounts(*ctx, person(kOtherOffice), "pending");
  ASSERT_TRUE(waiting.ok());
  ASSERT_EQ(waiting->size(), 1u);
  EXPECT_EQ(waiting->front().id, id);
  // Refused with a reason: the account stays in use elsewhere, and may ask again.
  ASSERT_TRUE(decide_account(*ctx, person(kOtherOffice), id, false, "STR sudah tidak berlaku").ok());
  EXPECT_EQ(store.data.users.at(id.value).status, "active");
  EXPECT_EQ(subjects_to("sari@contoh.id").back(),
            "Akun Anda belum dapat disetujui oleh Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu "
            "Kabupaten Purwakarta");
  auto standings = office_standings(*ctx, sari_p);
  ASSERT_TRUE(standings.ok());
  ASSERT_EQ(standings->size(), 2u);
  const auto pwk = std::find_if(standings->begin(), standings->end(), [](const auto& s) { return s.office == "purwakarta"; });
  ASSERT_NE(pwk, standings->end());
  EXPECT_EQ(pwk->status, "rejected");
  EXPECT_EQ(pwk->note, "STR sudah tidak berlaku");
  ASSERT_EQ(request_office_approval(*ctx, sari_p, "purwakarta")->status, "pending");
  ASSERT_TRUE(decide_account(*ctx, person(kOtherOffice), id, true, "").ok());
  EXPECT_EQ(subjects_to("sari@contoh.id").back(),
            "Akun Anda disetujui untuk mengajukan izin di Dinas Penanaman Modal dan Pelayanan Terpadu "
            "Satu Pintu Kabupaten Purwakarta");
  EXPECT_EQ(store.data.approvals.at({id.value, "purwakarta"}).status, "approved");
  EXPECT_EQ(event_kinds(), (std::vector<std::string>{"account_registered", "account_confirmed",
                                                     "office_approval_requested", "account_rejected",
                                                     "office_approval_requested", "account_approved"}));
}

TEST_F(AccountServiceTest, TheLinkSetsThePasswordOnceAndSignInOpensASession) {
  const UserId id = registered();
  const std::string token = link_token("sari@contoh.id");  EXPECT_EQ(set_password_with_token(*ctx, token, "pendek").error().code, "invalid_field");
  ASSERT_TRUE(set_password_with_token(*ctx, token, "rahasia-bidan-123").ok());
  EXPECT_EQ(set_password_with_token(*ctx, token, "rahasia-lain-4567").error().code, "invalid_token");
  EXPECT_EQ(set_password_with_token(*ctx, "tidak-ada", "rahasia-lain-4567").error().code, "invalid_token");

  EXPECT_EQ(login(*ctx, "sari@contoh.id", "salah-sekali-123", SessionKind::Cookie, "10.0.0.1").error().code,
            "bad_credentials");
  auto session = login(*ctx, "SARI@contoh.id", "rahasia-bidan-123", SessionKind::Cookie, "10.0.0.1");
  ASSERT_TRUE(session.ok()) << session.error().message;
  EXPECT_TRUE(store.data.failures.empty());  // a success forgets this address's failures
  auto who = authenticate(*ctx, session->token);
  ASSERT_TRUE(who.ok());
  EXPECT_EQ(who->user_id, id);
  EXPECT_EQ(who->kind, UserKind::Applicant);
  EXPECT_TRUE(who->via_cookie);
  ASSERT_TRUE(logout(*ctx, session->token).ok());
  EXPECT_EQ(authenticate(*ctx, session->token).error().code, "unauthenticated");
  // A session ends when it expires.
  auto bearer = login(*ctx, "sari@contoh.id", "rahasia-bidan-123", SessionKind::Bearer, "10.0.0.1");
  ASSERT_TRUE(bearer.ok());
  clock.advance(settings.bearer_days * 86400 + 1);
  ctx->sessions.erase(auth::sha256_hex(bearer->token));
  EXPECT_EQ(authenticate(*ctx, bearer->token).error().code, "unauthenticated");
}

TEST_F(AccountServiceTest, RepeatedFailuresSlowSignInFromThatAddressAndAResetLinkEndsSessions) {
  registered();
  ASSERT_TRUE(set_password_with_token(*ctx, link_token("sari@contoh.id"), "rahasia-bidan-123").ok());
  auto session = login(*ctx, "sari@contoh.id", "rahasia-bidan-123", SessionKind::Bearer, "10.0.0.9");
  ASSERT_TRUE(session.ok());
  for (int i = 0; i < settings.login_failures_allowed; ++i)
    EXPECT_EQ(
        login(*ctx, "sari@contoh.id", "tebakan-" + std::to_string(i), SessionKind::Cookie, "10.6.6.6").error().code,
        "bad_credentials");
  auto throttled = login(*ctx, "sari@contoh.id", "rahasia-bidan-123", SessionKind::Cookie, "10.6.6.6");
  ASSERT_FALSE(throttled.ok());
  EXPECT_EQ(throttled.error().code, "too_many_attempts");
  EXPECT_GT(throttled.error().retry_after_seconds, 0);
  // The owner's own address is not slowed by failures elsewhere.
  EXPECT_TRUE(login(*ctx, "sari@contoh.id", "rahasia-bidan-123", SessionKind::Cookie, "10.0.0.9").ok());
  // A reset link (asked for by anyone, answered alike) ends every session and the throttle.
  ASSERT_TRUE(request_password_reset(*ctx, "sari@contoh.id").ok());
  ASSERT_TRUE(request_password_reset(*ctx, "tidak-ada@contoh.id").ok());
  ASSERT_TRUE(set_password_with_token(*ctx, link_token("sari@contoh.id"), "rahasia-baru-456").ok());
  EXPECT_EQ(authenticate(*ctx, session->token).error().code, "unauthenticated");
  EXPECT_TRUE(login(*ctx, "sari@contoh.id", "rahasia-baru-456", SessionKind::Cookie, "10.6.6.6").ok());
}

TEST_F(AccountServiceTest, StaffAreCreatedByTheAdminWithoutSigningRolesOrAdminRights) {
  OfficerSpec spec{"Tono Loket", "tono@kampar.go.id", {"loket"}, false};
  EXPECT_EQ(create_officer(*ctx, person(kLoket), spec).error().code, "forbidden");
  EXPECT_EQ(create_officer(*ctx, person(kAdmin), {"Tono", "tono@kampar.go.id", {"loket"}, true}).error().code,
            "forbidden");
  EXPECT_EQ(create_officer(*ctx, person(kAdmin), {"Tono", "tono@kampar.go.id", {}, false}).error().code,
            "invalid_field");
  EXPECT_EQ(create_officer(*ctx, person(kAdmin), {"Tono", "tono@kampar.go.id", {"kepala_dinas"}, false}).error().code,
            "invalid_field");
  auto id = create_officer(*ctx, person(kAdmin), spec);
  ASSERT_TRUE(id.ok()) << id.error().message;
  EXPECT_EQ(store.data.users.at(id->value).kind, "officer");
  EXPECT_EQ(store.data.roles.at(id->value), std::vector<std::string>{"loket"});
  EXPECT_FALSE(link_token("tono@kampar.go.id").empty());  // they set their own password
  EXPECT_EQ(create_officer(*ctx, person(kAdmin), spec).error().code, "already_registered");
  auto listed = list_accounts(*ctx, person(kAdmin), "");
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE(std::any_of(listed->begin(), listed->end(), [&](const AccountSummary& a) {
    return a.id == *id && a.roles == std::vector<std::string>{"loket"};
  }));
}

TEST_F(AccountServiceTest, TheAdminLooksAfterOfficersButNotThemselvesNorOtherOffices) {
  auto id = create_officer(*ctx, person(kAdmin), {"Tono Loket", "tono@kampar.go.id", {"loket"}, false});
  ASSERT_TRUE(id.ok()) << id.error().message;
  // Only the admin of the officer's own office; never on their own account.
  EXPECT_EQ(set_officer_active(*ctx, person(kLoket), *id, false).error().code, "forbidden");
  EXPECT_EQ(set_officer_active(*ctx, person(kAdmin), person(kAdmin).user_id, false).error().code, "forbidden");
  EXPECT_EQ(set_officer_active(*ctx, person(kAdmin), UserId{9999}, false).error().code, "not_found");
  ASSERT_TRUE(set_officer_active(*ctx, person(kAdmin), *id, false).ok());
  EXPECT_EQ(store.data.users.at(id->value).status, "disabled");
  // Out of use, its password is not reset; back in use, it is, and the old one stops working.
  EXPECT_EQ(reset_officer_password(*ctx, person(kAdmin), *id).error().code, "conflict");
  ASSERT_TRUE(set_officer_active(*ctx, person(kAdmin), *id, true).ok());
  store.data.users.at(id->value).password_hash = "old";
  ASSERT_TRUE(reset_officer_password(*ctx, person(kAdmin), *id).ok());
  EXPECT_EQ(store.data.users.at(id->value).password_hash, "");
  EXPECT_EQ(set_officer_nip(*ctx, person(kAdmin), *id, "12345").error().code, "invalid_field");
  ASSERT_TRUE(set_officer_nip(*ctx, person(kAdmin), *id, "197001012000031001").ok());
  EXPECT_EQ(store.data.users.at(id->value).nip, "197001012000031001");
}

TEST(Nip, EighteenDigitsWithABirthDateAnAppointmentMonthAndTheSexDigit) {
  EXPECT_EQ(nip_problem("197001012000031001"), "");
  EXPECT_NE(nip_problem("19700101200003100"), "");    // 17 digits
  EXPECT_NE(nip_problem("19700101200003100x"), "");   // a letter
  EXPECT_NE(nip_problem("197002302000031001"), "");   // 30 February
  EXPECT_NE(nip_problem("197001011960031001"), "");   // appointed before birth
  EXPECT_NE(nip_problem("197001012000131001"), "");   // a 13th month
  EXPECT_NE(nip_problem("197001012000033001"), "");   // sex digit 3
}

}  // namespace
}  // namespace sp::service
