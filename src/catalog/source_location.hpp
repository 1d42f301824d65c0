#pragma once
// Where a definition came from, so every problem can be reported as `file:line: reason`.
#include <string>
#include <vector>

namespace sp {

struct SourceLocation {
  std::string file;
  int line = 0;  // 1-based; 0 when unknown
};

struct Diagnostic {
  SourceLocation where;
  std::string message;
  std::string to_string() const {
    return where.file + ":" + std::to_string(where.line) + ": " + message;
  }
};

using Diagnostics = std::vector<Diagnostic>;

}  // namespace sp
