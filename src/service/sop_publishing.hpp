#pragma once
// Each application runs the SOP version it started under. The first time a server sees an SOP
// version it stores the definition in the database; a later start refuses a definition that
// changed under the same version number, and re-loads stored versions whose files were removed,
// so publishing version 2 never changes the applications still running version 1. Versions an
// office admin publishes in the web app (sop_editing.hpp) live in the database alone: every
// server installs them at start, every refresh period, and at once when it meets an application
// that runs one it does not know yet.
#include "catalog/catalog.hpp"
#include "core/instant.hpp"
#include "core/result.hpp"
#include "store/records.hpp"

namespace sp::store {
class Store;
class Transaction;
}

namespace sp::service {

struct AppContext;

// Returns how many versions were newly published.
Result<int> publish_sop_versions(store::Store& store, const Catalog& catalog, Instant now);

// Installs a stored version in the catalog (nothing when it holds it already); returns it.
Result<const Sop*> install_published(const Catalog& catalog, const store::PublishedSop& published);

// Installs every stored version the catalog lacks; returns how many.
Result<int> refresh_sop_versions(AppContext& ctx);

// The version `code`@`version`, installed from the database when the catalog lacks it; null
// when it was never published.
const Sop* sop_version_in(store::Transaction& tx, const Catalog& catalog, const std::string& code, int version);

}  // namespace sp::service
