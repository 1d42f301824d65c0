#pragma once
// Versioned schema migrations, run by `satupintu migrate` and at server start. Each migration
// runs in its own transaction and is recorded in schema_migrations; running them again is a
// no-op. SQL is shared between SQLite and PostgreSQL except for a few placeholders.
#include "core/result.hpp"
#include "store/database.hpp"

namespace sp::store {

// Applies every migration not yet applied; returns the schema version reached.
Result<int> migrate(Database& db);
int latest_schema_version();

}  // namespace sp::store
