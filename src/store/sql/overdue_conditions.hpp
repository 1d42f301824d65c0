#pragma once
// Which files are overdue (store/dashboard_repository.hpp's OverdueQuery), as SQL: shared by the
// dashboard's list and escalation's scan. Internal to store/.
#include <soci/soci.h>

#include <string>

#include "store/dashboard_repository.hpp"
#include "store/sql/row_access.hpp"

namespace sp::store {

// Names the `n` values of a list `:prefix0, :prefix1, ...`.
inline std::string placeholders(const char* prefix, std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += (i ? ", :" : ":") + std::string(prefix) + std::to_string(i);
  return s;
}

// Binds, in order: office, now, codes..., then each skipped step's code, version and number.
inline std::string overdue_conditions(const OverdueQuery& q) {
  std::string w =
      " WHERE a.office = :o AND a.phase = 'at_step' AND a.deadline_at < :n AND a.registration_number IS NOT NULL";
  if (!q.sop_codes.empty()) w += " AND a.sop_code IN (" + placeholders("c", q.sop_codes.size()) + ")";
  for (std::size_t i = 0; i < q.skip_steps.size(); ++i) {
    const std::string n = std::to_string(i);
    w += " AND NOT (a.sop_code = :sc" + n + " AND a.sop_version = :sv" + n + " AND a.step = :sn" + n + ")";
  }
  return w;
}

inline void bind_overdue_conditions(soci::details::prepare_temp_type& p, const OverdueQuery& q, const long long& now) {
  p, soci::use(q.office), soci::use(now);
  for (const auto& c : q.sop_codes) p, soci::use(c);
  for (const auto& s : q.skip_steps) p, soci::use(s.sop_code), soci::use(s.sop_version), soci::use(s.step);
}

// The columns an OverdueRecord is read from, in overdue_records' order.
inline constexpr const char* kOverdueColumns =
    "SELECT a.id, a.registration_number, a.sop_code, a.sop_version, a.step, a.deadline_at, a.step_started_at "
    "FROM applications a";

inline std::vector<OverdueRecord> overdue_records(soci::rowset<soci::row>& rows) {
  std::vector<OverdueRecord> out;
  for (const auto& r : rows)
    out.push_back({int_at(r, 0), text_at(r, 1), text_at(r, 2), static_cast<int>(int_at(r, 3)),
                   static_cast<int>(int_at(r, 4)), Instant{int_at(r, 5)}, Instant{int_at(r, 6)}});
  return out;
}

}  // namespace sp::store
