#include "http/router.hpp"

namespace sp::http {

namespace {
std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i <= path.size()) {
    const auto j = path.find('/', i);
    const std::string part = path.substr(i, j == std::string::npos ? std::string::npos : j - i);
    if (!part.empty()) out.push_back(part);
    if (j == std::string::npos) break;
    i = j + 1;
  }
  return out;
}
}  // namespace

void Router::add(std::string method, std::string pattern, Access access, Handler h, std::string body_type) {
  routes_.push_back(Route{std::move(method), std::move(pattern), access, std::move(h), std::move(body_type)});
}

Router::Match Router::match(const std::string& method, const std::string& path) const {
  Match m;
  const auto parts = split(path);
  for (const auto& r : routes_) {
    const auto pat = split(r.pattern);
    if (pat.size() != parts.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (std::size_t i = 0; i < pat.size() && ok; ++i) {
      if (pat[i].size() > 2 && pat[i].front() == '{' && pat[i].back() == '}') params[pat[i].substr(1, pat[i].size() - 2)] = parts[i];
      else ok = pat[i] == parts[i];
    }
    if (!ok) continue;
    m.path_known = true;
    if (r.method == method || (method == "HEAD" && r.method == "GET")) {
      m.route = &r;
      m.params = std::move(params);
      return m;
    }
  }
  return m;
}

}  // namespace sp::http
