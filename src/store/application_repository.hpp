#pragma once
// Applications: the state (guarded by its version), the form, the uploaded documents, the return
// reasons and the schedules of the technical review.
#include <optional>
#include <string>
#include <vector>

#include "store/records.hpp"

namespace sp::store {

class ApplicationRepository {
 public:
  virtual ~ApplicationRepository() = default;

  // One application with its applicant's name and e-mail.
  virtual std::optional<ApplicationRow> find(long long id) = 0;
  virtual std::optional<long long> id_by_registration(const std::string& registration_number) = 0;
  // Inserts a new application (its id is ignored) and returns its id.
  virtual long long insert(const ApplicationRow& row) = 0;
  // Stores the state and the numbers (not the form: actions never change it) if the stored
  // version is still `expected_version`; false when another action got there first.
  virtual bool update_state(const ApplicationRow& row, int expected_version) = 0;
  // The form data, corrected by the applicant while the file is theirs (not an action: the
  // state and its version stay).
  virtual void set_data(long long id, const std::string& data) = 0;
  // A deadline recounted on a changed calendar (not an action: the version stays).
  virtual void set_deadline(long long id, Instant deadline) = 0;
  // The applications of `office` running at a step with a deadline.
  virtual std::vector<long long> running_with_deadline(const std::string& office) = 0;
  // The applications of one SOP version at one of `steps` (step numbers), with applicants' names.
  virtual std::vector<ApplicationRow> at_steps(const std::string& office, const std::string& sop_code, int sop_version,
                                               const std::vector<int>& steps) = 0;
  // An applicant's applications, newest first, with the applicant's name.
  virtual std::vector<ApplicationRow> of_applicant(long long applicant_id) = 0;
  // The applications of `office` whose registration number, permit number or applicant's name
  // contains `text` (ASCII letters in any case), newest first, at most `limit`.
  virtual std::vector<ApplicationRow> search(const std::string& office, const std::string& text, int limit) = 0;
  // Closed applications of `office` whose signed decision letter (permit or refusal), not
  // revoked and not yet received by the applicant, awaits printing (`printed` false) or handing
  // over after printing (`printed` true); narrowed by `text` as `search` is (empty: all); oldest
  // first, at most `limit`.
  virtual std::vector<ApplicationRow> awaiting_handover(const std::string& office, bool printed,
                                                        const std::string& text, int limit) = 0;

  // Documents: every revision, by requirement then revision.
  virtual std::vector<DocumentRecord> documents(long long application_id) = 0;
  virtual std::optional<DocumentRecord> document(long long application_id, long long document_id) = 0;
  virtual UploadFacts upload_facts(long long application_id, const std::string& requirement) = 0;
  // Inserts a document (its id is ignored) and returns its id.
  virtual long long add_document(const DocumentRecord& doc) = 0;
  // The requirements with at least one document.
  virtual std::vector<std::string> requirements_present(long long application_id) = 0;

  // Documents, generated documents, (when `with_returns`) the latest return's reasons and (when
  // `with_form`) the form, in one round trip where the backend allows.
  virtual ApplicationFiles files(long long application_id, bool with_returns, bool with_form) = 0;

  // Return reasons, kept per returning event.
  virtual void add_return_reason(long long application_id, long long event_seq, const ReturnReason& r) = 0;
  virtual std::vector<ReturnReason> return_reasons(long long application_id, long long event_seq) = 0;

  // Schedules of the technical review.
  virtual long long add_schedule(const ScheduleRecord& s) = 0;
  virtual int schedule_count(long long application_id) = 0;
  virtual std::optional<ScheduleRecord> latest_schedule(long long application_id) = 0;

  // The application's events in chain order, with the actors' names.
  virtual std::vector<TimelineEvent> timeline(const std::string& office, long long application_id) = 0;
  // The latest event of the application with this action.
  virtual std::optional<AuditRecord> latest_event(long long application_id, const std::string& action) = 0;
  // One event of the office's chain.
  virtual std::optional<AuditRecord> event(const std::string& office, long long seq) = 0;
};

}  // namespace sp::store
