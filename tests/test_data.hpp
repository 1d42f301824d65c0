#pragma once
// Shared test fixtures: the repository's own definitions, loaded once.
#include <string>

#include "catalog/catalog_loader.hpp"

namespace sp::test {

std::string source_path(const std::string& relative);
// sop/ and calendar/id-holidays.yaml from the source tree; fails the test run if invalid.
const LoadedCatalog& seed_catalog();

}  // namespace sp::test
