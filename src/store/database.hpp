#pragma once
// The data layer's entry point: a pool of SOCI sessions on SQLite (embedded default, WAL mode)
// or PostgreSQL (several app servers on one database). Every write runs in one transaction, so
// a state change, its audit event and its outbox mail land together or not at all.
//
// Only store/ and service/ implementation files include this header (SOCI is heavy).
#include <soci/soci.h>

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "core/result.hpp"

namespace sp::store {

enum class Backend : std::uint8_t { Sqlite, Postgres };

class Database {
 public:
  // "sqlite:var/satupintu.db", a plain path (SQLite), or "postgresql://user@host:port/db".
  static Result<std::unique_ptr<Database>> open(const std::string& url, std::size_t pool_size);
  ~Database();

  Backend backend() const { return backend_; }
  const std::string& description() const { return description_; }

  // Runs `fn(session)`, which returns a Result, in a write transaction (SQLite: BEGIN
  // IMMEDIATE, so writers queue instead of failing; PostgreSQL: READ COMMITTED with row locks
  // taken by the queries). Commits when the Result is ok, rolls back when it is an error or
  // `fn` throws; a database exception becomes an Error.
  template <class F>
  auto write(F&& fn) -> decltype(fn(std::declval<soci::session&>()));
  // Runs `fn(session)` on a pooled session outside any explicit transaction.
  template <class F>
  auto read(F&& fn) -> decltype(fn(std::declval<soci::session&>()));

 private:
  Database(Backend b, std::string description, std::size_t pool_size);
  class Lease;
  Backend backend_;
  std::string description_;
  std::unique_ptr<soci::connection_pool> pool_;
  // SQLite has one writer at a time. Queueing writers here, instead of in SQLite's busy handler
  // (which sleeps in growing steps while it retries), keeps latency flat under write load.
  std::mutex sqlite_writer_;

  void begin(soci::session& s) const;
};

// Turns a SOCI or std exception into an Error; the message stays inside the server log.
Error database_error(const std::exception& e);

class Database::Lease {
 public:
  explicit Lease(soci::connection_pool& p) : pool_(p), pos_(p.lease()) {}
  ~Lease() { pool_.give_back(pos_); }
  soci::session& session() { return pool_.at(pos_); }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;

 private:
  soci::connection_pool& pool_;
  std::size_t pos_;
};

template <class F>
auto Database::write(F&& fn) -> decltype(fn(std::declval<soci::session&>())) {
  using R = decltype(fn(std::declval<soci::session&>()));
  Lease lease(*pool_);
  soci::session& s = lease.session();
  std::unique_lock<std::mutex> writer(sqlite_writer_, std::defer_lock);
  if (backend_ == Backend::Sqlite) writer.lock();
  try {
    begin(s);
    R r = fn(s);
    if (r.ok()) s.commit();
    else s.rollback();
    return r;
  } catch (const std::exception& e) {
    try {
      s.rollback();
    } catch (...) {
    }
    return R(database_error(e));
  }
}

template <class F>
auto Database::read(F&& fn) -> decltype(fn(std::declval<soci::session&>())) {
  using R = decltype(fn(std::declval<soci::session&>()));
  Lease lease(*pool_);
  try {
    return fn(lease.session());
  } catch (const std::exception& e) {
    return R(database_error(e));
  }
}

}  // namespace sp::store
