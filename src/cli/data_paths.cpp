#include "cli/data_paths.hpp"

#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace sp::cli {

namespace {
std::string pick(const std::string& flag, const char* env, const std::string& local) {
  if (!flag.empty()) return flag;
  if (const char* e = std::getenv(env); e && *e) return e;
  std::error_code ec;
  if (std::filesystem::exists(local, ec)) return local;
  return std::string(SATUPINTU_DATA_DIR) + "/" + local;
}
}  // namespace

DataPaths resolve_data_paths(const std::string& sop_flag, const std::string& holidays_flag) {
  return DataPaths{pick(sop_flag, "SATUPINTU_SOP_DIR", "sop"),
                   pick(holidays_flag, "SATUPINTU_HOLIDAYS", "calendar/id-holidays.yaml")};
}

std::optional<LoadedCatalog> load_valid_catalog(const DataPaths& paths) {
  LoadedCatalog loaded = load_catalog({paths.holidays, paths.sop_dir});
  if (loaded.problems.empty()) return loaded;
  for (const auto& p : loaded.problems) std::cerr << p.to_string() << "\n";
  std::cerr << "satupintu: the definitions have " << loaded.problems.size()
            << " problem(s); fix them (see `satupintu sop validate`)\n";
  return std::nullopt;
}

}  // namespace sp::cli
