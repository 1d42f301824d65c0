// The account service (service/accounts) on the in-memory store: registration, approval by the
// office, one-time links, sign-in with its throttle, sessions and staff accounts, without a
// database.
#include <gtest/gtest.h>

#include <regex>

#include "auth/secrets.hpp"
#include "office_fixture.hpp"
#include "service/accounts.hpp"

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
  UserId registered() {
    auto id = register_applicant(*ctx, sari());
    EXPECT_TRUE(id.ok() && id->value > 0);
    return id.ok() ? *id : UserId{};
  }
};

TEST_F(AccountServiceTest, ARegistrationWaitsForTheOfficeAndTellsNothingToAStranger) {
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
  EXPECT_TRUE(u.nik.empty());            // only claimed until approved
  EXPECT_EQ(u.claimed_nik, "1406014501900001");
  EXPECT_EQ(subjects_to("sari@contoh.id").size(), 1u);
  // The same address again: the same answer, no second account, and its owner is told.
  auto again = register_applicant(*ctx, sari());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->value, 0);
  EXPECT_EQ(store.data.users.size(), 8u);
  EXPECT_EQ(subjects_to("sari@contoh.id").size(), 2u);
  // Once expired, the registration can be made again, in place.
  clock.advance(8 * 86400);
  auto renewed = register_applicant(*ctx, sari());
  ASSERT_TRUE(renewed.ok());
  EXPECT_EQ(*renewed, id);
}

TEST_F(AccountServiceTest, OnlyTheOfficesApproverDecidesOnceAndARejectionGivesItsReason) {
  const UserId id = registered();
  auto r = decide_account(*ctx, person(kOtherOffice), id, true, "");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "forbidden");
  EXPECT_EQ(decide_account(*ctx, person(kRina), id, true, "").error().code, "forbidden");
  EXPECT_EQ(decide_account(*ctx, person(kLoket), id, false, "  ").error().code, "note_required");
  EXPECT_EQ(decide_account(*ctx, person(kLoket), UserId{kLoket}, true, "").error().code,
            "not_found");  // not an applicant

  ASSERT_TRUE(decide_account(*ctx, person(kLoket), id, true, "").ok());
  EXPECT_EQ(store.data.users.at(id.value).status, "active");
  EXPECT_EQ(store.data.users.at(id.value).nik, "1406014501900001");
  EXPECT_FALSE(link_token("sari@contoh.id").empty());
  EXPECT_EQ(decide_account(*ctx, person(kLoket), id, false, "ganda").error().code, "conflict");
  const auto kinds = event_kinds();
  EXPECT_EQ(kinds, (std::vector<std::string>{"account_registered", "account_approved"}));
}

TEST_F(AccountServiceTest, ANikHeldByAnActiveAccountIsNotGivenTwice) {
  const UserId first = registered();
  ASSERT_TRUE(decide_account(*ctx, person(kLoket), first, true, "").ok());
  Registration twin = sari();
  twin.email = "kembar@contoh.id";
  auto second = register_applicant(*ctx, twin);
  ASSERT_TRUE(second.ok());
  // The NIK's owner hears of it.
  EXPECT_EQ(subjects_to("sari@contoh.id").back(), "NIK Anda dipakai dalam pendaftaran akun baru");
  EXPECT_EQ(decide_account(*ctx, person(kLoket), *second, true, "").error().code, "conflict");
  ASSERT_TRUE(decide_account(*ctx, person(kLoket), *second, false, "NIK sudah terdaftar").ok());
  EXPECT_EQ(store.data.users.at(second->value).status, "rejected");
}

TEST_F(AccountServiceTest, AnExpiredRegistrationCannotBeApproved) {
  const UserId id = registered();
  clock.advance(8 * 86400);
  auto r = decide_account(*ctx, person(kLoket), id, true, "");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "conflict");
  EXPECT_NE(r.error().message.find("expired"), std::string::npos);
  // Nor is it listed as waiting.
  auto waiting = list_accounts(*ctx, person(kLoket), "pending");
  ASSERT_TRUE(waiting.ok());
  EXPECT_TRUE(waiting->empty());
}

TEST_F(AccountServiceTest, TheLinkSetsThePasswordOnceAndSignInOpensASession) {
  const UserId id = registered();
  ASSERT_TRUE(decide_account(*ctx, person(kLoket), id, true, "").ok());
  const std::string token = link_token("sari@contoh.id");
  EXPECT_EQ(set_password_with_token(*ctx, token, "pendek").error().code, "invalid_field");
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
  const UserId id = registered();
  ASSERT_TRUE(decide_account(*ctx, person(kLoket), id, true, "").ok());
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
