// The SOP definition parser and validator on arbitrary text: any input ends in a parsed SOP or
// in diagnostics, never in a crash, a hang or undefined behaviour.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "catalog/catalog_loader.hpp"
#include "catalog/sop_validator.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  sp::Catalog catalog;
  sp::Diagnostics problems;
  sp::load_definition_text(text, "fuzz.yaml", catalog, problems);
  for (const auto& sop : catalog.sops()) sp::validate_sop(sop, problems);
  // An office definition builds its working calendar too.
  catalog.finish(problems);
  return 0;
}
