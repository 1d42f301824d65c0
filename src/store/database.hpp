#pragma once
// The data layer's entry point: a pool of SOCI sessions on SQLite (embedded default, WAL mode)
// or PostgreSQL (several app servers on one database). Every write runs in one transaction, so
// a state change, its audit event and its outbox mail land together or not at all.
//
// This header names SOCI's types without including SOCI: the rest of the code may open a Database,
// hand it to SqlStore and read its figures; only store/ runs statements on it, through the
// templates of store/sql/database_runs.hpp.
#include <functional>
#include <chrono>
#include <atomic>
#include <cstdio>
#include <memory>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <vector>
#include <string>
#include <thread>

#include "core/result.hpp"
#include "store/round_trips.hpp"

namespace soci {
class connection_pool;
class session;
}  // namespace soci

namespace sp::store {

enum class Backend : std::uint8_t { Sqlite, Postgres };

class Database {
 public:
  // "sqlite:var/satupintu.db", a plain path (SQLite), or "postgresql://user@host:port/db".
  static Result<std::unique_ptr<Database>> open(const std::string& url, std::size_t pool_size);
  ~Database();

  Backend backend() const { return backend_; }
  // Group commit: writes waiting for the current batch, and totals so far.
  std::size_t queued_writes();
  struct WriteStats {
    long long batches = 0, writes = 0;
    long long reruns = 0;     // PostgreSQL groups run again with savepoints (see run_optimistic)
    double busy_seconds = 0;  // inside batch transactions: the writer's share of wall time
  };
  WriteStats write_stats();
  const std::string& description() const { return description_; }
  // As given to open (it may hold a password: not for logs).
  const std::string& url() const { return url_; }

  // Runs `fn(session)`, which returns a Result, in a write transaction: a savepoint in a group
  // commit (see WriteJob; on PostgreSQL READ COMMITTED, with row locks taken by the queries).
  // Its writes are kept when the Result is ok and undone when it is an error or `fn` throws; a
  // database exception becomes an Error. Returns after COMMIT. `fn` must not touch state
  // outside the database that a rollback would leave behind: it may be run again (PostgreSQL,
  // see run_batch).
  // Defined in store/sql/database_runs.hpp.
  template <class F>
  auto write(F&& fn) -> decltype(fn(std::declval<soci::session&>()));
  // Runs `fn(session)` on a pooled session outside any explicit transaction.
  template <class F>
  auto read(F&& fn) -> decltype(fn(std::declval<soci::session&>()));

 private:
  Database(Backend b, std::string description, std::size_t pool_size);
  class Lease;
  Backend backend_;
  std::string description_, url_;
  std::unique_ptr<soci::connection_pool> pool_;
  std::size_t pool_size_ = 0;

  // Writes queue here for one writer thread with its own connection, which takes everything
  // queued, runs each write inside its own SAVEPOINT (an error or exception rolls back that
  // write alone), commits once, and then wakes each write's caller (on PostgreSQL a group first
  // runs without savepoints, and with them only when one of its writes failed: run_optimistic).
  // Nothing is acknowledged before its COMMIT. SQLite has one writer at a time anyway, and most of a small write's
  // cost is BEGIN and COMMIT (locks, WAL frames for every page touched). On PostgreSQL every
  // write appends to its office's audit chain, whose head stays locked until COMMIT, and
  // COMMIT waits for the WAL flush: writers on their own transactions queued on that lock one
  // flush at a time (docs/PERFORMANCE.md); a group takes the lock and the flush once. The
  // thread and its connection (whose page cache no other connection's commit makes stale) stay
  // with the job: handing the lead from caller to caller put a thread wake-up between every
  // two batches, and the writer sat idle for it.
  struct WriteJob {
    std::function<bool(soci::session&)> run;  // false: roll this write back
    std::function<void(const Error&)> fail;   // replaces the job's result with an error
    RoundTripScope* round_trips = current_round_trip_scope();  // the caller's, counted by the writer
    bool threw = false;                  // run threw: PostgreSQL runs it again alone
    bool done = false;
    std::condition_variable wake;       // guarded by queue_mutex_
  };
  void queue_write(WriteJob& job);
  void writer_loop();
  // True when the group ran a second time, with savepoints.
  bool run_batch(const std::vector<WriteJob*>& batch);
  void run_group(const std::vector<WriteJob*>& batch);
  // The group as one plain transaction: true when that settled it (committed, or every job
  // failed with the transaction), false when a write failed and the group must run again.
  bool run_optimistic(const std::vector<WriteJob*>& batch);
  // Begins the group's transaction (with the first write's savepoint if `savepoints`); on a
  // failure fails every job of it and returns false.
  bool start_group(const std::vector<WriteJob*>& batch, bool savepoints);
  template <class Command>
  void counted_for(soci::session& s, const WriteJob* j, Command&& command);
  // Ends the session's transaction (a group's, or a read's snapshot) after a failure; an error
  // here (the connection already gone) changes nothing more.
  static void rollback_quietly(soci::session& s) noexcept;
  static bool run_job(soci::session& s, WriteJob* j);
  // After a group whose plain run missed (a write failed), this many groups run with
  // savepoints straight away: where writes fail often, the plain run would only double them.
  static constexpr int kSafeGroupsAfterMiss = 16;
  int safe_groups_left_ = 0;  // writer only
  std::mutex queue_mutex_;
  std::vector<WriteJob*> queue_;
  std::condition_variable writer_wake_;  // guarded by queue_mutex_
  bool writer_waiting_ = false;          // asleep until a write arrives; guarded by queue_mutex_
  bool writer_stopping_ = false;
  std::thread writer_;
  WriteStats stats_;
  std::unique_ptr<soci::session> write_session_;
  class BatchControl;
  std::unique_ptr<BatchControl> batch_control_;  // on write_session_, writer only

  // SQLite: WAL checkpoints (copying the log back into the database file, with fsyncs) run on
  // their own thread and connection, so a commit never waits for one.
  void checkpoint_loop(std::string path);
  std::mutex checkpoint_mutex_;
  std::condition_variable checkpoint_cv_;
  bool stopping_ = false;
  std::thread checkpointer_;

  void begin(soci::session& s) const;
  // SQLite: a read runs in one read transaction, so its statements see one snapshot and the
  // connection takes its WAL read lock once instead of once per statement.
  static void begin_snapshot(soci::session& s);
  static void end_snapshot(soci::session& s);
  // PostgreSQL: when `s` lost its server (restart, failover, killed backend), drops its prepared
  // statements and connects again. True when `s` was renewed and may be used again.
  bool reconnect_if_lost(soci::session& s);
};

// The SQLite file a database URL names, or nullopt for a database server's URL (PostgreSQL).
std::optional<std::string> embedded_file(const std::string& url);
// Writer threads by default. Writes commit in groups, and more queued writers make bigger
// groups; a writer thread mostly waits for its group's COMMIT, so there can be more of them than
// cores. On PostgreSQL each also holds a pooled connection for its reads, so the count is fixed.
constexpr int kDefaultWriterThreads = 16;

// libpq connection keywords for a postgresql:// URL (SOCI's own parser mangles URLs).
Result<std::string> postgres_keywords(const std::string& url);

// Turns a SOCI or std exception into an Error; the message stays inside the server log.
Error database_error(const std::exception& e);

}  // namespace sp::store
