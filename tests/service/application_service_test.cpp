// The application service (service/applications, application_queries) on the in-memory store:
// every rejection path, and the mail, documents and numbers each action of Kampar's doctor
// permit plans, without a database.
#include <gtest/gtest.h>

#include <algorithm>

#include "forms/form_data.hpp"
#include "forms/form_examples.hpp"
#include "office_fixture.hpp"
#include "service/applications.hpp"
#include "service/audit_log.hpp"
#include "service/walk_ins.hpp"

namespace sp::service {
namespace {

using testing::OfficeFixture;

const std::vector<std::string> kMandatory{"surat_permohonan", "str", "tempat_praktik", "ktp", "pas_foto"};

class ApplicationServiceTest : public OfficeFixture {
 protected:
  nlohmann::json form() const {
    return forms::example_data(loaded.catalog.form(*loaded.catalog.sop("kpr-dokter")));
  }
  ApplicationId draft() {
    auto id = create_draft(*ctx, person(kRina), "kpr-dokter", form(), std::nullopt);
    EXPECT_TRUE(id.ok()) << id.error().message;
    return id.ok() ? *id : ApplicationId{};
  }
  void upload(ApplicationId id, const std::string& requirement, long long who = kRina) {
    auto r =
        attach_document(*ctx, person(who), id, {requirement, requirement + ".pdf", "application/pdf", small_pdf()});
    ASSERT_TRUE(r.ok()) << requirement << ": " << r.error().message;
  }
  ApplicationId complete_draft() {
    const ApplicationId id = draft();
    for (const auto& q : kMandatory) upload(id, q);
    return id;
  }
  Result<ActionResult> act_as(long long who, ApplicationId id, const std::string& action, ActRequest req = {}) {
    req.action = action;
    return act(*ctx, person(who), id, req);
  }
  ApplicationView ok_act(long long who, ApplicationId id, const std::string& action, ActRequest req = {}) {
    auto r = act_as(who, id, action, std::move(req));
    EXPECT_TRUE(r.ok()) << action << ": " << (r.ok() ? "" : r.error().message);
    EXPECT_TRUE(r.ok() && r->application) << action << ": committed, not read back";
    return r.ok() && r->application ? *r->application : ApplicationView{};
  }
  // The kinds of the documents planned for the application, in order.
  std::vector<std::string> planned(ApplicationId id) const {
    std::vector<std::string> out;
    for (const auto& d : store.data.generated)
      if (d.application_id == id.value) out.push_back(d.kind);
    return out;
  }
  static ActRequest returning(std::vector<ReturnReason> reasons, std::string note = "") {
    ActRequest r;
    r.reasons = std::move(reasons);
    r.note = std::move(note);
    return r;
  }
  static ActRequest noted(const std::string& note) {
    ActRequest r;
    r.note = note;
    return r;
  }
};

TEST_F(ApplicationServiceTest, SubmissionNeedsEveryMandatoryRequirementAndAssignsTheRegistrationNumber) {
  const ApplicationId id = draft();
  for (std::size_t i = 0; i + 1 < kMandatory.size(); ++i) upload(id, kMandatory[i]);
  auto refused = act_as(kRina, id, "selesai");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "missing_documents");
  EXPECT_EQ(refused.error().items, std::vector<std::string>{"pas_foto"});
  EXPECT_NE(refused.error().message.find("Pas foto"), std::string::npos) << refused.error().message;
  EXPECT_EQ(store.data.applications.at(id.value).step, 1);

  upload(id, "pas_foto");
  const auto view = ok_act(kRina, id, "selesai");
  EXPECT_EQ(view.step.no, 2);
  ASSERT_TRUE(view.registration_number.has_value());
  EXPECT_EQ(store.data.applications.at(id.value).registration_number, *view.registration_number);
  EXPECT_TRUE(store.data.applications.at(id.value).submitted.has_value());
  EXPECT_TRUE(planned(id).empty());  // submitting produces no document of its own
  EXPECT_TRUE(subjects_to("rina@contoh.id").empty());
}

TEST_F(ApplicationServiceTest, RefusesWrongRoleWrongOfficeStrangersStaleVersionsAndUnknownActions) {
  const ApplicationId id = complete_draft();
  // The counter cannot submit for the applicant; the applicant cannot check their own file.
  auto r = act_as(kLoket, id, "selesai");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "not_your_step");
  ok_act(kRina, id, "selesai");
  r = act_as(kRina, id, "lengkap");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "not_your_step");
  r = act_as(kBidang, id, "lengkap");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "not_your_step");
  // Another office's officer and another applicant do not even see it.
  for (long long stranger : {kOtherOffice, kBudi}) {
    r = act_as(stranger, id, "lengkap");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "not_found");
    EXPECT_EQ(get_application(*ctx, person(stranger), id).error().code, "not_found");
    EXPECT_EQ(timeline(*ctx, person(stranger), id).error().code, "not_found");
  }
  // A decision taken on an old view is refused.
  ActRequest stale;
  stale.expected_version = static_cast<int>(store.data.applications.at(id.value).version) - 1;
  r = act_as(kLoket, id, "lengkap", stale);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "version_conflict");
  r = act_as(kLoket, id, "terbitkan");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "unknown_action");
  EXPECT_NE(r.error().message.find("lengkap"), std::string::npos);  // names what can be done here
  // Nothing of that was stored.
  EXPECT_EQ(store.data.applications.at(id.value).step, 2);
  const auto kinds = event_kinds();
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), "acted"), 1);
}

TEST_F(ApplicationServiceTest, AReturnNeedsAReasonPerRequirementAndPlansTheLetterAndTheMail) {
  const ApplicationId id = complete_draft();
  ok_act(kRina, id, "selesai");
  for (const auto& bad : {returning({}), returning({{"str", "  "}}), returning({{"sertifikat_lain", "tidak ada"}})}) {
    auto r = act_as(kLoket, id, "tidak_lengkap", bad);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "invalid_field") << r.error().message;
  }
  EXPECT_TRUE(subjects_to("rina@contoh.id").empty());

  const auto view = ok_act(kLoket, id, "tidak_lengkap", returning({{"str", "STR sudah tidak berlaku"}}));
  EXPECT_EQ(view.phase, "with_applicant");
  ASSERT_EQ(view.return_reasons.size(), 1u);
  EXPECT_EQ(view.return_reasons[0].requirement, "str");
  EXPECT_EQ(planned(id), std::vector<std::string>{"surat_pengembalian"});
  const auto subjects = subjects_to("rina@contoh.id");
  ASSERT_EQ(subjects.size(), 1u);
  EXPECT_NE(subjects[0].find("dikembalikan"), std::string::npos);
  EXPECT_NE(store.data.outbox.back().mail.body.find("STR sudah tidak berlaku"), std::string::npos);

  // The officer cannot act on a file that is with the applicant; the applicant resubmits it.
  auto r = act_as(kLoket, id, "lengkap");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "not_at_step");
  // Not before the returned document is replaced; the refusal names it.
  auto early = act_as(kRina, id, "resubmitted");
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().code, "documents_not_replaced");
  EXPECT_NE(early.error().message.find("Surat Tanda Registrasi (STR) dokter"), std::string::npos) << early.error().message;
  EXPECT_EQ(early.error().items, std::vector<std::string>{"str"});
  upload(id, "ktp");  // another document does not count
  EXPECT_FALSE(act_as(kRina, id, "resubmitted").ok());
  upload(id, "str");
  EXPECT_EQ(ok_act(kRina, id, "resubmitted").step.no, 2);
  // The counter's worklist marks it as back from the applicant, and as new.
  auto list = worklist(*ctx, person(kLoket));
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].arrived, "resubmitted");
  EXPECT_TRUE((*list)[0].recent);
  // Accepted, it reaches the next step forwarded.
  ok_act(kLoket, id, "lengkap");
  EXPECT_EQ(store.data.applications.at(id.value).arrived_from, 0);
}

TEST_F(ApplicationServiceTest, DocumentsAreTheApplicantsAndOnlyWhileTheFileIsTheirs) {
  const ApplicationId id = draft();
  const DocumentUpload doc{"str", "str.pdf", "application/pdf", small_pdf()};
  auto r = attach_document(*ctx, person(kLoket), id, doc);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "forbidden");
  r = attach_document(*ctx, person(kBudi), id, doc);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "not_found");
  r = attach_document(*ctx, person(kRina), id, {"ijazah", "x.pdf", "application/pdf", small_pdf()});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "invalid_field");
  r = attach_document(*ctx, person(kRina), id, {"str", "x.pdf", "application/pdf", "not a pdf at all"});
  ASSERT_FALSE(r.ok());
  settings.max_upload_bytes = 10;
  ctx->settings.max_upload_bytes = 10;
  r = attach_document(*ctx, person(kRina), id, doc);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "file_too_large");
  ctx->settings.max_upload_bytes = 5 << 20;
  // A second upload of a requirement is its next revision; both stay.
  upload(id, "str");
  upload(id, "str");
  const auto view = get_application(*ctx, person(kRina), id);
  ASSERT_TRUE(view.ok());
  ASSERT_EQ(view->documents.size(), 2u);
  EXPECT_EQ(view->documents[1].revision, 2);
  for (const auto& q : kMandatory) upload(id, q);
  ok_act(kRina, id, "selesai");
  r = attach_document(*ctx, person(kRina), id, doc);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "not_at_step");
}

// The counter serves a walk-in: registers them (or finds their account by NIK), opens the file
// for them and does their part in it; every event names both; nobody else may.
TEST_F(ApplicationServiceTest, TheCounterDoesAWalkInsPartAndEveryEventNamesBoth) {
  const WalkIn person_data{"Pengunjung Loket", "1406014501900009", "", "0812 3456 7890", "Dokter"};
  EXPECT_EQ(register_walk_in(*ctx, person(kBidang), person_data).error().code, "forbidden");
  EXPECT_EQ(register_walk_in(*ctx, person(kLoket), {"X", "1406014501900009", "", "", ""}).error().code,
            "invalid_field");  // no way to reach them
  auto walk_in = register_walk_in(*ctx, person(kLoket), person_data);
  ASSERT_TRUE(walk_in.ok()) << walk_in.error().message;
  EXPECT_TRUE(walk_in->created);
  EXPECT_FALSE(walk_in->link_mailed);  // no e-mail address
  EXPECT_EQ(store.data.users.at(walk_in->id.value).nik, "1406014501900009");  // seen on the KTP
  EXPECT_EQ(store.data.approvals.at({walk_in->id.value, "kampar"}).status, "approved");
  // Again with the same NIK: the same account.
  auto again = register_walk_in(*ctx, person(kLoket), person_data);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->id, walk_in->id);
  EXPECT_FALSE(again->created);

  EXPECT_EQ(create_application_for(*ctx, person(kBidang), walk_in->id, "kpr-dokter", form(), std::nullopt).error().code,
            "forbidden");
  EXPECT_EQ(create_application_for(*ctx, person(kLoket), UserId{kRina}, "kpr-dokter", form(), std::nullopt).error().code,
            "not_found");  // no standing with Kampar
  auto opened = create_application_for(*ctx, person(kLoket), walk_in->id, "kpr-dokter", form(), std::nullopt);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  EXPECT_TRUE(opened->applicants_part);
  EXPECT_TRUE(opened->opened_at_counter);
  const ApplicationId id = opened->id;
  EXPECT_EQ(attach_document(*ctx, person(kBidang), id, {"str", "s.pdf", "application/pdf", small_pdf()}).error().code,
            "forbidden");
  for (const auto& q : kMandatory) upload(id, q, kLoket);
  const auto submitted = ok_act(kLoket, id, "selesai");
  EXPECT_TRUE(submitted.registration_number.has_value());
  // The applicant's own online file is not the counter's to act in.
  const ApplicationId online = complete_draft();
  EXPECT_EQ(act_as(kLoket, online, "selesai").error().code, "not_your_step");
  EXPECT_FALSE(get_application(*ctx, person(kLoket), online)->applicants_part);
  // Every event of the walk-in's file: by the officer, for the applicant. No mail without an address.
  int named = 0;
  for (const auto& e : store.data.events)
    if (e.application_id == id.value) {
      const auto payload = nlohmann::json::parse(e.payload);
      EXPECT_EQ(e.actor_id, kLoket) << e.kind;
      EXPECT_EQ(payload.value("for_applicant", 0LL), walk_in->id.value) << e.kind;
      ++named;
    }
  EXPECT_EQ(named, 1 + static_cast<int>(kMandatory.size()) + 1);  // created, uploads, submission
  for (const auto& m : store.data.outbox) EXPECT_FALSE(m.mail.recipient.empty());
}

TEST_F(ApplicationServiceTest, FormDataIsCheckedAtCreationAndCorrectedOnlyWhileTheFileIsTheApplicants) {
  nlohmann::json bad = form();
  bad["str_number"] = "abc";
  bad.erase("practice_place");
  auto refused = create_draft(*ctx, person(kRina), "kpr-dokter", bad, std::nullopt);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "invalid_field");
  ASSERT_EQ(refused.error().fields.size(), 2u);
  EXPECT_EQ(refused.error().fields[0].field, "data.str_number");
  EXPECT_EQ(refused.error().fields[1].rule, "required");

  const ApplicationId id = complete_draft();
  nlohmann::json corrected = form();
  corrected["practice_place"] = "Klinik Baru";
  auto r = correct_form_data(*ctx, person(kLoket), id, corrected);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "forbidden");
  r = correct_form_data(*ctx, person(kBudi), id, corrected);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "not_found");
  r = correct_form_data(*ctx, person(kRina), id, bad);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields.size(), 2u);
  r = correct_form_data(*ctx, person(kRina), id, corrected);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->data["practice_place"], "Klinik Baru");
  const auto& last = store.data.events.back();
  EXPECT_EQ(last.kind, "data_corrected");
  EXPECT_EQ(nlohmann::json::parse(last.payload)["fields"], nlohmann::json::array({"practice_place"}));
  // The same data again changes nothing and records nothing.
  const std::size_t events = store.data.events.size();
  ASSERT_TRUE(correct_form_data(*ctx, person(kRina), id, corrected).ok());
  EXPECT_EQ(store.data.events.size(), events);

  ok_act(kRina, id, "selesai");
  r = correct_form_data(*ctx, person(kRina), id, form());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "not_at_step");
  // Returned, the file is the applicant's again.
  ok_act(kLoket, id, "tidak_lengkap", returning({{"str", "STR tidak terbaca"}}));
  EXPECT_TRUE(correct_form_data(*ctx, person(kRina), id, form()).ok());
  EXPECT_EQ(store.data.applications.at(id.value).data, (*forms::check_form_data(
      loaded.catalog.form(*loaded.catalog.sop("kpr-dokter")), form())).dump());
}

TEST_F(ApplicationServiceTest, TheWholeProcedurePlansEachDocumentMailAndNumber) {
  const ApplicationId id = complete_draft();
  ok_act(kRina, id, "selesai");
  ok_act(kLoket, id, "lengkap");
  EXPECT_EQ(planned(id), std::vector<std::string>{"tanda_terima"});
  EXPECT_EQ(subjects_to("rina@contoh.id").size(), 1u);  // the receipt
  ok_act(kBidang, id, "terverifikasi");
  // The permit as drafted for the head: a draft, not for signature.
  ASSERT_EQ(planned(id).size(), 2u);
  EXPECT_EQ(planned(id)[1], "izin");
  EXPECT_TRUE(store.data.generated[1].signer_role.empty());
  EXPECT_TRUE(store.data.applications.at(id.value).permit_number.empty());
  // The head signs in their own name; the permit gets its number and a validity.
  const auto signed_view = ok_act(kKepala, id, "ditandatangani");
  ASSERT_TRUE(signed_view.permit_number.has_value());
  ASSERT_EQ(planned(id).size(), 3u);
  const auto& permit = store.data.generated[2];
  EXPECT_EQ(permit.kind, "izin");
  EXPECT_EQ(permit.signer_role, "kepala_dinas");
  EXPECT_EQ(permit.signer_user_id, kKepala);
  ASSERT_TRUE(permit.valid_until.has_value());
  EXPECT_GT(permit.valid_until->unix_seconds, clock.at.unix_seconds + 5LL * 365 * 86400);
  ok_act(kLoket, id, "selesai");
  // The handover is the applicant's step, with the counter assisting.
  const auto closed = ok_act(kLoket, id, "diterima");
  EXPECT_EQ(closed.phase, "closed");
  EXPECT_EQ(closed.outcome, "issued");
  const auto subjects = subjects_to("rina@contoh.id");
  ASSERT_EQ(subjects.size(), 3u);
  EXPECT_NE(subjects[1].find("terbit"), std::string::npos);
  // Handed over: the applicant is asked to rate the service, with a link to the file.
  EXPECT_NE(subjects[2].find("Survei kepuasan"), std::string::npos) << subjects[2];
  EXPECT_NE(store.data.outbox.back().mail.body.find("/permohonan/" + std::to_string(id.value)), std::string::npos);
  auto r = act_as(kLoket, id, "lengkap");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "closed");
  // Every step is in the timeline and the audit chain holds.
  const auto events = timeline(*ctx, person(kRina), id);
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(events->events.size(), 1u + kMandatory.size() + 6u);
  // Applicants see the role, officers the name.
  EXPECT_EQ(events->events.back().by, "Loket FO dan BO");
  EXPECT_EQ(timeline(*ctx, person(kLoket), id)->events.back().by, "Lusi Loket");
  auto chains = verify_chains(store, std::nullopt);
  ASSERT_TRUE(chains.ok());
  for (const auto& c : *chains) EXPECT_TRUE(c.ok) << c.office << ": " << c.problem;
}

TEST_F(ApplicationServiceTest, ARefusalNeedsItsReasonAndMailsIt) {
  const ApplicationId id = complete_draft();
  ok_act(kRina, id, "selesai");
  ok_act(kLoket, id, "lengkap");
  auto r = act_as(kBidang, id, "tidak_memenuhi");
  ASSERT_FALSE(r.ok());
  ok_act(kBidang, id, "tidak_memenuhi", noted("Tempat praktik belum memiliki izin operasional"));
  ok_act(kKepala, id, "ditandatangani");
  EXPECT_EQ(planned(id), (std::vector<std::string>{"tanda_terima", "penolakan", "penolakan"}));
  EXPECT_TRUE(store.data.applications.at(id.value).permit_number.empty());  // a refusal has no permit number
  // The refusal is final, and mailed, once the signed letter is handed over.
  EXPECT_EQ(subjects_to("rina@contoh.id").size(), 1u);
  ok_act(kLoket, id, "selesai");
  EXPECT_EQ(ok_act(kRina, id, "diterima").outcome, "rejected");
  const auto& last = store.data.outbox.at(store.data.outbox.size() - 2).mail;  // then the survey's invitation
  EXPECT_NE(last.subject.find("ditolak"), std::string::npos);
  EXPECT_NE(last.body.find("belum memiliki izin operasional"), std::string::npos);
}

TEST_F(ApplicationServiceTest, WorklistsAndListsShowEachPersonTheirOwn) {
  const ApplicationId a = complete_draft();
  const ApplicationId b = complete_draft();
  ok_act(kRina, a, "selesai");
  auto list = worklist(*ctx, person(kLoket));
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].id, a);
  EXPECT_EQ((*list)[0].applicant, "Rina Marlina");
  EXPECT_TRUE(worklist(*ctx, person(kBidang))->empty());
  EXPECT_EQ(worklist(*ctx, person(kRina)).error().code, "forbidden");
  auto mine = my_applications(*ctx, person(kRina));
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 2u);
  EXPECT_EQ((*mine)[0].id, b);  // newest first
  EXPECT_TRUE(my_applications(*ctx, person(kBudi))->empty());
  // The public status tells the registration number's holder's progress, without personal data.
  const std::string number = store.data.applications.at(a.value).registration_number;
  auto pub = public_status(*ctx, number);
  ASSERT_TRUE(pub.ok());
  EXPECT_EQ(pub->registration_number, number);
  EXPECT_EQ(pub->step_no, 2);
  EXPECT_EQ(public_status(*ctx, "no-such-number").error().code, "not_found");
}

}  // namespace
}  // namespace sp::service
