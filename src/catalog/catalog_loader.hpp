#pragma once
// Reads definition files from disk into a Catalog. Directories are searched recursively for
// *.yaml / *.yml; each file says what it holds with `kind: office | sop | national-calendar`.
// A single SOP file brings in the office.yaml beside it, so one file can be validated alone.
#include <string>
#include <vector>

#include "catalog/catalog.hpp"

namespace sp {

struct LoadedCatalog {
  Catalog catalog;
  Diagnostics problems;  // empty when every definition is valid
  std::vector<std::string> files;  // the files read, in order
};

// Never throws on bad input: unreadable, empty, binary or malformed files become diagnostics.
LoadedCatalog load_catalog(const std::vector<std::string>& paths);

// Parses one definition held in memory (used by the loader and by tests/fuzzers).
void load_definition_text(std::string_view text, const std::string& file, Catalog& into, Diagnostics& out);

}  // namespace sp
