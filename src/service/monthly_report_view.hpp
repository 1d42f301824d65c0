#pragma once
// The monthly report (laporan bulanan) as the service gives it: per permit the files received,
// decided and still open, and how many of those decided kept to the SOP's standards.
#include <string>
#include <vector>

#include "service/complaint_tally.hpp"

namespace sp::service {

struct PermitTallyView {
  std::string permit_code, permit_name;  // both empty on the total line
  long long received = 0;                // registered in the period
  long long issued = 0, rejected = 0, withdrawn = 0;  // decided so in the period
  long long in_progress = 0;                          // open when the period ended (or now, if sooner)
  long long decided_on_time = 0;  // of issued and rejected: every step within its standard
  long long decided() const { return issued + rejected; }
};

struct MonthlyReportView {
  std::string office, office_name, from, to;
  std::string as_of;  // ISO 8601 with the office's offset
  std::vector<PermitTallyView> permits;  // every permit the office issues, by name; then any retired
  PermitTallyView total;
  ComplaintTallyView complaints;  // filed and answered in the period; open and overdue at its end
};

}  // namespace sp::service
