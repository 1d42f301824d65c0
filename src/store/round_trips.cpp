#include "store/round_trips.hpp"

namespace sp::store {

namespace {
thread_local RoundTripScope* current = nullptr;
}

RoundTripScope::RoundTripScope() : outer_(current) { current = this; }
RoundTripScope::~RoundTripScope() { current = outer_; }

void count_round_trip() {
  for (RoundTripScope* s = current; s; s = s->outer_) ++s->count_;
}

RoundTripScope* current_round_trip_scope() { return current; }

RoundTripAdoption::RoundTripAdoption(RoundTripScope* scope) : saved_(current) { current = scope; }
RoundTripAdoption::~RoundTripAdoption() { current = saved_; }

}  // namespace sp::store
