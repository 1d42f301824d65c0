#pragma once
// Where SQLite and PostgreSQL differ, in one place. Everything else in store/ is shared SQL.
#include <cstdint>
#include <string>

namespace sp::store {

enum class Backend : std::uint8_t;

struct Dialect {
  bool postgres = false;

  static Dialect of(Backend b);
  // Appended to a SELECT that must keep its rows locked until the transaction ends: PostgreSQL's
  // row lock; SQLite needs none (one writer at a time, the write lock taken at BEGIN IMMEDIATE).
  const char* lock_rows() const { return postgres ? " FOR UPDATE" : ""; }
  // As lock_rows, skipping rows another transaction holds (a queue's consumers each take others).
  const char* lock_rows_skip_locked() const { return postgres ? " FOR UPDATE SKIP LOCKED" : ""; }
  // PostgreSQL runs a data-modifying statement inside WITH, so two writes go in one round trip;
  // SQLite does not.
  bool writes_in_cte() const { return postgres; }
  // A lock held until the transaction ends, named by a number: PostgreSQL's advisory lock; null
  // on SQLite, whose single writer serialises write transactions anyway.
  // PostgreSQL finds a typed fragment of a number or a name by trigram indexes (migration 12),
  // one lookup per table; SQLite has none and reads the office's rows once, testing each.
  bool fragment_indexes() const { return postgres; }
  std::string transaction_lock(long long key) const {
    return postgres ? "SELECT pg_advisory_xact_lock(" + std::to_string(key) + ")" : std::string();
  }
};

}  // namespace sp::store
