#pragma once
// Internal to the application services: one stored application row, its SOP and calendar, and
// the authorization rules that decide what a principal may see and do with it.
#include <nlohmann/json.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/engine.hpp"
#include "service/app_context.hpp"
#include "service/audit_log.hpp"
#include "service/principal.hpp"
#include "service/views.hpp"
#include "store/records.hpp"
#include "store/transaction.hpp"

namespace sp::service {

struct ApplicationRecord {
  long long id = 0;
  std::string office, sop_code;
  int sop_version = 0;
  long long applicant_id = 0;
  std::string registration_number, permit_number;  // empty until assigned
  long long submitted_at = 0;                      // 0 until submitted
  std::string data;                                // JSON text
  // The applicant's name and e-mail, read with the row by load_application (the worklist's
  // rows leave them empty).
  std::string applicant_name, applicant_email;
  int arrived_from = 0;  // store::ApplicationRow::arrived_from; set by each transition
  long long opened_by = 0;  // the counter officer who opened it for a walk-in applicant, else 0
  ApplicationState state;
  const Sop* sop = nullptr;
  const WorkingCalendar* calendar = nullptr;
};

// The error for an application that does not exist or that the principal may not see (the two
// are not told apart, so that ids cannot be probed).
Error application_not_found();
// Loads one application; nullopt when there is none. Throws when its SOP version is not loaded.
std::optional<ApplicationRecord> load_application(store::Transaction& tx, const Catalog& catalog, long long id);
// The record of a stored row; nullopt when the row's SOP version is not loaded.
std::optional<ApplicationRecord> application_from_row(store::ApplicationRow row, const Catalog& catalog);
// The stored row of a record.
store::ApplicationRow application_row(const ApplicationRecord& r);
// Stores the state if the stored version is still `expected_version`; false on a lost race.
bool store_state(store::Transaction& tx, const ApplicationRecord& r, std::uint32_t expected_version);

// The SOP version a file opened at `now` follows: the one in effect that day at the SOP's office
// (Catalog::sop_in_effect); null for an unknown code.
const Sop* sop_for_new_file(const Catalog& catalog, Instant now, const std::string& code);
// A draft not yet submitted follows the version in effect on the day it is submitted: moves `r`
// (in memory) to that version's first application step when a newer one has taken effect since
// it was opened, and says whether it did. The draft's view, uploads and form corrections see it
// moved; the submission stores it (after checking the form data against that version's form).
bool follow_sop_in_effect(const Catalog& catalog, Instant now, ApplicationRecord& r);
const char* phase_db(Phase p);

// The audit event of an engine transition of `r` (its state already after `ev`), as `act`
// records it; the caller adds what only it knows (report, return reasons, assigned numbers).
AuditEvent transition_event(const ApplicationRecord& r, const Event& ev, long long actor_id);

// The application as last read, without its form: from the status cache where one runs
// (application_cache.hpp, PostgreSQL), else read now. Null when there is none. A cached state may
// trail a change another server committed a moment ago; whatever acts on it is still guarded by
// the version.
Result<std::shared_ptr<const ApplicationRecord>> application_snapshot(AppContext& ctx, long long id);

// The team of a schedule, as stored (a JSON list of names; anything else reads as none).
std::vector<std::string> schedule_members(const store::ScheduleRecord& s);

// The note of the latest refusing outcome, or "-".
std::string refusal_reason(store::Transaction& tx, const ApplicationRecord& r);

// May the principal see this application at all?
bool may_view(const Principal& p, const ApplicationRecord& r);
// The principal's roles in this application's SOP, as a RoleSet. The counter officers of the
// office (see counter_roles) also hold the applicant's role in a file opened at the counter:
// they do the walk-in applicant's part for them.
RoleSet roles_in(const Principal& p, const ApplicationRecord& r);
// The roles that receive an SOP's files from applicants (the actor of its first office step:
// front office, loket), who register walk-in applicants and act for them.
RoleSet counter_roles(const Sop& sop);
// The applicant's data an event records when someone else did the applicant's part: the
// counter officer acting for a walk-in applicant (empty when the applicant acted).
nlohmann::json acting_for(const Principal& who, const ApplicationRecord& r);

}  // namespace sp::service

namespace sp::service {

// The application as its viewer sees it (detail view, also returned by every command), from its
// record and what is filed with it.
ApplicationView application_view(const ApplicationRecord& r, const store::ApplicationFiles& files, const Principal& who,
                                 Instant now);
// The same, reading the files (and the form, when the record came from the status cache).
ApplicationView application_view(store::Transaction& tx, const ApplicationRecord& r, const Principal& who, Instant now);

}  // namespace sp::service
