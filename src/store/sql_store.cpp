#include "store/sql_store.hpp"

#include "store/operational_gauges.hpp"

#include "store/sql/database_runs.hpp"
#include "store/postgres_listener.hpp"
#include "store/sql/sql_transaction.hpp"

#include <cstdlib>

namespace sp::store {

Dialect Dialect::of(Backend b) { return Dialect{b == Backend::Postgres}; }

namespace {
// Runs `body` through Database::write or read. A false body rolls back and has its result set
// already; any other failure (an exception, a failed COMMIT) is handed to `fail`.
template <class Run>
void run_unit(Run run, Dialect d, FunctionRef<bool(Transaction&)> body, FunctionRef<void(const Error&)> fail) {
  bool refused = false;
  auto r = run([&](soci::session& s) -> Result<bool> {
    SqlTransaction tx(s, d);
    if (body(tx)) return true;
    refused = true;
    return make_error("rolled_back", "");
  });
  if (!r && !refused) fail(r.error());
}
}  // namespace

void SqlStore::run_write(FunctionRef<bool(Transaction&)> body, FunctionRef<void(const Error&)> fail) {
  run_unit([this](auto&& fn) { return db_.write(fn); }, Dialect::of(db_.backend()), body, fail);
}

void SqlStore::run_read(FunctionRef<bool(Transaction&)> body, FunctionRef<void(const Error&)> fail) {
  run_unit([this](auto&& fn) { return db_.read(fn); }, Dialect::of(db_.backend()), body, fail);
}

Result<bool> SqlStore::ping() { return store::ping(db_); }

Result<OperationalGauges> SqlStore::gauges(Instant now) { return read_operational_gauges(db_, now); }

std::optional<WriterLoad> SqlStore::writer_load() {
  const auto stats = db_.write_stats();
  return WriterLoad{stats.batches, stats.writes, stats.busy_seconds, db_.queued_writes(), stats.reruns};
}

namespace {
class ListenerFeed final : public ChangeFeed {
 public:
  template <class... A>
  explicit ListenerFeed(A&&... a) : listener_(std::forward<A>(a)...) {}

 private:
  PostgresListener listener_;
};
}  // namespace

Result<std::unique_ptr<ChangeFeed>> SqlStore::follow_application_changes(std::function<void(long long)> on_change,
                                                                        std::function<void(bool)> on_live) {
  if (db_.backend() != Backend::Postgres) return std::unique_ptr<ChangeFeed>();
  auto keywords = postgres_keywords(db_.url());
  if (!keywords) return keywords.error();
  // The channel the applications table's trigger notifies (store/migrations.cpp), one id per change.
  return std::unique_ptr<ChangeFeed>(std::make_unique<ListenerFeed>(
      *keywords, "satupintu_applications",
      [on_change = std::move(on_change)](const char* id) { on_change(std::atoll(id)); }, std::move(on_live)));
}

}  // namespace sp::store
