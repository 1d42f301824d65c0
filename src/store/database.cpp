#include "store/database.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include <filesystem>

namespace sp::store {

Database::Database(Backend b, std::string description, std::size_t pool_size)
    : backend_(b), description_(std::move(description)), pool_(std::make_unique<soci::connection_pool>(pool_size)),
      pool_size_(pool_size) {}

Database::~Database() = default;

Error database_error(const std::exception& e) {
  spdlog::error("database: {}", e.what());
  return make_error("database", "the database could not complete the request; try again");
}

namespace {
bool starts_with(const std::string& s, const char* p) { return s.rfind(p, 0) == 0; }
}  // namespace

Result<std::unique_ptr<Database>> Database::open(const std::string& url, std::size_t pool_size) {
  if (pool_size == 0) pool_size = 1;
  const bool pg = starts_with(url, "postgresql://") || starts_with(url, "postgres://");
  std::unique_ptr<Database> db(new Database(pg ? Backend::Postgres : Backend::Sqlite, url, pool_size));
  try {
    if (pg) {
      for (std::size_t i = 0; i < pool_size; ++i) db->pool_->at(i).open(soci::postgresql, url);
      db->description_ = "postgresql";
    } else {
      std::string path = starts_with(url, "sqlite:") ? url.substr(7) : url;
      const auto parent = std::filesystem::path(path).parent_path();
      std::error_code ec;
      if (!parent.empty()) std::filesystem::create_directories(parent, ec);
      for (std::size_t i = 0; i < pool_size; ++i) {
        soci::session& s = db->pool_->at(i);
        // timeout: seconds SQLite waits on a locked database before failing.
        s.open(soci::sqlite3, "db=" + path + " timeout=30");
        s << "PRAGMA journal_mode=WAL";
        // WAL + NORMAL survives a killed process; FULL would also survive power loss at the
        // cost of an fsync per commit.
        s << "PRAGMA synchronous=NORMAL";
        s << "PRAGMA foreign_keys=ON";
      }
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

}  // namespace sp::store
