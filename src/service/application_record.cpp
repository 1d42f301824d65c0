#include "service/application_record.hpp"

#include "catalog/time_limit.hpp"
#include "store/prepared.hpp"
#include "store/row_access.hpp"

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

// The hottest query of the service (every read and every action): prepared once per connection.
struct LoadApplicationQuery {
  long long id = 0;
  ApplicationRecord r;
  std::string reg, permit, phase, outcome, verdict;
  soci::indicator reg_ind = soci::i_null, permit_ind = soci::i_null, sub_ind = soci::i_null, dl_ind = soci::i_null;
  int step_number = 0, version = 0;
  long long created = 0, started = 0, deadline = 0, office_min = 0, applicant_min = 0;
  soci::statement st;

  explicit LoadApplicationQuery(soci::session& s)
      // The applicant's name and e-mail come along: nearly every caller needs them, and a
      // second query is a second round trip on PostgreSQL.
      : st((s.prepare << "SELECT a.id, a.office, a.sop_code, a.sop_version, a.applicant_id, a.registration_number, "
                         "a.permit_number, a.step, a.phase, a.outcome, a.verdict, a.created_at, a.submitted_at, "
                         "a.step_started_at, a.deadline_at, a.office_minutes, a.applicant_minutes, a.version, a.data, "
                         "u.full_name, u.email FROM applications a JOIN users u ON u.id = a.applicant_id "
                         "WHERE a.id = :id",
            soci::use(id), soci::into(r.id), soci::into(r.office), soci::into(r.sop_code), soci::into(r.sop_version),
            soci::into(r.applicant_id), soci::into(reg, reg_ind), soci::into(permit, permit_ind),
            soci::into(step_number), soci::into(phase), soci::into(outcome), soci::into(verdict), soci::into(created),
            soci::into(r.submitted_at, sub_ind), soci::into(started), soci::into(deadline, dl_ind),
            soci::into(office_min), soci::into(applicant_min), soci::into(version), soci::into(r.data),
            soci::into(r.applicant_name), soci::into(r.applicant_email))) {}
};

std::optional<ApplicationRecord> load_application(soci::session& s, const Catalog& catalog, long long id) {
  auto& q = store::prepared<LoadApplicationQuery>(s);
  q.id = id;
  const bool found = q.st.execute(true);
  if (found) store::finish(q.st);
  if (!found) return std::nullopt;
  ApplicationRecord r = q.r;
  r.sop = catalog.sop(r.sop_code, r.sop_version);
  if (!r.sop) throw std::runtime_error("application " + std::to_string(id) + " runs SOP " + r.sop_code + " v" +
                                       std::to_string(r.sop_version) + ", which is not loaded");
  r.calendar = catalog.calendar(r.office);
  if (q.reg_ind == soci::i_ok) r.registration_number = q.reg;
  if (q.permit_ind == soci::i_ok) r.permit_number = q.permit;
  if (q.sub_ind != soci::i_ok) r.submitted_at = 0;
  auto& st = r.state;
  st.step = r.sop->step_by_number(q.step_number).value_or(0);
  st.phase = phase_from(q.phase);
  st.outcome = outcome_from(q.outcome);
  st.verdict = q.verdict == "refuse" ? Verdict::Refuse : Verdict::Grant;
  st.created = Instant{q.created};
  st.step_started = Instant{q.started};
  if (q.dl_ind == soci::i_ok) st.deadline = Instant{q.deadline};
  st.office_time = WorkingMinutes{q.office_min};
  st.applicant_time = WorkingMinutes{q.applicant_min};
  st.version = static_cast<std::uint32_t>(q.version);
  return r;
}

struct StoreStateStatement {
  int step_number = 0, version = 0, expected = 0;
  std::string phase, outcome, verdict, reg, permit, data;
  long long started = 0, deadline = 0, office_min = 0, applicant_min = 0, submitted = 0, id = 0;
  soci::indicator dl_ind = soci::i_null, reg_ind = soci::i_null, permit_ind = soci::i_null, sub_ind = soci::i_null;
  soci::statement st;

  explicit StoreStateStatement(soci::session& s)
      : st((s.prepare << "UPDATE applications SET step = :step, phase = :phase, outcome = :outcome, "
                         "verdict = :verdict, step_started_at = :started, deadline_at = :deadline, "
                         "office_minutes = :om, applicant_minutes = :am, version = :version, "
                         "registration_number = :reg, permit_number = :permit, submitted_at = :sub, data = :data "
                         "WHERE id = :id AND version = :expected",
            soci::use(step_number), soci::use(phase), soci::use(outcome), soci::use(verdict), soci::use(started),
            soci::use(deadline, dl_ind), soci::use(office_min), soci::use(applicant_min), soci::use(version),
            soci::use(reg, reg_ind), soci::use(permit, permit_ind), soci::use(submitted, sub_ind), soci::use(data),
            soci::use(id), soci::use(expected))) {}
};

std::string application_columns(const std::string& alias) {
  std::string out;
  for (const char* c : {"id", "office", "sop_code", "sop_version", "applicant_id", "registration_number",
                        "permit_number", "step", "phase", "outcome", "verdict", "created_at", "submitted_at",
                        "step_started_at", "deadline_at", "office_minutes", "applicant_minutes", "version", "data"})
    out += (out.empty() ? "" : ", ") + alias + "." + c;
  return out;
}

std::optional<ApplicationRecord> application_from_row(const soci::row& row, const Catalog& catalog) {
  using store::int_at, store::text_at;
  ApplicationRecord r;
  r.id = int_at(row, 0);
  r.office = text_at(row, 1);
  r.sop_code = text_at(row, 2);
  r.sop_version = static_cast<int>(int_at(row, 3));
  r.applicant_id = int_at(row, 4);
  r.registration_number = text_at(row, 5);
  r.permit_number = text_at(row, 6);
  r.submitted_at = int_at(row, 12);
  r.data = text_at(row, 18);
  r.sop = catalog.sop(r.sop_code, r.sop_version);
  if (!r.sop) return std::nullopt;
  r.calendar = catalog.calendar(r.office);
  auto& st = r.state;
  st.step = r.sop->step_by_number(static_cast<int>(int_at(row, 7))).value_or(0);
  st.phase = phase_from(text_at(row, 8));
  st.outcome = outcome_from(text_at(row, 9));
  st.verdict = text_at(row, 10) == "refuse" ? Verdict::Refuse : Verdict::Grant;
  st.created = Instant{int_at(row, 11)};
  st.step_started = Instant{int_at(row, 13)};
  if (!store::is_null(row, 14)) st.deadline = Instant{int_at(row, 14)};
  st.office_time = WorkingMinutes{int_at(row, 15)};
  st.applicant_time = WorkingMinutes{int_at(row, 16)};
  st.version = static_cast<std::uint32_t>(int_at(row, 17));
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

bool store_state(soci::session& s, const ApplicationRecord& r, std::uint32_t expected_version) {
  auto& q = store::prepared<StoreStateStatement>(s);
  const auto& st = r.state;
  q.step_number = r.sop->steps[st.step].number;
  q.phase = phase_db(st.phase);
  q.outcome = std::string(final_outcome_key(st.outcome));
  q.verdict = st.verdict == Verdict::Refuse ? "refuse" : "grant";
  q.started = st.step_started.unix_seconds;
  q.deadline = st.deadline ? st.deadline->unix_seconds : 0;
  q.dl_ind = st.deadline ? soci::i_ok : soci::i_null;
  q.office_min = st.office_time.count;
  q.applicant_min = st.applicant_time.count;
  q.version = static_cast<int>(st.version);
  q.expected = static_cast<int>(expected_version);
  q.reg = r.registration_number;
  q.reg_ind = q.reg.empty() ? soci::i_null : soci::i_ok;
  q.permit = r.permit_number;
  q.permit_ind = q.permit.empty() ? soci::i_null : soci::i_ok;
  q.submitted = r.submitted_at;
  q.sub_ind = q.submitted ? soci::i_ok : soci::i_null;
  q.data = r.data;
  q.id = r.id;
  q.st.execute(true);
  return q.st.get_affected_rows() == 1;
}

struct UserLookup {
  long long id = 0;
  std::string name, email;
  soci::statement st;
  explicit UserLookup(soci::session& s)
      : st((s.prepare << "SELECT full_name, email FROM users WHERE id = :id", soci::use(id), soci::into(name),
            soci::into(email))) {}
};

std::pair<std::string, std::string> user_name_and_email(soci::session& s, long long user_id) {
  auto& q = store::prepared<UserLookup>(s);
  q.id = user_id;
  if (!q.st.execute(true)) return {};
  store::finish(q.st);
  return {q.name, q.email};
}

bool may_view(const Principal& p, const ApplicationRecord& r) {
  if (p.kind == UserKind::Applicant) return p.user_id == r.applicant_id;
  return p.office == r.office;
}

RoleSet roles_in(const Principal& p, const ApplicationRecord& r) {
  if (p.kind == UserKind::Applicant) return p.user_id == r.applicant_id ? role_bit(r.sop->applicant) : 0;
  if (p.office != r.office) return 0;
  RoleSet set = 0;
  for (const auto& code : p.roles)
    if (auto ri = r.sop->role_by_code(code); ri && *ri != r.sop->applicant) set |= role_bit(*ri);
  return set;
}

// The note of the latest refusal (an SOP may have several refusing outcomes).
std::string refusal_reason(soci::session& s, const ApplicationRecord& r) {
  std::string reason;
  long long latest = 0;
  for (const auto& st : r.sop->steps)
    for (const auto& o : st.outcomes)
      if (o.sets_verdict == Verdict::Refuse) {
        std::string note;
        long long seq = 0;
        s << "SELECT seq, note FROM events WHERE application_id = :a AND action = :c ORDER BY seq DESC LIMIT 1",
            soci::use(r.id), soci::use(o.code), soci::into(seq), soci::into(note);
        if (s.got_data() && seq > latest && !note.empty()) latest = seq, reason = note;
      }
  return reason.empty() ? "-" : reason;
}

}  // namespace sp::service
