#pragma once
// Makes a SOCI session count its round trips into the thread's RoundTripScope
// (store/round_trips.hpp). Call after (re)connecting.
#include <soci/soci.h>

namespace sp::store {

void trace_round_trips(soci::session& s);

}  // namespace sp::store
