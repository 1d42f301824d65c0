#pragma once
// The documents the office issues (receipt, return letter, invitation, technical report,
// permit or rejection letter), generated from the office's templates when the SOP step that
// produces them is done.
//
// Two phases, so that no write waits for PDF rendering and no crash loses a document: the
// event's own transaction plans each document (a 'pending' row with its verification code);
// after the commit the request renders, stores (content-addressed, with its SHA-256) and marks
// it 'ready'. A pending row left by a crash is produced at the next start.
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "service/app_context.hpp"
#include "service/principal.hpp"
#include "service/views.hpp"
#include "store/records.hpp"
#include "store/transaction.hpp"

namespace sp::service {

struct ApplicationRecord;

// The document kinds an SOP output names: "naskah_keputusan" becomes the permit or the
// rejection letter by the application's verdict; "rekomendasi_teknis" and "bap" are one report.
std::vector<std::string> document_kinds_for(const std::vector<std::string>& produces, const ApplicationRecord& rec);

// Inside the event's write transaction. `signer_role`: the SOP role that signs these documents
// electronically (the step's actor when the step signs), or empty.
// `signer_user_id`: the person who acted at the signing step (0 for unsigned documents); the
// document is signed with that person's own key (signing::personal_signer).
void plan_documents(store::Transaction& tx, const ApplicationRecord& rec, long long event_seq,
                    const std::vector<std::string>& kinds, const std::string& signer_role, long long signer_user_id,
                    Instant now);

// After the commit: renders and stores the pending documents (of one application, or all),
// oldest first, until `keep_going` (when given) says stop.
Result<int> produce_pending_documents(AppContext& ctx, std::optional<long long> application_id,
                                      const std::function<bool()>& keep_going = nullptr);

// The application's generated documents, newest last (for the detail view). Applicants do not
// see drafts: a permit or refusal letter before the signing step made the signed one.
std::vector<GeneratedDocumentView> generated_document_views(const std::vector<store::GeneratedDocumentRecord>& documents,
                                                            ZoneOffset zone, bool for_applicant);
// A permit or refusal letter planned outside the SOP's signing step: the draft under review.
bool is_draft_letter(const std::string& kind, bool for_signature);

// One generated document, for the applicant and the office's officers, named after its kind and
// the registration number ("izin-0012-REG-DPMPTSP-PWK-2026.pdf").
// The applicant's first download of a ready document records its delivery (audit event
// "delivered").
Result<FileContent> generated_document_content(AppContext& ctx, const Principal& who, ApplicationId application_id,
                                               GeneratedDocumentId id);

// The office's admin revokes an issued document with a reason (audit event "revoked"); the
// public verification then says so.
Result<RevocationView> revoke_document(AppContext& ctx, const Principal& who, ApplicationId application_id, GeneratedDocumentId id,
                                       const std::string& reason);

// An officer of the office records that they printed the document (audit event "printed").
Result<PrintView> record_print(AppContext& ctx, const Principal& who, ApplicationId application_id, GeneratedDocumentId id);
// The front office hands a signed, printed letter to the applicant (the SOP's last duty).
Result<HandoverView> record_handover(AppContext& ctx, const Principal& who, ApplicationId application_id,
                                     GeneratedDocumentId id);

}  // namespace sp::service
