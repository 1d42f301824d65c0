#pragma once
// Counts the database round trips of one piece of work (an HTTP request): every message exchange
// with PostgreSQL that waits for its answer, or every statement SQLite runs. A scope counts what
// its thread does while it lives, and what the SQLite writer does for that thread's writes.
// Scopes nest; an inner scope's trips count for the outer one too.
namespace sp::store {

class RoundTripScope {
 public:
  RoundTripScope();
  ~RoundTripScope();
  RoundTripScope(const RoundTripScope&) = delete;
  RoundTripScope& operator=(const RoundTripScope&) = delete;
  long long count() const { return count_; }

 private:
  long long count_ = 0;
  RoundTripScope* outer_;
  friend void count_round_trip();
  friend RoundTripScope* current_round_trip_scope();
  friend class RoundTripAdoption;
};

// Adds one round trip to the thread's scopes (none: not counted).
void count_round_trip();
RoundTripScope* current_round_trip_scope();

// Counts, on this thread and while it lives, for a scope of another thread: the SQLite writer
// runs each write for its caller. `scope` may be null.
class RoundTripAdoption {
 public:
  explicit RoundTripAdoption(RoundTripScope* scope);
  ~RoundTripAdoption();
  RoundTripAdoption(const RoundTripAdoption&) = delete;
  RoundTripAdoption& operator=(const RoundTripAdoption&) = delete;

 private:
  RoundTripScope* saved_;
};

}  // namespace sp::store
