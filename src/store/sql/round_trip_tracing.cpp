#include "store/sql/round_trip_tracing.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <cstdio>
#include <cstring>
#include <mutex>
#include <string>
#include <unordered_map>

#include "store/round_trips.hpp"

namespace sp::store {

namespace {

// libpq writes its protocol trace (PQtrace) to a stream; this stream reads it line by line and
// counts the client's Sync and Query messages: each ends an exchange libpq waits on. Nothing of
// the trace is kept (it holds the statements' parameters).
struct TraceCounter {
  std::string line;

  void take(const char* data, std::size_t size) {
    for (std::size_t i = 0; i < size; ++i) {
      if (data[i] != '\n') {
        if (line.size() < 64) line += data[i];  // the message's name comes early in its line
        continue;
      }
      // "F\t<length>\t<message>..." with timestamps suppressed.
      if (line.rfind("F\t", 0) == 0) {
        const auto tab = line.find('\t', 2);
        if (tab != std::string::npos) {
          const char* name = line.c_str() + tab + 1;
          if (std::strncmp(name, "Sync", 4) == 0 || std::strncmp(name, "Query", 5) == 0) count_round_trip();
        }
      }
      line.clear();
    }
  }
};

ssize_t trace_write(void* cookie, const char* data, std::size_t size) {
  static_cast<TraceCounter*>(cookie)->take(data, size);
  return static_cast<ssize_t>(size);
}

int trace_close(void* cookie) {
  delete static_cast<TraceCounter*>(cookie);
  return 0;
}

// Each connection's counting stream. libpq never closes a trace stream, and SOCI gives no hook
// when it closes the connection: the streams stay for the process's life (one per connection,
// and one more per reconnect; a few bytes each).
std::mutex streams_mu;
std::unordered_map<PGconn*, FILE*> streams;

void prepare_postgres(PGconn* conn) {
  FILE* f = fopencookie(new TraceCounter, "w", cookie_io_functions_t{nullptr, trace_write, nullptr, trace_close});
  if (!f) return;
  std::setvbuf(f, nullptr, _IONBF, 0);
  std::lock_guard lock(streams_mu);
  streams[conn] = f;
}

FILE* stream_of(PGconn* conn) {
  std::lock_guard lock(streams_mu);
  auto it = streams.find(conn);
  return it == streams.end() ? nullptr : it->second;
}

PGconn* postgres_conn(soci::session& s) {
  // None after a reconnect that failed (get_backend_name would throw).
  if (!s.get_backend()) return nullptr;
  // SOCI's backends export no type information, so the backend's name tells which it is.
  if (s.get_backend_name() != "postgresql") return nullptr;
  return static_cast<soci::postgresql_session_backend*>(s.get_backend())->conn_;
}

int sqlite_statement(unsigned, void*, void*, void*) {
  count_round_trip();
  return 0;
}

}  // namespace

void trace_round_trips(soci::session& s) {
  if (PGconn* conn = postgres_conn(s)) {
    prepare_postgres(conn);
  } else if (s.get_backend_name() == "sqlite3") {
    sqlite_api::sqlite3_trace_v2(static_cast<soci::sqlite3_session_backend*>(s.get_backend())->conn_, SQLITE_TRACE_STMT,
                                 sqlite_statement, nullptr);
  }
}

RoundTripCounting::RoundTripCounting(soci::session& s) {
  if (!current_round_trip_scope()) return;
  PGconn* conn = postgres_conn(s);
  if (!conn) return;
  FILE* f = stream_of(conn);
  if (!f) return;
  PQtrace(conn, f);
  PQsetTraceFlags(conn, PQTRACE_SUPPRESS_TIMESTAMPS);
  traced_ = &s;
}

RoundTripCounting::~RoundTripCounting() {
  // The session's connection now: a lost one was replaced (and freed) by a reconnect, and the
  // new one was never traced, which PQuntrace allows.
  if (traced_)
    if (PGconn* conn = postgres_conn(*traced_)) PQuntrace(conn);
}

}  // namespace sp::store
