#pragma once
// The Mutu Baku trend's figures of months (and of the current month's days) that have ended,
// kept per process (kept_periods.hpp): the trend counts only what is still running live.
#include "service/kept_periods.hpp"

namespace sp::service {

struct TrendTally {
  long long handled = 0, on_time = 0;
};

class ClosedMonthTallies : public KeptPeriods<TrendTally> {
 public:
  using Tally = TrendTally;
};

}  // namespace sp::service
