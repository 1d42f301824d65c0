#include "store/sql_store.hpp"

#include "store/database.hpp"
#include "store/sql/sql_transaction.hpp"

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

}  // namespace sp::store
