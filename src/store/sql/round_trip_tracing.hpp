#pragma once
// Counts a SOCI session's round trips into the thread's RoundTripScope (store/round_trips.hpp).
// SQLite counts statements through a cheap hook that is always installed. PostgreSQL counts from
// libpq's protocol trace, which formats every message and so costs real time: it is switched on
// only for the units of work of a counted request (RoundTripCounting).
#include <soci/soci.h>

namespace sp::store {

// Prepares a session for counting; call after (re)connecting.
void trace_round_trips(soci::session& s);

// While it lives, a PostgreSQL session's round trips count for the thread's scope, if any.
class RoundTripCounting {
 public:
  explicit RoundTripCounting(soci::session& s);
  ~RoundTripCounting();
  RoundTripCounting(const RoundTripCounting&) = delete;
  RoundTripCounting& operator=(const RoundTripCounting&) = delete;

 private:
  soci::session* traced_ = nullptr;  // whose connection is traced (it may be renewed meanwhile)
};

}  // namespace sp::store
