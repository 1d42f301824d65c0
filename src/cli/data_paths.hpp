#pragma once
// Where the CLI finds the definitions: --sop-dir / --holidays, else $SATUPINTU_SOP_DIR /
// $SATUPINTU_HOLIDAYS, else ./sop and ./calendar/id-holidays.yaml, else the source tree's.
#include <string>

#include "catalog/catalog_loader.hpp"

namespace sp::cli {

struct DataPaths {
  std::string sop_dir;
  std::string holidays;
};

DataPaths resolve_data_paths(const std::string& sop_flag, const std::string& holidays_flag);

// Loads the catalog; prints problems as `file:line: reason` to stderr and returns nullopt when
// any definition is invalid.
std::optional<LoadedCatalog> load_valid_catalog(const DataPaths& paths);

}  // namespace sp::cli
