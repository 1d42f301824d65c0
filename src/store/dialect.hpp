#pragma once
// Where SQLite and PostgreSQL differ, in one place. Everything else in store/ is shared SQL.
#include <cstdint>

namespace sp::store {

enum class Backend : std::uint8_t;

struct Dialect {
  bool postgres = false;

  static Dialect of(Backend b);
  // Appended to a SELECT that must keep its rows locked until the transaction ends: PostgreSQL's
  // row lock; SQLite needs none (one writer at a time, the write lock taken at BEGIN IMMEDIATE).
  const char* lock_rows() const { return postgres ? " FOR UPDATE" : ""; }
  // PostgreSQL runs a data-modifying statement inside WITH, so two writes go in one round trip;
  // SQLite does not.
  bool writes_in_cte() const { return postgres; }
};

}  // namespace sp::store
