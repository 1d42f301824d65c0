#pragma once
// Routes: method + path pattern ("/api/v1/applications/{id}") -> handler. Each route declares
// whether it needs a signed-in user; the API layer applies authentication, CSRF, idempotency,
// metrics and problem responses around it.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "http/http_message.hpp"
#include "service/app_context.hpp"
#include "service/principal.hpp"

namespace sp::http {

struct RequestContext {
  service::AppContext& app;
  const HttpRequest& request;
  std::map<std::string, std::string> params;   // from the path pattern
  std::optional<service::Principal> principal;  // set for authenticated routes
  std::optional<std::string> idempotency_key;
  std::string request_hash;
};

enum class Access : std::uint8_t { Public, SignedIn };

using Handler = std::function<HttpResponse(RequestContext&)>;

struct Route {
  std::string method;
  std::string pattern;
  Access access = Access::SignedIn;
  Handler handler;
  // What a public write accepts: JSON, except where a route takes a file (the verification upload).
  std::string body_type = "application/json";
};

class Router {
 public:
  void add(std::string method, std::string pattern, Access access, Handler h,
           std::string body_type = "application/json");
  struct Match {
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
    bool path_known = false;  // some route has this path (for 405)
  };
  Match match(const std::string& method, const std::string& path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace sp::http
