#include "signing/distinguished_name.hpp"

#include <cctype>
#include <vector>

namespace sp::signing {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool same_type(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

}  // namespace

std::optional<std::string> name_attribute(const std::string& text, const std::string& type) {
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    // attributeType '=' value, where the value runs to an unescaped ',' or '+'.
    const std::size_t eq = text.find('=', i);
    if (eq == std::string::npos) return std::nullopt;
    std::string key = text.substr(i, eq - i);
    while (!key.empty() && key.front() == ' ') key.erase(key.begin());
    std::string value;
    i = eq + 1;
    for (; i < n && text[i] != ',' && text[i] != '+'; ++i) {
      if (text[i] != '\\') {
        value += text[i];
        continue;
      }
      if (i + 1 >= n) return std::nullopt;
      const int hi = hex_value(text[i + 1]);
      const int lo = i + 2 < n ? hex_value(text[i + 2]) : -1;
      if (hi >= 0 && lo >= 0) {
        value += static_cast<char>(hi * 16 + lo);
        i += 2;
      } else {
        value += text[i + 1];
        ++i;
      }
    }
    if (same_type(key, type)) return value;
    ++i;  // past the separator
  }
  return std::nullopt;
}

}  // namespace sp::signing
