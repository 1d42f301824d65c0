#pragma once
// The bodies of Database::write and Database::read (store/database.hpp), which hand a SOCI session
// to their callable. Internal to store/ (and the store's own tests): SOCI stays inside store/.
#include <soci/soci.h>

#include "store/database.hpp"
#include "store/sql/round_trip_tracing.hpp"

namespace sp::store {

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
  std::optional<R> result;
  WriteJob job;
  job.run = [&](soci::session& s) {
    result.emplace(fn(s));
    return result->ok();
  };
  job.fail = [&](const Error& e) { result.emplace(e); };
  queue_write(job);
  return std::move(*result);
}

template <class F>
auto Database::read(F&& fn) -> decltype(fn(std::declval<soci::session&>())) {
  using R = decltype(fn(std::declval<soci::session&>()));
  Lease lease(*pool_);
  RoundTripCounting counting(lease.session());
  if (backend_ == Backend::Sqlite) {
    soci::session& s = lease.session();
    try {
      begin_snapshot(s);
      R r = fn(s);
      end_snapshot(s);
      return r;
    } catch (const std::exception& e) {
      rollback_quietly(s);  // the read snapshot, after a failure
      return R(database_error(e));
    }
  }
  try {
    return fn(lease.session());
  } catch (const std::exception& e) {
    // A read changes nothing, so after renewing a lost connection it is simply run again.
    if (!reconnect_if_lost(lease.session())) return R(database_error(e));
  }
  try {
    return fn(lease.session());
  } catch (const std::exception& e) {
    return R(database_error(e));
  }
}

}  // namespace sp::store
