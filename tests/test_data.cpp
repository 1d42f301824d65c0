#include "test_data.hpp"

#include <gtest/gtest.h>

namespace sp::test {

std::string source_path(const std::string& relative) { return std::string(SATUPINTU_SOURCE_DIR) + "/" + relative; }

const LoadedCatalog& seed_catalog() {
  static const LoadedCatalog loaded = [] {
    LoadedCatalog c = load_catalog({source_path("calendar/id-holidays.yaml"), source_path("sop")});
    for (const auto& p : c.problems) ADD_FAILURE() << p.to_string();
    return c;
  }();
  return loaded;
}

}  // namespace sp::test
