#include "http/api.hpp"

#include <fmt/format.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>

#include "auth/secrets.hpp"
#include "core/text.hpp"
#include "http/problem.hpp"
#include "service/accounts.hpp"
#include "service/idempotency.hpp"
#include "store/round_trips.hpp"

namespace sp::http {

namespace {

void security_headers(HttpResponse& r) {
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  if (r.same_origin_frame) {
    // A document shown inside the application page: framed by this origin only, and nothing in
    // it may run scripts or load anything (sandbox), whatever a PDF carries.
    r.headers.emplace_back("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; "
                                                      "frame-ancestors 'self'; sandbox");
    r.headers.emplace_back("X-Frame-Options", "SAMEORIGIN");
  } else {
    r.headers.emplace_back("Content-Security-Policy",
                           "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                           "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    r.headers.emplace_back("X-Frame-Options", "DENY");
  }
  r.headers.emplace_back("Referrer-Policy", "same-origin");
  // JSON is not stored unless its route says how long it may be (public, unchanging answers).
  const bool cache_said = std::any_of(r.headers.begin(), r.headers.end(),
                                      [](const auto& h) { return h.first == "Cache-Control"; });
  if (!cache_said && r.content_type.find("json") != std::string::npos) r.headers.emplace_back("Cache-Control", "no-store");
}

// One JSON object per line on stdout; the route pattern, never the raw path (paths can carry
// registration numbers). Buffered and flushed every second, so a request does not pay a write
// system call for its log line.
spdlog::logger& access_log() {
  static const std::shared_ptr<spdlog::logger> log = [] {
    auto l = spdlog::basic_logger_mt("access", "/dev/stdout");
    l->set_pattern("%v");
    l->flush_on(spdlog::level::warn);
    spdlog::flush_every(std::chrono::seconds(1));
    return l;
  }();
  return *log;
}

std::string utc_timestamp() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[80];
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

RateLimit scaled(RateLimit l, double scale) { return {l.burst * scale, l.per_minute * scale}; }

// Problems are titled in Indonesian; a client whose first language preference is English gets
// the English title (the stable `code` is the same either way).
bool prefers_english(const HttpRequest& req) {
  const auto accept = req.header("accept-language");
  if (!accept) return false;
  const std::string first = accept->substr(0, accept->find(','));
  return first.size() >= 2 && (first[0] == 'e' || first[0] == 'E') && (first[1] == 'n' || first[1] == 'N');
}

void localize_problem(HttpResponse& res) {
  auto j = nlohmann::json::parse(res.body, nullptr, false);
  if (!j.is_object() || !j.contains("code") || !j["code"].is_string()) return;
  j["title"] = problem_title(j["code"].get<std::string>(), Language::English);
  res.body = json_text(j);
}

}  // namespace

std::string client_address(const HttpRequest& req, bool trust_forwarded_for) {
  if (trust_forwarded_for)
    if (auto forwarded = req.header("x-forwarded-for")) {
      // The proxy appends the address it saw; anything before it came from the client.
      std::string last = forwarded->substr(forwarded->rfind(',') == std::string::npos ? 0 : forwarded->rfind(',') + 1);
      last.erase(0, last.find_first_not_of(' '));
      last.erase(last.find_last_not_of(' ') + 1);
      if (!last.empty() && last.size() <= 64) return last;
    }
  return req.peer_address;
}

// Per client address, on what anyone may call without an account: checking a PDF costs a parse
// in a worker; lookups and account requests are what enumeration and password guessing need.
// An office's staff may share one address behind its router, so sign-in allows a morning's
// burst of 30 (each account also has its own failure limit, service/accounts.cpp).
Api::Api(service::AppContext& app, const std::string& web_root)
    : app_(app),
      web_(web_root),
      verify_uploads_(scaled({5, 12}, app.settings.rate_limit_scale)),
      lookups_(scaled({60, 120}, app.settings.rate_limit_scale)),
      account_requests_(scaled({30, 60}, app.settings.rate_limit_scale)) {
  add_system_routes(router_, metrics_, draining_);
  add_catalog_routes(router_);
  add_closure_routes(router_);
  add_sop_version_routes(router_);
  add_survey_routes(router_);
  add_register_routes(router_);
  add_dashboard_routes(router_);
  add_report_routes(router_);
  add_notification_routes(router_);
  add_complaint_routes(router_);
  add_account_routes(router_);
  add_application_routes(router_);
  add_verification_routes(router_);
}

std::vector<std::pair<std::string, std::string>> route_table() {
  Router r;
  Metrics metrics;
  std::atomic<bool> draining{false};
  add_system_routes(r, metrics, draining);
  add_catalog_routes(r);
  add_closure_routes(r);
  add_sop_version_routes(r);
  add_survey_routes(r);
  add_register_routes(r);
  add_dashboard_routes(r);
  add_report_routes(r);
  add_notification_routes(r);
  add_complaint_routes(r);
  add_account_routes(r);
  add_application_routes(r);
  add_verification_routes(r);
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& route : r.routes()) out.emplace_back(route.method, route.pattern);
  return out;
}

RateLimiter* Api::limiter_for(const Route& route) {
  if (app_.settings.rate_limit_scale <= 0 || route.access != Access::Public) return nullptr;
  const std::string& p = route.pattern;
  if (route.method == "POST" && p == "/api/v1/verify/{code}") return &verify_uploads_;
  if (route.method == "GET" &&
      (p == "/verify/{code}" || p == "/api/v1/verify/{code}" || p == "/api/v1/status" || p == "/api/v1/complaints/{number}"))
    return &lookups_;
  // Filing a complaint and adding its files: anyone may, so per address as for account requests
  // (each contact is also limited in the database, service/complaints.cpp).
  if (route.method == "POST" && p.rfind("/api/v1/complaints", 0) == 0) return &account_requests_;
  if (route.method == "POST" && p.rfind("/api/v1/session", 0) == 0) return &account_requests_;
  if (route.method == "POST" && p.rfind("/api/v1/accounts", 0) == 0) return &account_requests_;
  return nullptr;
}

HttpResponse Api::dispatch(const HttpRequest& req, std::string& route_name) {
  // Text in the path and the query reaches services (a requirement code, a file name) and may be
  // stored: refuse what is not clean UTF-8 before anything else sees it.
  if (auto why = text_problem(req.path, TextKind::Single))
    return problem_from(field_error("path", "not_text", *why));
  for (const auto& [key, value] : req.query) {
    auto why = text_problem(key, TextKind::Single);
    if (!why) why = text_problem(value, TextKind::Single);
    if (why) {
      const std::string field = valid_utf8(key) ? key : "query";
      return problem_from(field_error(field, "not_text", *why));
    }
  }
  auto m = router_.match(req.method, req.path);
  if (!m.route) {
    if (req.method == "GET" || req.method == "HEAD")
      if (auto page = web_.serve(req.path)) {
        route_name = "web";
        return *page;
      }
    route_name = "unmatched";
    return m.path_known ? problem(405, "method_not_allowed", req.method + " is not allowed on " + req.path)
                        : problem(404, "not_found", "no such resource: " + req.path);
  }
  route_name = m.route->pattern;
  if (RateLimiter* limiter = limiter_for(*m.route)) {
    long long retry_after = 0;
    if (!limiter->allow(client_address(req, app_.settings.trust_forwarded_for), std::chrono::steady_clock::now(),
                        retry_after)) {
      auto res = problem(429, "rate_limited",
                         "too many requests from this address; try again in " + std::to_string(retry_after) + " s");
      res.headers.emplace_back("Retry-After", std::to_string(retry_after));
      return res;
    }
  }
  RequestContext ctx{app_, req, std::move(m.params), std::nullopt, std::nullopt, {}};

  // Authentication: a bearer token (API clients) or the session cookie (browsers).
  const auto token = req.bearer_token();
  const auto cookie = req.cookie("sp_session");
  if (token || cookie) {
    auto p = service::authenticate(app_, token ? *token : *cookie);
    if (p) {
      if (token) p->via_cookie = false;
      ctx.principal = std::move(*p);
    } else if (m.route->access == Access::SignedIn) {
      return problem_from(p.error());
    }
  }
  if (m.route->access == Access::SignedIn && !ctx.principal)
    return problem(401, "unauthenticated", "sign in first (session cookie or Authorization: Bearer)");

  // Public writes (registration, sign-in, password links) take JSON only: a cross-site HTML form
  // cannot send application/json without the browser asking this server first. The one public
  // route that takes a file (checking a PDF against its issued copy) changes nothing.
  if (m.route->access == Access::Public && is_write_method(req.method)) {
    const auto type = req.header("content-type");
    if (!type || type->rfind(m.route->body_type, 0) != 0)
      return problem(415, "unsupported_media_type", "send the body as " + m.route->body_type);
  }
  // CSRF: a cookie-authenticated write must echo the session's token in X-CSRF-Token. Public
  // routes do not act on the session, so signing in again needs no token.
  if (m.route->access == Access::SignedIn && ctx.principal && ctx.principal->via_cookie && is_write_method(req.method)) {
    auto sent = req.header("x-csrf-token");
    if (!sent || !auth::same_secret(*sent, ctx.principal->csrf_token))
      return problem(403, "csrf", "send the session's CSRF token in the X-CSRF-Token header");
  }

  // Idempotency-Key: replay a finished request, refuse a different one under the same key.
  if (auto key = req.header("idempotency-key"); key && ctx.principal && req.method == "POST") {
    const bool printable = std::all_of(key->begin(), key->end(), [](char c) { return c >= 0x21 && c <= 0x7e; });
    if (key->empty() || key->size() > 200 || !printable)
      return problem_from(field_error("Idempotency-Key", "wrong_type", "1 to 200 printable ASCII characters"));
    ctx.idempotency_key = *key;
    ctx.request_hash = auth::sha256_hex(req.method + " " + req.path + "\n" + req.body);
    auto found = service::find_idempotent_response(app_, ctx.principal->user_id.value, *key);
    if (!found) return problem_from(found.error());
    if (*found) {
      const auto& stored = **found;
      if (stored.request_hash != ctx.request_hash)
        return problem(422, "idempotency_mismatch", "this Idempotency-Key was used for a different request");
      if (stored.status == 0)
        return problem(409, "idempotency_in_progress", "a request with this Idempotency-Key is still being processed");
      HttpResponse replay;
      replay.status = stored.status;
      replay.body = stored.body;
      replay.headers.emplace_back("Idempotent-Replayed", "true");
      return replay;
    }
  }

  HttpResponse res = m.route->handler(ctx);
  if (ctx.idempotency_key && res.status >= 200 && res.status < 300)
    (void)service::store_idempotent_response(app_, ctx.principal->user_id.value, *ctx.idempotency_key, ctx.request_hash,
                                             res.status, res.body);
  return res;
}

HttpResponse Api::handle(const HttpRequest& req) {
  const auto start = std::chrono::steady_clock::now();
  std::string route = "unmatched";
  HttpResponse res;
  if (is_write_method(req.method)) app_.api_writes.fetch_add(1, std::memory_order_relaxed);
  // Every Nth request's database round trips are counted: counting PostgreSQL's costs real time.
  std::optional<store::RoundTripScope> round_trips;
  static thread_local unsigned long long requests = 0;
  const auto every = static_cast<unsigned long long>(std::max(1, app_.settings.round_trip_sample_every));
  if (++requests % every == 0) round_trips.emplace();
  try {
    res = dispatch(req, route);
  } catch (const std::exception& e) {
    spdlog::error("unhandled error on {} {}: {}", req.method, req.path, e.what());
    res = problem(500, "internal", "an internal error occurred; it has been logged");
  }
  if (res.content_type == "application/problem+json" && prefers_english(req)) localize_problem(res);
  security_headers(res);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  metrics_.observe(req.method, route, res.status, seconds,
                   round_trips ? std::optional<long long>(round_trips->count()) : std::nullopt);
  // Method and route are tokens from the HTTP parser and our route table: nothing to escape.
  access_log().info(
      fmt::format(R"({{"ts":"{}","msg":"request","method":"{}","route":"{}","status":{},"ms":{:.2f},"bytes":{}}})",
                  utc_timestamp(), req.method, route, res.status, seconds * 1000, res.body.size()));
  return res;
}

}  // namespace sp::http
