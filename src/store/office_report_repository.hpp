#pragma once
// The monthly report's counts: for an office and a period, per SOP, the files registered, the
// files decided (issued, refused, withdrawn) and how many of those decided kept to every step's
// standard; and for a moment, the files open then.
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
  // Per SOP with anything registered or decided in [from, to), in no particular order;
  // `in_progress` is 0. What an ended period counts never changes: files are registered and
  // decided once.
  virtual std::vector<SopTally> period_counts(const OfficeReportQuery& q) = 0;
  // Per SOP with any: the files registered before `at` and not closed by then, as `in_progress`
  // (the other counts 0).
  virtual std::vector<SopTally> open_at(const std::string& office, Instant at) = 0;
};

}  // namespace sp::store
