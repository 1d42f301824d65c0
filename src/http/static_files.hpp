#pragma once
// The browser app's built files (web/dist), served from memory: hashed assets cached for a year,
// index.html never cached, and every other GET that is not an API path answered with index.html
// so the app's own routes work on reload (SPA fallback).
#include <map>
#include <optional>
#include <string>

#include "http/http_message.hpp"

namespace sp::http {

class StaticFiles {
 public:
  // Loads every file under `root`; an empty or missing folder serves nothing.
  explicit StaticFiles(const std::string& root);
  bool empty() const { return files_.empty(); }
  // The response for a GET or HEAD of `path`, or nullopt when it is not the app's to answer.
  std::optional<HttpResponse> serve(const std::string& path) const;

 private:
  struct File {
    std::string content_type, body;
  };
  std::map<std::string, File> files_;  // "/assets/index-abc.js" -> file
};

}  // namespace sp::http
