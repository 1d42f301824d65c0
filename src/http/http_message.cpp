#include "http/http_message.hpp"

#include <cctype>
#include <algorithm>

namespace sp::http {

std::optional<std::string> HttpRequest::header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (k == name) return v;
  return std::nullopt;
}

std::optional<std::string> HttpRequest::cookie(std::string_view name) const {
  auto all = header("cookie");
  if (!all) return std::nullopt;
  std::string_view rest = *all;
  while (!rest.empty()) {
    const auto semi = rest.find(';');
    std::string_view part = rest.substr(0, semi);
    rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    const auto eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) return std::string(part.substr(eq + 1));
  }
  return std::nullopt;
}

std::optional<std::string> HttpRequest::bearer_token() const {
  auto h = header("authorization");
  if (!h || h->rfind("Bearer ", 0) != 0) return std::nullopt;
  return h->substr(7);
}

std::string url_decode(std::string_view s, bool plus_is_space, bool& ok) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size() || !std::isxdigit(static_cast<unsigned char>(s[i + 1])) ||
          !std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
        ok = false;
        return {};
      }
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

bool parse_target(const std::string& target, std::string& path, std::map<std::string, std::string>& query) {
  bool ok = true;
  const auto q = target.find('?');
  path = url_decode(std::string_view(target).substr(0, q), false, ok);
  if (!ok || path.find('\0') != std::string::npos) return false;
  if (q == std::string::npos) return true;
  std::string_view rest = std::string_view(target).substr(q + 1);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string_view part = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
    const auto eq = part.find('=');
    const std::string key = url_decode(part.substr(0, eq), true, ok);
    const std::string value = eq == std::string_view::npos ? "" : url_decode(part.substr(eq + 1), true, ok);
    if (!ok) return false;
    query[key] = value;
  }
  return true;
}

std::string content_disposition(std::string_view disposition, std::string_view filename) {
  std::string out(disposition);
  if (filename.empty()) return out;
  std::string ascii, encoded;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (const char ch : filename) {
    const auto c = static_cast<unsigned char>(ch);
    const bool plain = std::isalnum(c) || c == '.' || c == '-' || c == '_';
    ascii += plain && c < 0x80 ? ch : '_';
    if (plain && c < 0x80) {
      encoded += ch;
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  return out + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

}  // namespace sp::http
