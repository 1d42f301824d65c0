#include "documents/pdf_nesting.hpp"

#include <zlib.h>

#include <string>

namespace sp::documents {

namespace {

bool is_delimiter_or_space(char c) {
  switch (c) {
    case ' ': case '\t': case '\r': case '\n': case '\f': case '\0':
    case '(': case ')': case '<': case '>': case '[': case ']': case '{': case '}': case '/': case '%':
      return true;
    default:
      return false;
  }
}

// Inflates a FlateDecode stream into `out`, at most `budget` bytes; stops quietly at the budget
// or at corrupt data (what was inflated so far is still scanned).
void inflate_some(std::string_view in, std::string& out, std::size_t budget) {
  z_stream z{};
  if (inflateInit(&z) != Z_OK) return;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(std::min<std::size_t>(in.size(), 0x7fffffff));
  char chunk[65536];
  while (out.size() < budget) {
    z.next_out = reinterpret_cast<Bytef*>(chunk);
    z.avail_out = sizeof chunk;
    const int rc = inflate(&z, Z_NO_FLUSH);
    const std::size_t got = sizeof chunk - z.avail_out;
    out.append(chunk, std::min(got, budget - out.size()));
    if (rc != Z_OK || got == 0) break;
  }
  inflateEnd(&z);
}

class Scanner {
 public:
  explicit Scanner(const NestingLimits& limits) : limits_(limits) {}

  // Scans `b`; `top` says whether streams in it are followed into (object streams hold no streams).
  bool scan(std::string_view b, bool top) {
    int depth = 0;
    std::size_t dict_start = 0;  // where the current top-level dictionary opened
    const std::size_t n = b.size();
    std::size_t i = 0;
    while (i < n) {
      const char c = b[i];
      if (c == '%') {  // comment to the end of the line
        while (i < n && b[i] != '\r' && b[i] != '\n') ++i;
      } else if (c == '(') {  // literal string: balanced parentheses, backslash escapes
        int level = 1;
        for (++i; i < n && level > 0; ++i) {
          if (b[i] == '\\') ++i;
          else if (b[i] == '(') ++level;
          else if (b[i] == ')') --level;
        }
      } else if (c == '<' && i + 1 < n && b[i + 1] == '<') {
        if (depth == 0) dict_start = i;
        if (!deeper(depth)) return false;
        i += 2;
      } else if (c == '<') {  // hex string
        while (i < n && b[i] != '>') ++i;
        ++i;
      } else if (c == '>' && i + 1 < n && b[i + 1] == '>') {
        if (depth > 0) --depth;
        i += 2;
      } else if (c == '[') {
        if (!deeper(depth)) return false;
        ++i;
      } else if (c == ']') {
        if (depth > 0) --depth;
        ++i;
      } else if (c == 's' && b.compare(i, 6, "stream") == 0 && (i == 0 || is_delimiter_or_space(b[i - 1])) &&
                 i + 6 < n && (b[i + 6] == '\r' || b[i + 6] == '\n')) {
        // Stream data is bytes, not syntax: skip to its end. An object stream's inflated text
        // is syntax again, and is scanned.
        std::size_t start = i + 6;
        if (b[start] == '\r') ++start;
        if (start < n && b[start] == '\n') ++start;
        const std::size_t end = b.find("endstream", start);
        const std::size_t stop = end == std::string_view::npos ? n : end;
        if (top && dict_start < i && b.substr(dict_start, i - dict_start).find("/ObjStm") != std::string_view::npos &&
            inflated_ < limits_.max_inflated_bytes) {
          std::string text;
          inflate_some(b.substr(start, stop - start), text, limits_.max_inflated_bytes - inflated_);
          inflated_ += text.size();
          if (!scan(text, false)) return false;
        }
        i = end == std::string_view::npos ? n : end + 9;
      } else {
        ++i;
      }
    }
    return true;
  }

 private:
  bool deeper(int& depth) const { return ++depth <= limits_.max_depth; }

  const NestingLimits& limits_;
  std::size_t inflated_ = 0;
};

}  // namespace

Result<bool> check_pdf_nesting(std::string_view pdf, const NestingLimits& limits) {
  Scanner scanner(limits);
  if (scanner.scan(pdf, true)) return true;
  return make_error("invalid_file", "the PDF nests its objects more than " + std::to_string(limits.max_depth) +
                                        " levels deep, which no genuine document does; it is not read");
}

}  // namespace sp::documents
