#pragma once
// Indonesia's administrative areas as Kemendagri codes them: provinces (32), regencies and
// cities (32.14), districts (32.14.01) and villages (32.14.01.2001). The choices of an address
// field, read once at start from a data file set (idn-area-data's CSVs: provinces.csv with
// code,name; regencies.csv, districts.csv and villages.csv with code,parent code,name). Pure: the
// caller reads the files. A child's code extends its parent's, which the loader checks.
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "catalog/source_location.hpp"

namespace sp::forms {

enum class RegionLevel : std::uint8_t { Province, Regency, District, Village };

struct Region {
  std::string code, name;
  RegionLevel level = RegionLevel::Province;
};

// One CSV file's text and its name, for file:line messages.
struct RegionFile {
  std::string name, text;
};

class RegionDirectory {
 public:
  // The four files, provinces first. Problems (a bad line, a code that does not extend its
  // parent's, a parent that does not exist) are reported as file:line; nullopt when any.
  static std::optional<RegionDirectory> parse(const RegionFile& provinces, const RegionFile& regencies,
                                              const RegionFile& districts, const RegionFile& villages,
                                              Diagnostics& out);

  const Region* find(std::string_view code) const;
  // The regions directly under `parent` ("": the provinces), in the files' order.
  std::vector<const Region*> children(std::string_view parent) const;
  std::size_t size() const { return regions_.size(); }

 private:
  std::vector<Region> regions_;
  std::unordered_map<std::string, std::size_t> by_code_;
  std::unordered_map<std::string, std::vector<std::size_t>> children_;  // by parent code
};

// The code of the region above `code` ("32.14.01" -> "32.14"; a province: "").
std::string parent_code(std::string_view code);
// The level a code's shape says (two digits; then .NN; .NN; .NNNN), or nullopt when malformed.
std::optional<RegionLevel> level_of(std::string_view code);

}  // namespace sp::forms
