#pragma once
// Plain request and response values between the Beast server and the API. Handlers and
// routing see only these, so Boost.Beast stays inside server.cpp (it is expensive to compile).
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sp::http {

// Methods that may change state: they need CSRF checks, and they run on the writer threads.
inline bool is_write_method(std::string_view method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string target;  // raw target with query
  std::string path;    // decoded path without query
  std::map<std::string, std::string> query;
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  std::string body;
  bool tls = false;
  std::string peer_address;  // the TCP peer, as the server saw it

  std::optional<std::string> header(std::string_view name) const;
  std::optional<std::string> cookie(std::string_view name) const;
  // The token of "Authorization: Bearer <token>", if any.
  std::optional<std::string> bearer_token() const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // A stored document (PDF or image) that this site's own pages may show in a frame; every
  // other response refuses to be framed.
  bool same_origin_frame = false;
  // A file written for this response alone (an export): sent as the body from disk, so its size
  // costs no memory, and removed once opened. `body` is then unused.
  std::string body_file;
};

// Splits "path?a=1&b=x%20y" into a decoded path and query map; false when the escaping is bad.
bool parse_target(const std::string& target, std::string& path, std::map<std::string, std::string>& query);
std::string url_decode(std::string_view s, bool plus_is_space, bool& ok);

// A Content-Disposition value naming the file (RFC 6266): an ASCII `filename` in which anything
// but letters, digits, '.', '-' and '_' becomes '_' (so a stored name can neither end the quoted
// string nor the header), and the exact name as UTF-8 in `filename*`. No name: `disposition`.
std::string content_disposition(std::string_view disposition, std::string_view filename);

}  // namespace sp::http
