#pragma once
// The monthly report's counts: for an office and a period, per SOP, the files registered, the
// files decided (issued, refused, withdrawn) and how many of those decided kept to every step's
// standard, and the files still open when the period ended.
#include <string>
#include <vector>

#include "core/instant.hpp"

namespace sp::store {

struct OfficeReportQuery {
  std::string office;
  Instant from, to;  // [from, to)
};

// The counts of one SOP (all its versions). Drafts (never submitted) count nowhere.
struct SopTally {
  std::string sop_code;
  long long received = 0;                         // registered in the period
  long long issued = 0, rejected = 0, withdrawn = 0;  // closed so in the period
  // Of those issued or refused in the period: no step done after its deadline (as the register
  // marks a line on time).
  long long decided_on_time = 0;
  long long in_progress = 0;  // registered before the period ended and not closed by then
};

class OfficeReportRepository {
 public:
  virtual ~OfficeReportRepository() = default;
  // A tally per SOP with anything to count, in no particular order.
  virtual std::vector<SopTally> tallies(const OfficeReportQuery& q) = 0;
};

}  // namespace sp::store
