#pragma once
// The Store over SQLite or PostgreSQL (store/database.hpp): each unit of work is one transaction
// of the Database, with SQL repositories bound to its session.
#include "store/store.hpp"

namespace sp::store {

class Database;

class SqlStore final : public Store {
 public:
  explicit SqlStore(Database& db) : db_(db) {}

 protected:
  void run_write(FunctionRef<bool(Transaction&)> body, FunctionRef<void(const Error&)> fail) override;
  void run_read(FunctionRef<bool(Transaction&)> body, FunctionRef<void(const Error&)> fail) override;

 private:
  Database& db_;
};

}  // namespace sp::store
