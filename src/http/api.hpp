#pragma once
// The HTTP API as a function from request to response: routing, authentication (session
// cookie or bearer token), CSRF on cookie-authenticated writes, Idempotency-Key replay,
// security headers, metrics and JSON access logs. Never throws.
#include <atomic>
#include <memory>

#include "http/metrics.hpp"
#include "http/rate_limiter.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"

namespace sp::http {

class Api {
 public:
  // `web_root`: the built browser app (web/dist); empty serves none.
  explicit Api(service::AppContext& app, const std::string& web_root = "");
  HttpResponse handle(const HttpRequest& req);

  Metrics& metrics() { return metrics_; }
  const Router& router() const { return router_; }
  // While draining (shutdown), /readyz answers 503 so load balancers stop sending traffic.
  void set_draining() { draining_ = true; }
  bool draining() const { return draining_; }

 private:
  HttpResponse dispatch(const HttpRequest& req, std::string& route_name);
  // The per-address limiter of a route anyone may call, or null (see the table in api.cpp).
  RateLimiter* limiter_for(const Route& route);
  service::AppContext& app_;
  Router router_;
  StaticFiles web_;
  Metrics metrics_;
  std::atomic<bool> draining_{false};
  RateLimiter verify_uploads_, lookups_, account_requests_;
};

// Who is asking: the TCP peer, or behind a trusted proxy the last X-Forwarded-For address.
std::string client_address(const HttpRequest& req, bool trust_forwarded_for);

// Route registration, one function per group of handlers.
void add_system_routes(Router& r, Metrics& metrics, const std::atomic<bool>& draining);
void add_catalog_routes(Router& r);
void add_closure_routes(Router& r);
void add_sop_version_routes(Router& r);
void add_survey_routes(Router& r);
void add_register_routes(Router& r);
void add_dashboard_routes(Router& r);
void add_report_routes(Router& r);
void add_notification_routes(Router& r);
void add_complaint_routes(Router& r);
void add_account_routes(Router& r);
void add_application_routes(Router& r);
void add_verification_routes(Router& r);

// Every route as (method, pattern), for `satupintu routes` and the OpenAPI check.
std::vector<std::pair<std::string, std::string>> route_table();

}  // namespace sp::http
