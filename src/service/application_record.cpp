#include "service/application_record.hpp"

#include "catalog/time_limit.hpp"
#include "service/application_cache.hpp"
#include "service/sop_publishing.hpp"
#include "store/store.hpp"
#include "store/application_repository.hpp"

namespace sp::service {

const char* phase_db(Phase p) {
  switch (p) {
    case Phase::AtStep: return "at_step";
    case Phase::WithApplicant: return "with_applicant";
    case Phase::Closed: return "closed";
  }
  return "at_step";
}

namespace {
Phase phase_from(const std::string& s) {
  return s == "with_applicant" ? Phase::WithApplicant : s == "closed" ? Phase::Closed : Phase::AtStep;
}
FinalOutcome outcome_from(const std::string& s) {
  return s == "issued" ? FinalOutcome::Issued
         : s == "rejected" ? FinalOutcome::Rejected
         : s == "withdrawn" ? FinalOutcome::Withdrawn : FinalOutcome::None;
}
}  // namespace

std::optional<ApplicationRecord> application_from_row(store::ApplicationRow row, const Catalog& catalog) {
  ApplicationRecord r;
  r.sop = catalog.sop(row.sop_code, row.sop_version);
  if (!r.sop) return std::nullopt;
  r.calendar = catalog.calendar(row.office);
  r.id = row.id;
  r.office = std::move(row.office);
  r.sop_code = std::move(row.sop_code);
  r.sop_version = row.sop_version;
  r.applicant_id = row.applicant_id;
  r.registration_number = std::move(row.registration_number);
  r.permit_number = std::move(row.permit_number);
  r.submitted_at = row.submitted ? row.submitted->unix_seconds : 0;
  r.data = std::move(row.data);
  r.applicant_name = std::move(row.applicant_name);
  r.applicant_email = std::move(row.applicant_email);
  r.arrived_from = row.arrived_from;
  r.opened_by = row.opened_by;
  auto& st = r.state;
  st.step = r.sop->step_by_number(row.step).value_or(0);
  st.phase = phase_from(row.phase);
  st.outcome = outcome_from(row.outcome);
  st.verdict = row.verdict == "refuse" ? Verdict::Refuse : Verdict::Grant;
  st.created = row.created;
  st.step_started = row.step_started;
  st.deadline = row.deadline;
  st.office_time = WorkingMinutes{row.office_minutes};
  st.applicant_time = WorkingMinutes{row.applicant_minutes};
  st.version = static_cast<std::uint32_t>(row.version);
  return r;
}

store::ApplicationRow application_row(const ApplicationRecord& r) {
  store::ApplicationRow row;
  const auto& st = r.state;
  row.id = r.id;
  row.office = r.office;
  row.sop_code = r.sop_code;
  row.sop_version = r.sop_version;
  row.applicant_id = r.applicant_id;
  row.registration_number = r.registration_number;
  row.permit_number = r.permit_number;
  row.step = r.sop->steps[st.step].number;
  row.phase = phase_db(st.phase);
  row.outcome = std::string(final_outcome_key(st.outcome));
  row.verdict = st.verdict == Verdict::Refuse ? "refuse" : "grant";
  row.created = st.created;
  row.step_started = st.step_started;
  row.deadline = st.deadline;
  if (r.submitted_at) row.submitted = Instant{r.submitted_at};
  row.office_minutes = st.office_time.count;
  row.applicant_minutes = st.applicant_time.count;
  row.version = static_cast<int>(st.version);
  row.arrived_from = r.arrived_from;
  row.opened_by = r.opened_by;
  row.data = r.data;
  return row;
}

Error application_not_found() { return make_error("not_found", "no such application"); }

std::optional<ApplicationRecord> load_application(store::Transaction& tx, const Catalog& catalog, long long id) {
  auto row = tx.applications().find(id);
  if (!row) return std::nullopt;
  const std::string code = row->sop_code;
  const int version = row->sop_version;
  // A version another server published moments ago is installed here on first sight.
  sop_version_in(tx, catalog, code, version);
  auto r = application_from_row(std::move(*row), catalog);
  if (!r) throw std::runtime_error("application " + std::to_string(id) + " runs SOP " + code + " v" +
                                   std::to_string(version) + ", which is not loaded");
  return r;
}

AuditEvent transition_event(const ApplicationRecord& r, const Event& ev, long long actor_id) {
  const Sop& sop = *r.sop;
  AuditEvent e;
  e.office = r.office;
  e.application_id = r.id;
  e.kind = std::string(event_kind_key(ev.kind));
  e.actor_id = actor_id;
  e.role = sop.roles[ev.role].code;
  e.step = sop.steps[ev.step].number;
  e.action = std::string(ev.action);
  e.note = ev.note;
  e.at = ev.at;
  e.elapsed_minutes = ev.elapsed.count;
  e.allowed = format_time_limit(ev.allowed);
  e.overdue = ev.overdue;
  e.payload = {{"to_step", sop.steps[ev.step_after].number},
               {"phase", phase_db(ev.phase_after)},
               {"outcome", final_outcome_key(ev.outcome)},
               {"version", r.state.version}};
  if (ev.produces) e.payload["produces"] = *ev.produces;
  return e;
}

bool store_state(store::Transaction& tx, const ApplicationRecord& r, std::uint32_t expected_version) {
  return tx.applications().update_state(application_row(r), static_cast<int>(expected_version));
}

const Sop* sop_for_new_file(const Catalog& catalog, Instant now, const std::string& code) {
  const Sop* newest = catalog.sop(code);
  if (!newest || newest->code != code) return nullptr;
  const Date today = to_local(now, catalog.calendar(newest->office)->zone()).date;
  return catalog.sop_in_effect(code, format_date(today));
}

bool follow_sop_in_effect(const Catalog& catalog, Instant now, ApplicationRecord& r) {
  if (r.submitted_at != 0 || r.state.phase != Phase::AtStep || r.state.step != r.sop->first_application_step())
    return false;
  const Sop* target = sop_for_new_file(catalog, now, r.sop_code);
  if (!target || target == r.sop) return false;
  const StepIndex step = target->first_application_step();
  auto due = step_deadline(target->steps[step], *r.calendar, r.state.step_started);
  if (!due) return false;  // the standard cannot be counted (only in an invalid SOP): stay
  r.sop = target;
  r.sop_version = target->version;
  r.state.step = step;
  r.state.deadline = *due;
  return true;
}

bool may_view(const Principal& p, const ApplicationRecord& r) {
  if (p.kind == UserKind::Applicant) return p.user_id.value == r.applicant_id;
  return p.office == r.office;
}

RoleSet counter_roles(const Sop& sop) {
  for (const auto& st : sop.steps)
    if (st.scope == StepScope::Application && st.actor != sop.applicant) return role_bit(st.actor);
  return 0;
}

RoleSet roles_in(const Principal& p, const ApplicationRecord& r) {
  if (p.kind == UserKind::Applicant) return p.user_id.value == r.applicant_id ? role_bit(r.sop->applicant) : 0;
  if (p.office != r.office) return 0;
  RoleSet set = 0;
  for (const auto& code : p.roles)
    if (auto ri = r.sop->role_by_code(code); ri && *ri != r.sop->applicant) set |= role_bit(*ri);
  if (r.opened_by != 0 && (set & counter_roles(*r.sop))) set |= role_bit(r.sop->applicant);
  return set;
}

nlohmann::json acting_for(const Principal& who, const ApplicationRecord& r) {
  if (who.user_id.value == r.applicant_id) return nlohmann::json();
  return {{"for_applicant", r.applicant_id}, {"applicant_name", r.applicant_name}};
}

Result<std::shared_ptr<const ApplicationRecord>> application_snapshot(AppContext& ctx, long long id) {
  ApplicationCache* cache = ctx.applications_cache;
  if (cache)
    if (auto hit = cache->find(id)) return hit;
  const auto ticket = cache ? cache->ticket(id) : ApplicationCache::Ticket{};
  auto loaded = ctx.store.read(
      [&](store::Transaction& tx) -> Result<std::optional<ApplicationRecord>> { return load_application(tx, ctx.catalog, id); });
  if (!loaded) return loaded.error();
  if (!*loaded) return std::shared_ptr<const ApplicationRecord>();
  (*loaded)->data.clear();  // the form is not part of the state; kept out of the cache
  auto r = std::make_shared<const ApplicationRecord>(std::move(**loaded));
  if (cache) cache->put(id, r, ticket);
  return r;
}

// The note of the latest refusal (an SOP may have several refusing outcomes).
std::vector<std::string> schedule_members(const store::ScheduleRecord& s) {
  std::vector<std::string> members;
  const auto m = nlohmann::json::parse(s.members, nullptr, false);
  if (m.is_array())
    for (const auto& x : m)
      if (x.is_string()) members.push_back(x.get<std::string>());
  return members;
}

std::string refusal_reason(store::Transaction& tx, const ApplicationRecord& r) {
  std::string reason;
  long long latest = 0;
  for (const auto& st : r.sop->steps)
    for (const auto& o : st.outcomes)
      if (o.sets_verdict == Verdict::Refuse)
        if (auto e = tx.applications().latest_event(r.id, o.code); e && e->seq > latest && !e->note.empty())
          latest = e->seq, reason = e->note;
  return reason.empty() ? "-" : reason;
}

}  // namespace sp::service
