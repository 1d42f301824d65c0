#include "store/sqlite_backup.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <memory>

namespace sp::store {

namespace {

struct Closer {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Handle = std::unique_ptr<sqlite3, Closer>;

Result<Handle> open_file(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Handle db(raw);
  if (rc != SQLITE_OK)
    return make_error("database", path + ": " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  sqlite3_busy_timeout(raw, 30000);
  return db;
}

Error sqlite_error(sqlite3* db, const std::string& what) {
  return make_error("database", what + ": " + sqlite3_errmsg(db));
}

bool fsync_path(const std::string& path, bool directory) {
  const int fd = ::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

}  // namespace

Result<std::string> sqlite_path_of(const std::string& url) {
  if (url.rfind("postgres", 0) == 0)
    return make_error("invalid_argument", "a PostgreSQL database is backed up with pg_dump or pg_basebackup (docs/BACKUP.md)");
  return url.rfind("sqlite:", 0) == 0 ? url.substr(7) : url;
}

Result<bool> sqlite_online_backup(const std::string& source_path, const std::string& dest_path) {
  std::error_code ec;
  if (std::filesystem::exists(dest_path, ec)) return make_error("exists", dest_path + " exists already");
  if (!std::filesystem::exists(source_path, ec)) return make_error("not_found", source_path + ": no such database");
  auto src = open_file(source_path, SQLITE_OPEN_READONLY);
  if (!src) return src.error();
  auto dst = open_file(dest_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!dst) return dst.error();
  sqlite3_backup* b = sqlite3_backup_init(dst->get(), "main", src->get(), "main");
  if (!b) return sqlite_error(dst->get(), "cannot start the backup");
  // -1: every page in one step, inside one read transaction of the source.
  int rc = sqlite3_backup_step(b, -1);
  for (int tries = 0; (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && tries < 300; ++tries) {
    sqlite3_sleep(100);
    rc = sqlite3_backup_step(b, -1);
  }
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) return make_error("database", std::string("backup failed: ") + sqlite3_errstr(rc));
  // The copy carries the source's WAL mode in its header; a backup is one self-contained file.
  char* err = nullptr;
  if (sqlite3_exec(dst->get(), "PRAGMA journal_mode=DELETE", nullptr, nullptr, &err) != SQLITE_OK) {
    std::string m = err ? err : "?";
    sqlite3_free(err);
    return make_error("database", "backup: " + m);
  }
  dst->reset();
  const auto parent = std::filesystem::path(dest_path).parent_path();
  if (!fsync_path(dest_path, false) || !fsync_path(parent.empty() ? "." : parent.string(), true))
    return make_error("storage", "cannot flush " + dest_path);
  return true;
}

Result<SnapshotFacts> sqlite_snapshot_facts(const std::string& path) {
  auto db = open_file(path, SQLITE_OPEN_READONLY);
  if (!db) return db.error();
  SnapshotFacts facts;
  const auto query = [&](const char* sql, auto&& row) -> Result<bool> {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db->get(), sql, -1, &st, nullptr) != SQLITE_OK) return sqlite_error(db->get(), path);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) row(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return sqlite_error(db->get(), path);
    return true;
  };
  if (auto ok = query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
                      [&](sqlite3_stmt* st) { facts.schema_version = sqlite3_column_int(st, 0); });
      !ok)
    return ok.error();
  if (auto ok = query("SELECT sha256 FROM documents UNION SELECT sha256 FROM generated_documents "
                      "WHERE sha256 IS NOT NULL ORDER BY 1",
                      [&](sqlite3_stmt* st) {
                        const auto* text = sqlite3_column_text(st, 0);
                        if (text) facts.blobs.emplace_back(reinterpret_cast<const char*>(text));
                      });
      !ok)
    return ok.error();
  return facts;
}

}  // namespace sp::store
