#pragma once
// Each application runs the SOP version it started under. The first time a server sees an SOP
// version it stores the definition in the database; a later start refuses a definition that
// changed under the same version number, and re-loads stored versions whose files were removed,
// so publishing version 2 never changes the applications still running version 1.
#include "catalog/catalog.hpp"
#include "core/instant.hpp"
#include "core/result.hpp"

namespace sp::store {
class Store;
}

namespace sp::service {

// Returns how many versions were newly published.
Result<int> publish_sop_versions(store::Store& store, Catalog& catalog, Instant now);

}  // namespace sp::service
