#include <unordered_map>

#include "store/sql/row_access.hpp"
#include "store/sql/sql_repositories.hpp"

namespace sp::store {

namespace {

// The status filter as SQL: fixed text per known status, nothing from the request.
std::string status_condition(const std::string& status) {
  if (status.empty()) return "";
  if (status == "in_progress") return " AND a.phase = 'at_step'";
  if (status == "with_applicant") return " AND a.phase = 'with_applicant'";
  if (status == "issued" || status == "rejected" || status == "withdrawn")
    return " AND a.phase = 'closed' AND a.outcome = '" + status + "'";
  throw std::invalid_argument("unknown register status " + status);
}

// The condition and its values, bound in this order: office, from, to, codes..., [cursor].
std::string where(const RegisterQuery& q, bool with_cursor) {
  std::string w =
      " WHERE a.office = :o AND a.submitted_at >= :f AND a.submitted_at < :t AND a.registration_number IS NOT NULL";
  if (!q.sop_codes.empty()) {
    w += " AND a.sop_code IN (";
    for (std::size_t i = 0; i < q.sop_codes.size(); ++i) w += (i ? ", :c" : ":c") + std::to_string(i);
    w += ")";
  }
  w += status_condition(q.status);
  // A row value: both backends walk the (office, submitted_at, id) index from the cursor on.
  if (with_cursor) w += " AND (a.submitted_at, a.id) > (:cs, :ci)";
  return w;
}

}  // namespace

std::vector<RegisterEntry> SqlRegisterRepository::page(const RegisterQuery& q, const std::optional<RegisterCursor>& after,
                                                       int limit) {
  const long long f = q.from.unix_seconds, t = q.to.unix_seconds;
  const long long cs = after ? after->submitted : 0, ci = after ? after->id : 0;
  const std::string n = std::to_string(limit < 1 ? 1 : limit);
  soci::details::prepare_temp_type p =
      (s_.prepare << "SELECT a.id, a.registration_number, a.submitted_at, a.sop_code, a.sop_version, a.step, a.phase, "
                     "a.outcome, a.verdict, a.permit_number, a.office_minutes, a.deadline_at, a.created_at, "
                     "a.step_started_at, u.full_name, u.nik FROM applications a JOIN users u ON u.id = a.applicant_id" +
                         where(q, after.has_value()) + " ORDER BY a.submitted_at, a.id LIMIT " + n);
  p, soci::use(q.office), soci::use(f), soci::use(t);
  for (const auto& c : q.sop_codes) p, soci::use(c);
  if (after) p, soci::use(cs), soci::use(ci);
  soci::rowset<soci::row> rows(p);
  std::vector<RegisterEntry> out;
  std::unordered_map<long long, std::size_t> at;
  std::string ids;
  for (const auto& r : rows) {
    RegisterEntry e;
    ApplicationRow& a = e.app;
    a.id = int_at(r, 0);
    a.office = q.office;
    a.registration_number = text_at(r, 1);
    a.submitted = instant_at(r, 2);
    a.sop_code = text_at(r, 3);
    a.sop_version = static_cast<int>(int_at(r, 4));
    a.step = static_cast<int>(int_at(r, 5));
    a.phase = text_at(r, 6);
    a.outcome = text_at(r, 7);
    a.verdict = text_at(r, 8);
    a.permit_number = text_at(r, 9);
    a.office_minutes = int_at(r, 10);
    a.deadline = instant_at(r, 11);
    a.created = Instant{int_at(r, 12)};
    a.step_started = Instant{int_at(r, 13)};
    a.applicant_name = text_at(r, 14);
    e.applicant_nik = text_at(r, 15);
    at[a.id] = out.size();
    if (!ids.empty()) ids += ',';
    ids += std::to_string(a.id);
    out.push_back(std::move(e));
  }
  if (out.empty()) return out;
  // The steps of the page's applications in one query (ids are numbers read just now).
  soci::rowset<soci::row> steps =
      (s_.prepare << "SELECT application_id, step, at, overdue FROM events WHERE application_id IN (" + ids +
                         ") AND kind IN ('acted', 'resubmitted', 'withdrawn') ORDER BY application_id, seq");
  for (const auto& r : steps) {
    auto it = at.find(int_at(r, 0));
    if (it == at.end()) continue;
    out[it->second].steps.push_back({static_cast<int>(int_at(r, 1)), Instant{int_at(r, 2)}, int_at(r, 3) != 0});
  }
  return out;
}

long long SqlRegisterRepository::count(const RegisterQuery& q) {
  const long long f = q.from.unix_seconds, t = q.to.unix_seconds;
  long long n = 0;
  soci::details::prepare_temp_type p = (s_.prepare << "SELECT COUNT(*) FROM applications a" + where(q, false));
  p, soci::use(q.office), soci::use(f), soci::use(t);
  for (const auto& c : q.sop_codes) p, soci::use(c);
  p, soci::into(n);
  soci::statement st(p);
  st.execute(true);
  return n;
}

}  // namespace sp::store
