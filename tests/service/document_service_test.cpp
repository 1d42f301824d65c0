// The documents the office issues (service/generated_documents, verification) on the in-memory
// store: production after the action, the applicant's delivery, prints, revocation, drafts and
// the public verification, without a database.
#include <gtest/gtest.h>

#include <algorithm>

#include "documents/template_library.hpp"
#include "forms/form_examples.hpp"
#include "office_fixture.hpp"
#include "service/applications.hpp"
#include "service/generated_documents.hpp"
#include "service/verification.hpp"

namespace sp::service {
namespace {

using testing::OfficeFixture;

class DocumentServiceTest : public OfficeFixture {
 protected:
  DocumentServiceTest() {
    Diagnostics d;
    templates =
        documents::TemplateLibrary::load(SATUPINTU_SOURCE_DIR "/templates/documents", SATUPINTU_SOURCE_DIR "/sop", d);
    for (const auto& x : d) ADD_FAILURE() << x.to_string();
    ctx->document_templates = &templates;
  }
  // An application the counter has accepted: its receipt is planned.
  ApplicationId accepted() {
    auto id = create_draft(*ctx, person(kRina), "kpr-dokter",
                           forms::example_data(loaded.catalog.form(*loaded.catalog.sop("kpr-dokter"))),
                           std::nullopt);
    EXPECT_TRUE(id.ok());
    for (const char* q : {"surat_permohonan", "str", "tempat_praktik", "ktp", "pas_foto"})
      EXPECT_TRUE(attach_document(*ctx, person(kRina), *id, {q, "a.pdf", "application/pdf", small_pdf()}).ok());
    for (const auto& [who, action] : {std::pair{kRina, "selesai"}, std::pair{kLoket, "lengkap"}}) {
      ActRequest req;
      req.action = action;
      auto r = act(*ctx, person(who), *id, req);
      EXPECT_TRUE(r.ok()) << action << ": " << (r.ok() ? "" : r.error().message);
    }
    return *id;
  }
  const store::GeneratedDocumentRecord& doc(long long id) const {
    return store.data.generated.at(static_cast<std::size_t>(id - 1));
  }
  long long count_events(const std::string& kind) const {
    return std::count_if(store.data.events.begin(), store.data.events.end(),
                         [&](const auto& e) { return e.kind == kind; });
  }
  documents::TemplateLibrary templates;
};

TEST_F(DocumentServiceTest, TheReceiptIsProducedAfterTheActionAndDeliveredOnce) {
  const ApplicationId app = accepted();
  ASSERT_EQ(store.data.generated.size(), 1u);
  EXPECT_EQ(doc(1).status, "pending");
  auto produced = produce_pending_documents(*ctx, app.value);
  ASSERT_TRUE(produced.ok()) << produced.error().message;
  EXPECT_EQ(*produced, 1);
  EXPECT_EQ(doc(1).status, "ready");
  ASSERT_TRUE(blobs.blobs.count(doc(1).sha256));
  EXPECT_EQ(blobs.blobs[doc(1).sha256].rfind("%PDF-", 0), 0u);
  EXPECT_FALSE(doc(1).is_signed);
  EXPECT_EQ(*produce_pending_documents(*ctx, app.value), 0);  // nothing left

  // Strangers do not get it; the applicant's first download records the delivery, once.
  EXPECT_EQ(generated_document_content(*ctx, person(kBudi), app, GeneratedDocumentId{1}).error().code, "not_found");
  EXPECT_EQ(generated_document_content(*ctx, person(kOtherOffice), app, GeneratedDocumentId{1}).error().code,
            "not_found");
  EXPECT_EQ(generated_document_content(*ctx, person(kRina), app, GeneratedDocumentId{99}).error().code, "not_found");
  auto content = generated_document_content(*ctx, person(kRina), app, GeneratedDocumentId{1});
  ASSERT_TRUE(content.ok());
  EXPECT_EQ(content->content_type, "application/pdf");
  // Named after the document and the registration number, never after its database id.
  EXPECT_EQ(content->filename.rfind("tanda_terima-", 0), 0u) << content->filename;
  EXPECT_NE(content->filename.find("-REG-"), std::string::npos) << content->filename;
  EXPECT_EQ(content->filename.find('/'), std::string::npos) << content->filename;
  EXPECT_TRUE(doc(1).delivered_at.has_value());
  ASSERT_TRUE(generated_document_content(*ctx, person(kRina), app, GeneratedDocumentId{1}).ok());
  ASSERT_TRUE(generated_document_content(*ctx, person(kLoket), app, GeneratedDocumentId{1}).ok());
  EXPECT_EQ(count_events("delivered"), 1);
  const auto view = get_application(*ctx, person(kRina), app);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->generated_documents[0].status, "ready");
  EXPECT_TRUE(view->generated_documents[0].delivered_at.has_value());
}

TEST_F(DocumentServiceTest, PrintsAreTheOfficersAndRevocationTheAdminsWithAReason) {
  const ApplicationId app = accepted();
  EXPECT_EQ(record_print(*ctx, person(kLoket), app, GeneratedDocumentId{1}).error().code, "not_ready");
  ASSERT_TRUE(produce_pending_documents(*ctx, app.value).ok());
  EXPECT_EQ(record_print(*ctx, person(kRina), app, GeneratedDocumentId{1}).error().code, "forbidden");
  EXPECT_EQ(record_print(*ctx, person(kOtherOffice), app, GeneratedDocumentId{1}).error().code, "not_found");
  ASSERT_TRUE(record_print(*ctx, person(kLoket), app, GeneratedDocumentId{1}).ok());
  auto second = record_print(*ctx, person(kLoket), app, GeneratedDocumentId{1});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->print_count, 2);
  EXPECT_EQ(second->printed_by, "Lusi Loket");
  EXPECT_EQ(count_events("printed"), 2);

  const std::string code = doc(1).verify_code;
  EXPECT_EQ(verification_for(*ctx, code)->status, "valid");
  EXPECT_EQ(revoke_document(*ctx, person(kLoket), app, GeneratedDocumentId{1}, "salah cetak").error().code,
            "forbidden");
  EXPECT_EQ(revoke_document(*ctx, person(kAdmin), app, GeneratedDocumentId{1}, " ").error().code, "invalid_field");
  ASSERT_TRUE(revoke_document(*ctx, person(kAdmin), app, GeneratedDocumentId{1}, "Data pemohon keliru").ok());
  EXPECT_EQ(revoke_document(*ctx, person(kAdmin), app, GeneratedDocumentId{1}, "lagi").error().code, "conflict");
  const auto v = verification_for(*ctx, code);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->status, "revoked");
  EXPECT_EQ(v->revoked_reason, "Data pemohon keliru");
  EXPECT_EQ(v->holder, "Rina Marlina");
  EXPECT_EQ(verification_for(*ctx, "TIDAKADA").error().code, "not_found");
  EXPECT_EQ(verification_for(*ctx, "../../etc").error().code, "not_found");
}

TEST_F(DocumentServiceTest, ADraftDecisionIsNeverTheApplicantsAndSigningNeedsTheSignersOwnKey) {
  const ApplicationId app = accepted();
  ActRequest verify;
  verify.action = "terverifikasi";
  ASSERT_TRUE(act(*ctx, person(kBidang), app, verify).ok());
  ASSERT_EQ(store.data.generated.size(), 2u);
  EXPECT_EQ(doc(2).kind, "izin");
  ASSERT_TRUE(produce_pending_documents(*ctx, app.value).ok());
  EXPECT_EQ(doc(2).status, "ready");
  EXPECT_EQ(generated_document_content(*ctx, person(kRina), app, GeneratedDocumentId{2}).error().code, "not_found");
  ASSERT_TRUE(generated_document_content(*ctx, person(kKepala), app, GeneratedDocumentId{2}).ok());
  EXPECT_EQ(verification_for(*ctx, doc(2).verify_code)->status, "draft");
  const auto applicant_view = get_application(*ctx, person(kRina), app);
  EXPECT_EQ(applicant_view->generated_documents.size(), 1u);  // the receipt only

  // The head has no signing key installed here: the step is refused, nothing is stored.
  ActRequest sign;
  sign.action = "ditandatangani";
  auto r = act(*ctx, person(kKepala), app, sign);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "no_signer");
  EXPECT_EQ(store.data.generated.size(), 2u);
  EXPECT_EQ(store.data.applications.at(app.value).step, 4);
}

}  // namespace
}  // namespace sp::service
