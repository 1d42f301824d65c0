#pragma once
// A bounded pre-parse scan of untrusted PDF bytes for how deeply their objects nest.
//
// PoDoFo 0.9.8's parser recurses once per nested dictionary or array. A dictionary nested about
// 30,000 levels deep (270 KB) overflows a thread's 8 MiB stack, and one nested 1,000 levels deep
// (10 KB) costs seconds of CPU before the parser gives up. No genuine document nests anywhere
// near that deep, so files beyond a fixed depth are refused here, in one linear pass, before any
// parser sees them. The scan is the cheap first line; the parser still runs in a worker process
// (sandbox/) in case a file gets past it.
#include <cstddef>
#include <string_view>

#include "core/result.hpp"

namespace sp::documents {

struct NestingLimits {
  int max_depth = 64;  // dictionaries and arrays inside one another
  // Object streams (/Type /ObjStm) hold objects compressed; their inflated text is scanned too,
  // up to this many bytes in all (the rest is left to the worker's memory and time limits).
  std::size_t max_inflated_bytes = 64u << 20;
};

// Success: no object nests deeper than the limit. Error invalid_file, with the depth reached,
// otherwise. Runs in time linear in the input (plus the bounded inflation) with constant stack.
Result<bool> check_pdf_nesting(std::string_view pdf, const NestingLimits& limits = {});

}  // namespace sp::documents
