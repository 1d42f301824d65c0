#pragma once
// The lifecycle of an application (permohonan) as a service: drafts, requirement documents,
// submission, every SOP action, returns with reasons per requirement, resubmission, scheduling
// the technical meeting, and the read models (detail, timeline, worklist, public status).
// Every command runs the engine, then stores state, audit event and outbox mail in one
// transaction, guarded by the application's version (concurrent actions: one wins, one gets
// "version_conflict").
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "service/app_context.hpp"
#include "service/idempotency.hpp"
#include "service/principal.hpp"
#include "service/views.hpp"

namespace sp::service {

struct ReturnReason {
  std::string requirement;
  std::string reason;
};

struct ActRequest {
  std::string action;  // an outcome code of the current step, "resubmitted" or "withdrawn"
  std::string note;
  std::optional<int> expected_version;
  std::vector<ReturnReason> reasons;  // for returns: one per missing or wrong requirement
  // The technical team's report (BAP / rekomendasi): {findings: [..], conclusion, members: [..]},
  // required at the step that produces it; kept in the event's payload.
  std::optional<nlohmann::json> report;
  std::optional<IdempotencyClaim> idempotency;
};

struct DocumentUpload {
  std::string requirement;
  std::string filename;
  std::string content_type;
  std::string content;
};

struct ScheduleRequest {
  std::string kind;  // rapat_kajian_teknis | peninjauan_lapangan
  Instant at;
  std::string place;
  std::vector<std::string> members;
  bool outside_hours_confirmed = false;  // the officer keeps a time outside working hours
};

// The latest schedule of the technical meeting or field inspection, if any, for whoever may see
// the application.
Result<std::optional<ScheduleView>> current_schedule(AppContext& ctx, const Principal& who, ApplicationId app_id);

Result<ApplicationId> create_draft(AppContext& ctx, const Principal& who, const std::string& sop_code,
                                   const nlohmann::json& form, const std::optional<IdempotencyClaim>& idem);
// As create_draft, returning the new application's view (as get_application would).
Result<ApplicationView> create_application(AppContext& ctx, const Principal& who, const std::string& sop_code,
                                          const nlohmann::json& form, const std::optional<IdempotencyClaim>& idem);
// A counter officer (front office, loket) opens a file for a walk-in applicant registered at
// their office (walk_ins.hpp), and then does the applicant's part in it: form, uploads,
// submission. Each event names both. Errors: forbidden (not the counter of the permit's office),
// not_found (no such applicant approved there), the form's own.
Result<ApplicationView> create_application_for(AppContext& ctx, const Principal& officer, UserId applicant,
                                              const std::string& sop_code, const nlohmann::json& form,
                                              const std::optional<IdempotencyClaim>& idem);
Result<DocumentView> attach_document(AppContext& ctx, const Principal& who, ApplicationId app_id,
                                     const DocumentUpload& doc);
// The application as after the action (as get_application would show it); if reading it back
// fails once the action is committed, only that it was committed, with the new version.
Result<ActionResult> act(AppContext& ctx, const Principal& who, ApplicationId app_id, const ActRequest& req);
Result<ScheduleView> schedule_review(AppContext& ctx, const Principal& who, ApplicationId app_id,
                                     const ScheduleRequest& req);

Result<ApplicationView> get_application(AppContext& ctx, const Principal& who, ApplicationId app_id);
// The applicant replaces the form data while the file is theirs (a draft, or returned), checked
// against the form of the application's SOP version; the event names the fields changed.
Result<ApplicationView> correct_form_data(AppContext& ctx, const Principal& who, ApplicationId app_id,
                                          const nlohmann::json& data);
// The small status an applicant or officer polls: step, phase, outcome, deadline, version.
Result<StatusView> application_status(AppContext& ctx, const Principal& who, ApplicationId app_id);
Result<TimelineView> timeline(AppContext& ctx, const Principal& who, ApplicationId app_id);
Result<std::vector<WorklistItemView>> worklist(AppContext& ctx, const Principal& who);
Result<std::vector<MyApplicationView>> my_applications(AppContext& ctx, const Principal& who);
// An officer's search across the files of their office, or one of its lists.
struct OfficeFilesQuery {
  std::string text;  // part of a registration number, permit number or applicant's name
  std::string list;  // "siap_cetak" (signed, not yet printed), "siap_diserahkan" (printed, not handed over)
};
inline constexpr int kOfficeFilesLimit = 50;
Result<std::vector<OfficeFileView>> office_files(AppContext& ctx, const Principal& who, const OfficeFilesQuery& q);
Result<PublicStatusView> public_status(AppContext& ctx, const std::string& registration_number);
// An uploaded document, under the name it was uploaded with.
Result<FileContent> document_content(AppContext& ctx, const Principal& who, ApplicationId app_id, DocumentId document_id);

}  // namespace sp::service
