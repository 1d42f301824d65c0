#pragma once
// The Store over SQLite or PostgreSQL (store/database.hpp): each unit of work is one transaction
// of the Database, with SQL repositories bound to its session. It is also the database's Monitor.
#include "store/monitor.hpp"
#include "store/store.hpp"

namespace sp::store {

class Database;

class SqlStore final : public Store, public Monitor {
 public:
  explicit SqlStore(Database& db) : db_(db) {}

  Result<bool> ping() override;
  Result<OperationalGauges> gauges(Instant now) override;
  std::optional<WriterLoad> writer_load() override;
  Result<std::unique_ptr<ChangeFeed>> follow_application_changes(std::function<void(long long)> on_change,
                                                                std::function<void(bool)> on_live) override;

 protected:
  void run_write(FunctionRef<bool(Transaction&)> body, FunctionRef<void(const Error&)> fail) override;
  void run_read(FunctionRef<bool(Transaction&)> body, FunctionRef<void(const Error&)> fail) override;

 private:
  Database& db_;
};

}  // namespace sp::store
