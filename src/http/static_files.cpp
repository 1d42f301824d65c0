#include "http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace sp::http {

namespace fs = std::filesystem;

namespace {

std::string content_type_of(const fs::path& p) {
  static const std::map<std::string, std::string> types{
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},   {".json", "application/json"},
      {".svg", "image/svg+xml"},             {".png", "image/png"},
      {".ico", "image/x-icon"},              {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"}, {".webmanifest", "application/manifest+json"}};
  const auto it = types.find(p.extension().string());
  return it == types.end() ? "application/octet-stream" : it->second;
}

bool api_path(const std::string& path) {
  for (const char* prefix : {"/api/", "/verify/", "/healthz", "/readyz", "/metrics"})
    if (path.rfind(prefix, 0) == 0) return true;
  return false;
}

}  // namespace

StaticFiles::StaticFiles(const std::string& root) {
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::stringstream body;
    body << in.rdbuf();
    const std::string key = "/" + fs::relative(it->path(), root).generic_string();
    files_[key] = File{content_type_of(it->path()), body.str()};
  }
}

std::optional<HttpResponse> StaticFiles::serve(const std::string& path) const {
  if (files_.empty() || api_path(path)) return std::nullopt;
  HttpResponse res;
  // Only names loaded at start are served, so "..", NUL and absolute paths find nothing.
  if (auto it = files_.find(path); it != files_.end() && path != "/index.html") {
    res.content_type = it->second.content_type;
    res.body = it->second.body;
    // Vite names assets by content hash: a changed file gets a new name.
    res.headers.emplace_back("Cache-Control", path.rfind("/assets/", 0) == 0 ? "public, max-age=31536000, immutable"
                                                                             : "no-cache");
    return res;
  }
  if (path.rfind("/assets/", 0) == 0) return std::nullopt;  // a missing asset is a 404, not the app
  const auto index = files_.find("/index.html");
  if (index == files_.end()) return std::nullopt;
  res.content_type = index->second.content_type;
  res.body = index->second.body;
  res.headers.emplace_back("Cache-Control", "no-cache");
  return res;
}

}  // namespace sp::http
