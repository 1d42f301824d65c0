#include "store/sql/database_runs.hpp"
#include "store/sql/prepared.hpp"
#include "store/sql/round_trip_tracing.hpp"
#include "store/sql/wal_write_buffer.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>
#include <mutex>
#include <pthread.h>
#include <stdexcept>

namespace sp::store {

Database::Database(Backend b, std::string description, std::size_t pool_size)
    : backend_(b),
      description_(std::move(description)),
      pool_(std::make_unique<soci::connection_pool>(pool_size)),
      pool_size_(pool_size) {}

Database::~Database() {
  // Statements prepared on the sessions go while their connections still exist; left to the
  // statics' destructors at exit, PostgreSQL's would run on closed connections and crash.
  for (std::size_t i = 0; i < pool_size_; ++i) forget_prepared(pool_->at(i));
  if (writer_.joinable()) {
    {
      std::lock_guard<std::mutex> lock(queue_mutex_);
      writer_stopping_ = true;
    }
    writer_wake_.notify_one();
    writer_.join();
  }
  if (write_session_) forget_prepared(*write_session_);
  if (checkpointer_.joinable()) {
    {
      std::lock_guard<std::mutex> lock(checkpoint_mutex_);
      stopping_ = true;
    }
    checkpoint_cv_.notify_all();
    checkpointer_.join();
  }
}

void Database::checkpoint_loop(std::string path) {
  try {
    soci::session s(soci::sqlite3, "db=" + path + " timeout=30");
    std::unique_lock<std::mutex> lock(checkpoint_mutex_);
    while (!checkpoint_cv_.wait_for(lock, std::chrono::milliseconds(250), [&] { return stopping_; })) {
      lock.unlock();
      try {
        // PASSIVE: copies what no reader still needs and never blocks readers or the writer.
        s << "PRAGMA wal_checkpoint(PASSIVE)";
      } catch (const std::exception& e) {
        spdlog::warn("database: WAL checkpoint failed: {}", e.what());
      }
      lock.lock();
    }
  } catch (const std::exception& e) {
    spdlog::error("database: the WAL checkpointer stopped: {}", e.what());
  }
}

Error database_error(const std::exception& e) {
  spdlog::error("database: {}", e.what());
  return make_error("database", "the database could not complete the request; try again");
}

namespace {
bool starts_with(const std::string& s, const char* p) { return s.rfind(p, 0) == 0; }

std::string quoted(const std::string& v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

}  // namespace

// SOCI passes its connection string through its own parser, which mangles URIs; give it libpq
// keywords instead: postgresql://user:pass@host:port/db?sslmode=require -> host=... dbname=...
Result<std::string> postgres_keywords(const std::string& url) {
  std::string rest = url.substr(url.find("://") + 3);
  std::string query;
  if (auto q = rest.find('?'); q != std::string::npos) query = rest.substr(q + 1), rest.erase(q);
  std::string userinfo, hostport = rest, db;
  if (auto at = rest.rfind('@'); at != std::string::npos) userinfo = rest.substr(0, at), hostport = rest.substr(at + 1);
  if (auto slash = hostport.find('/'); slash != std::string::npos) db = hostport.substr(slash + 1), hostport.erase(slash);
  std::string out;
  const auto add = [&](const char* k, const std::string& v) {
    if (!v.empty()) out += std::string(out.empty() ? "" : " ") + k + "=" + quoted(v);
  };
  std::string host = hostport, port;
  if (auto colon = hostport.rfind(':'); colon != std::string::npos && hostport.find(']') == std::string::npos)
    host = hostport.substr(0, colon), port = hostport.substr(colon + 1);
  add("host", host);
  add("port", port);
  add("dbname", db);
  if (auto colon = userinfo.find(':'); colon != std::string::npos) {
    add("user", userinfo.substr(0, colon));
    add("password", userinfo.substr(colon + 1));
  } else {
    add("user", userinfo);
  }
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string kv = query.substr(0, amp);
    query = amp == std::string::npos ? "" : query.substr(amp + 1);
    const auto eq = kv.find('=');
    if (eq == std::string::npos) return make_error("database", "bad parameter '" + kv + "' in the database URL");
    add(kv.substr(0, eq).c_str(), kv.substr(eq + 1));
  }
  return out;
}

std::optional<std::string> embedded_file(const std::string& url) {
  if (starts_with(url, "postgresql://") || starts_with(url, "postgres://")) return std::nullopt;
  return starts_with(url, "sqlite:") ? url.substr(7) : url;
}

Result<std::unique_ptr<Database>> Database::open(const std::string& url, std::size_t pool_size) {
  if (pool_size == 0) pool_size = 1;
  // Each pooled connection is used by one thread at a time, so SQLite's per-connection mutexes
  // and its global memory statistics (a process-wide lock) only cost contention. Must run before
  // SQLite initialises; later calls are harmless no-ops.
  static std::once_flag sqlite_configured;
  std::call_once(sqlite_configured, [] {
    // soci-sqlite3.h wraps sqlite3.h in namespace sqlite_api.
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    // URI filenames, so that the writer's connection can name its VFS (wal_write_buffer.hpp).
    sqlite_api::sqlite3_config(SQLITE_CONFIG_URI, 1);
  });
  const bool pg = !embedded_file(url);
  std::unique_ptr<Database> db(new Database(pg ? Backend::Postgres : Backend::Sqlite, url, pool_size));
  db->url_ = url;
  try {
    if (pg) {
      auto keywords = postgres_keywords(url);
      if (!keywords) return keywords.error();
      db->write_session_ = std::make_unique<soci::session>();
      for (std::size_t i = 0; i <= pool_size; ++i) {
        soci::session& s = i < pool_size ? db->pool_->at(i) : *db->write_session_;
        s.open(soci::postgresql, *keywords);
        trace_round_trips(s);
      }
      db->writer_ = std::thread([d = db.get()] { d->writer_loop(); });
      db->description_ = "postgresql";
    } else {
      std::string path = starts_with(url, "sqlite:") ? url.substr(7) : url;
      const auto parent = std::filesystem::path(path).parent_path();
      std::error_code ec;
      if (!parent.empty()) std::filesystem::create_directories(parent, ec);
      db->write_session_ = std::make_unique<soci::session>();
      for (std::size_t i = 0; i <= pool_size; ++i) {
        const bool writer = i == pool_size;
        soci::session& s = writer ? *db->write_session_ : db->pool_->at(i);
        // timeout: seconds SQLite waits on a locked database before failing. The writer hands
        // its log writes to the kernel once per commit (wal_write_buffer.hpp; it relies on the
        // synchronous=FULL below).
        s.open(soci::sqlite3, "db=" + (writer ? wal_buffered_uri(path) : path) + " timeout=30");
        s << "PRAGMA journal_mode=WAL";
        // FULL: every COMMIT fsyncs the WAL, so an acknowledged write survives a power cut, not
        // only a killed process (NORMAL). The group commit makes that one fsync per batch.
        s << "PRAGMA synchronous=FULL";
        s << "PRAGMA foreign_keys=ON";
        trace_round_trips(s);
      }
      // The writer leaves checkpoints to the checkpointer; it checkpoints itself only if the
      // log has grown past about 40 MiB (the checkpointer fell behind).
      *db->write_session_ << "PRAGMA wal_autocheckpoint=10000";
      db->writer_ = std::thread([d = db.get()] { d->writer_loop(); });
      db->checkpointer_ = std::thread([d = db.get(), path] { d->checkpoint_loop(path); });
      db->description_ = "sqlite:" + path;
    }
  } catch (const std::exception& e) {
    return make_error("database", std::string("cannot open database ") + (pg ? "(postgresql)" : url) + ": " + e.what());
  }
  return db;
}

void Database::begin(soci::session& s) const {
  if (backend_ == Backend::Sqlite) s << "BEGIN IMMEDIATE";
  else s.begin();
}

namespace {
// A read transaction's two statements, prepared once per pooled connection. It ends with
// ROLLBACK, not COMMIT: nothing was written, and COMMIT refuses to end a transaction while a
// statement is still stepping (a SELECT whose caller stopped at the row it needed).
struct SnapshotStatements {
  soci::statement begin, end;
  explicit SnapshotStatements(soci::session& s) : begin(s.prepare << "BEGIN"), end(s.prepare << "ROLLBACK") {}
};
}  // namespace

void Database::begin_snapshot(soci::session& s) { prepared<SnapshotStatements>(s).begin.execute(true); }

void Database::end_snapshot(soci::session& s) { prepared<SnapshotStatements>(s).end.execute(true); }

bool Database::reconnect_if_lost(soci::session& s) {
  if (backend_ != Backend::Postgres || s.is_connected()) return false;
  forget_prepared(s);
  try {
    s.reconnect();
    trace_round_trips(s);
  } catch (const std::exception& e) {
    spdlog::error("database: connection lost and not renewed: {}", e.what());
    return false;
  }
  spdlog::warn("database: connection lost; connected again");
  return true;
}

void Database::queue_write(WriteJob& job) {
  // A write from inside a write would wait for its own batch forever.
  if (std::this_thread::get_id() == writer_.get_id())
    throw std::logic_error("Database::write called inside a write");
  std::unique_lock<std::mutex> lock(queue_mutex_);
  queue_.push_back(&job);
  // Only a sleeping writer needs the wake-up call; a busy one takes the queue after its batch.
  if (writer_waiting_) writer_wake_.notify_one();
  // Each caller has its own condition variable, so a batch wakes exactly its own writes.
  job.wake.wait(lock, [&] { return job.done; });
}

// PostgreSQL keeps the ids of a transaction's first 64 subtransactions with the transaction;
// past that, every other connection's snapshot checks fall back to a shared lookup table, which
// slows the whole database. Each write of a group is a subtransaction, so a group stays below.
constexpr std::size_t kMaxPostgresGroup = 48;

void Database::writer_loop() {
  pthread_setname_np(pthread_self(), "sp-commit");
  std::vector<WriteJob*> batch;
  std::unique_lock<std::mutex> lock(queue_mutex_);
  for (;;) {
    writer_waiting_ = true;
    writer_wake_.wait(lock, [&] { return !queue_.empty() || writer_stopping_; });
    writer_waiting_ = false;
    // On shutdown the queue is finished first: its callers are waiting for their answers.
    if (queue_.empty()) return;
    batch.clear();
    if (backend_ == Backend::Postgres && queue_.size() > kMaxPostgresGroup) {
      batch.assign(queue_.begin(), queue_.begin() + kMaxPostgresGroup);
      queue_.erase(queue_.begin(), queue_.begin() + kMaxPostgresGroup);
    } else {
      batch.swap(queue_);
    }
    lock.unlock();
    const auto started = std::chrono::steady_clock::now();
    const bool rerun = run_batch(batch);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    lock.lock();
    stats_.busy_seconds += took.count();
    ++stats_.batches;
    stats_.reruns += rerun;
    stats_.writes += static_cast<long long>(batch.size());
    for (WriteJob* j : batch) {
      j->done = true;
      j->wake.notify_one();
    }
  }
}

std::size_t Database::queued_writes() {
  std::lock_guard<std::mutex> lock(queue_mutex_);
  return queue_.size();
}

Database::WriteStats Database::write_stats() {
  std::lock_guard<std::mutex> lock(queue_mutex_);
  return stats_;
}

// The group's control statements on the writer connection. SQLite's are prepared once: at
// thousands of transactions a second, parsing BEGIN/SAVEPOINT/COMMIT each time showed in
// profiles. PostgreSQL's go as simple queries of two commands each (RELEASE w; SAVEPOINT w),
// so that a group with savepoints adds one round trip per write; a group without them
// (run_optimistic) adds none.
class Database::BatchControl {
 public:
  BatchControl(soci::session& s, Backend backend) : s_(s), postgres_(backend == Backend::Postgres) {
    if (postgres_) return;
    begin_.emplace(s.prepare << "BEGIN IMMEDIATE");
    savepoint_.emplace(s.prepare << "SAVEPOINT w");
    rollback_to_.emplace(s.prepare << "ROLLBACK TO w");
    release_.emplace(s.prepare << "RELEASE w");
    commit_.emplace(s.prepare << "COMMIT");
  }
  // Starts the transaction, and with `grouped` the first write's savepoint.
  void begin(bool grouped) {
    if (postgres_) postgres(grouped ? "BEGIN; SAVEPOINT w" : "BEGIN");
    else {
      begin_->execute(true);
      if (grouped) savepoint_->execute(true);
    }
  }
  // Between two writes of a group: keeps the one before, starts the next one's savepoint.
  void next() {
    if (postgres_) postgres("RELEASE w; SAVEPOINT w");
    else {
      release_->execute(true);
      savepoint_->execute(true);
    }
  }
  // Undoes the current write of a group (its savepoint stays, as next() and commit() expect).
  void undo() {
    if (postgres_) postgres("ROLLBACK TO w");
    else rollback_to_->execute(true);
  }
  void commit(bool grouped) {
    if (postgres_) postgres(grouped ? "RELEASE w; COMMIT" : "COMMIT");
    else {
      if (grouped) release_->execute(true);
      commit_->execute(true);
    }
  }

 private:
  // Commands without parameters, sent as one simple query (SOCI would send each command of
  // the text as a statement of the extended protocol, which takes one command only).
  void postgres(const char* commands) {
    // A reconnect that failed (the database still down) leaves the session without a backend.
    auto* backend = static_cast<soci::postgresql_session_backend*>(s_.get_backend());
    if (!backend || !backend->conn_) throw std::runtime_error("not connected to PostgreSQL");
    PGconn* conn = backend->conn_;
    const std::unique_ptr<PGresult, void (*)(PGresult*)> r(PQexec(conn, commands), PQclear);
    if (!r || PQresultStatus(r.get()) != PGRES_COMMAND_OK)
      throw std::runtime_error(std::string(commands) + ": " + PQerrorMessage(conn));
  }

  soci::session& s_;
  bool postgres_;
  std::optional<soci::statement> begin_, savepoint_, rollback_to_, release_, commit_;
};

void Database::rollback_quietly(soci::session& s) noexcept {
  try {
    s.rollback();
  } catch (...) {
  }
}

// PostgreSQL's control commands are round trips too: each write counts the one that starts it,
// the first write the BEGIN, the last the COMMIT (SQLite counts statements of its writes only).
template <class Command>
void Database::counted_for(soci::session& s, const WriteJob* j, Command&& command) {
  if (backend_ != Backend::Postgres) return command();
  RoundTripAdoption adopted(j->round_trips);
  RoundTripCounting traced(s);
  command();
}

// A write's statements count for its caller's request, on both backends.
bool Database::run_job(soci::session& s, WriteJob* j) {
  RoundTripAdoption counted(j->round_trips);
  RoundTripCounting traced(s);
  return j->run(s);
}

bool Database::run_batch(const std::vector<WriteJob*>& batch) {
  for (WriteJob* j : batch) j->threw = false;
  bool rerun = false;
  if (backend_ == Backend::Postgres && batch.size() > 1) {
    if (safe_groups_left_ == 0) {
      if (run_optimistic(batch)) return false;
      safe_groups_left_ = kSafeGroupsAfterMiss;
      rerun = true;
    } else {
      --safe_groups_left_;
    }
  }
  run_group(batch);
  // On PostgreSQL a write of a group can fail for the group's sake alone: each write locks its
  // office's chain head (and counters) in its own order, so two servers' groups can deadlock
  // where their writes one by one would not. A write that threw inside a group therefore runs
  // once more in a transaction of its own (its error, if it has one, is then its own).
  if (backend_ != Backend::Postgres || batch.size() < 2) return rerun;
  for (WriteJob* j : batch)
    if (j->threw) run_group({j});
  return rerun;
}

bool Database::start_group(const std::vector<WriteJob*>& batch, bool savepoints) {
  soci::session& s = *write_session_;
  try {
    try {
      if (!batch_control_) batch_control_ = std::make_unique<BatchControl>(s, backend_);
      counted_for(s, batch.front(), [&] { batch_control_->begin(savepoints); });
    } catch (const std::exception&) {
      // Nothing was sent yet, so a PostgreSQL connection lost while idle (a database restart)
      // is renewed and the group goes ahead.
      if (!reconnect_if_lost(s)) throw;
      batch_control_ = std::make_unique<BatchControl>(s, backend_);
      batch_control_->begin(savepoints);
    }
  } catch (const std::exception& e) {
    for (WriteJob* j : batch) j->fail(database_error(e));
    rollback_quietly(s);
    return false;
  }
  return true;
}

// Nearly every write of a group succeeds, and on PostgreSQL a savepoint per write is a round
// trip per write. So a group first runs as one plain transaction; a write that fails or throws
// rolls the whole group back, and it runs again with a savepoint per write (run_group), which
// gives each write its own outcome. Every job's result is set again by that second run.
bool Database::run_optimistic(const std::vector<WriteJob*>& batch) {
  soci::session& s = *write_session_;
  if (!start_group(batch, false)) return true;
  for (WriteJob* j : batch) {
    bool ok = false;
    try {
      ok = run_job(s, j);
    } catch (const std::exception&) {
    }
    if (!ok) {
      rollback_quietly(s);
      return false;
    }
  }
  try {
    counted_for(s, batch.back(), [&] { batch_control_->commit(false); });
  } catch (const std::exception& e) {
    for (WriteJob* j : batch) j->fail(database_error(e));
    rollback_quietly(s);
  }
  return true;
}

void Database::run_group(const std::vector<WriteJob*>& batch) {
  soci::session& s = *write_session_;
  // A lone write needs no savepoint: its own error rolls the transaction back.
  const bool grouped = batch.size() > 1;
  if (!start_group(batch, grouped)) return;
  BatchControl& b = *batch_control_;
  std::size_t kept = 0;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    WriteJob* j = batch[i];
    try {
      if (i > 0) counted_for(s, j, [&] { b.next(); });
      const bool ok = run_job(s, j);
      if (grouped && !ok) b.undo();
      kept += ok;
      if (!grouped && !ok) {
        rollback_quietly(s);
        return;
      }
    } catch (const std::exception& e) {
      j->fail(database_error(e));
      j->threw = grouped;
      try {
        if (!grouped) {
          rollback_quietly(s);
          return;
        }
        b.undo();
      } catch (const std::exception& broken) {
        // The transaction itself is unusable (e.g. disk full, connection lost): nothing of the
        // batch is kept.
        for (WriteJob* other : batch) {
          other->fail(database_error(broken));
          other->threw = false;
        }
        rollback_quietly(s);
        return;
      }
    }
  }
  try {
    if (kept > 0) counted_for(s, batch.back(), [&] { b.commit(grouped); });
    else rollback_quietly(s);
  } catch (const std::exception& e) {
    for (WriteJob* j : batch) {
      j->fail(database_error(e));
      j->threw = false;
    }
    rollback_quietly(s);
  }
}

}  // namespace sp::store
