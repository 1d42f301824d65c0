#pragma once
// SQLite's side of `satupintu backup`: an online copy of a live database file, and what a copy
// names in the blob store. PostgreSQL is backed up with its own tools (docs/BACKUP.md).
#include <string>
#include <vector>

#include "core/result.hpp"

namespace sp::store {

// Copies the database at `source_path` into a new file `dest_path` through SQLite's backup API,
// in one step: one read transaction, so the copy is one consistent snapshot (every transaction
// committed before the copy began, none after), and in WAL mode the server's writers carry on
// meanwhile. The copy is flushed to disk and left in rollback-journal mode, a single file.
// Fails when `dest_path` exists or either file cannot be opened.
Result<bool> sqlite_online_backup(const std::string& source_path, const std::string& dest_path);

struct SnapshotFacts {
  int schema_version = 0;
  std::vector<std::string> blobs;  // SHA-256 keys of uploaded and generated documents, sorted, unique
};

// Reads the schema version and the blob keys a database file names (a backup copy).
Result<SnapshotFacts> sqlite_snapshot_facts(const std::string& path);

// The file path of a `sqlite:PATH` (or plain PATH) database URL; an error for PostgreSQL.
Result<std::string> sqlite_path_of(const std::string& url);

}  // namespace sp::store
