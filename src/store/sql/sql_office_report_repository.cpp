#include <map>

#include "store/sql/row_access.hpp"
#include "store/sql/sql_repositories.hpp"

namespace sp::store {

namespace {

std::vector<SopTally> listed(std::map<std::string, SopTally>& by_code) {
  std::vector<SopTally> out;
  for (auto& [_, s] : by_code) out.push_back(std::move(s));
  return out;
}

}  // namespace

// Two grouped counts, each a range of one index: registrations by (office, submitted_at), the
// period's decisions by the partial (office, step_started_at) index of closed files.
std::vector<SopTally> SqlOfficeReportRepository::period_counts(const OfficeReportQuery& q) {
  const long long f = q.from.unix_seconds, t = q.to.unix_seconds;
  std::map<std::string, SopTally> by_code;
  auto tally = [&](const std::string& code) -> SopTally& {
    SopTally& s = by_code[code];
    s.sop_code = code;
    return s;
  };
  {
    soci::rowset<soci::row> rows =
        (s_.prepare << "SELECT a.sop_code, COUNT(*) FROM applications a WHERE a.office = :o AND a.submitted_at >= :f "
                       "AND a.submitted_at < :t AND a.registration_number IS NOT NULL GROUP BY a.sop_code",
         soci::use(q.office), soci::use(f), soci::use(t));
    for (const auto& r : rows) tally(text_at(r, 0)).received = int_at(r, 1);
  }
  {
    soci::rowset<soci::row> rows =
        (s_.prepare << "SELECT a.sop_code, a.outcome, COUNT(*), SUM(CASE WHEN EXISTS (SELECT 1 FROM events e WHERE "
                       "e.application_id = a.id AND e.kind IN ('acted', 'resubmitted', 'withdrawn') AND e.overdue <> 0) "
                       "THEN 0 ELSE 1 END) FROM applications a WHERE a.office = :o AND a.phase = 'closed' AND "
                       "a.step_started_at >= :f AND a.step_started_at < :t AND a.registration_number IS NOT NULL "
                       "GROUP BY a.sop_code, a.outcome",
         soci::use(q.office), soci::use(f), soci::use(t));
    for (const auto& r : rows) {
      SopTally& s = tally(text_at(r, 0));
      const std::string outcome = text_at(r, 1);
      const long long n = int_at(r, 2);
      if (outcome == "issued") s.issued += n;
      else if (outcome == "rejected") s.rejected += n;
      else if (outcome == "withdrawn") s.withdrawn += n;
      if (outcome == "issued" || outcome == "rejected") s.decided_on_time += int_at(r, 3);
    }
  }
  return listed(by_code);
}

// The files open at `at`: those open now (from the partial index of open registered files,
// migration 23, without reading their rows) plus those closed since (the decisions' index). The
// unary plus keeps SQLite off (office, submitted_at) for the second, which would walk every file
// the office ever registered.
std::vector<SopTally> SqlOfficeReportRepository::open_at(const std::string& office, Instant at) {
  const long long t = at.unix_seconds;
  std::map<std::string, SopTally> by_code;
  {
    soci::rowset<soci::row> rows =
        (s_.prepare << "SELECT x.sop_code, COUNT(*) FROM (SELECT a.sop_code FROM applications a WHERE a.office = :o "
                       "AND a.phase IN ('at_step', 'with_applicant') AND a.submitted_at < :t AND "
                       "a.registration_number IS NOT NULL UNION ALL SELECT a.sop_code FROM applications a WHERE "
                       "a.office = :o2 AND a.phase = 'closed' AND a.step_started_at >= :t2 AND +a.submitted_at < :t3 "
                       "AND a.registration_number IS NOT NULL) x GROUP BY x.sop_code",
         soci::use(office), soci::use(t), soci::use(office), soci::use(t), soci::use(t));
    for (const auto& r : rows) {
      SopTally& s = by_code[text_at(r, 0)];
      s.sop_code = text_at(r, 0);
      s.in_progress = int_at(r, 1);
    }
  }
  return listed(by_code);
}

}  // namespace sp::store
