// /healthz, /readyz, /metrics and /api/openapi.json
#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "auth/secrets.hpp"
#include "http/api.hpp"
#include "http/handler_support.hpp"
#include "service/application_cache.hpp"
#include "store/monitor.hpp"
#include "store/operational_gauges.hpp"

namespace sp::http {

std::optional<long long> id_param(const RequestContext& ctx, const char* name) {
  auto it = ctx.params.find(name);
  if (it == ctx.params.end() || it->second.empty() || it->second.size() > 18) return std::nullopt;
  for (char c : it->second)
    if (c < '0' || c > '9') return std::nullopt;
  return std::stoll(it->second);
}

namespace {

HttpResponse text(std::string body, const char* type = "text/plain; charset=utf-8") {
  HttpResponse r;
  r.content_type = type;
  r.body = std::move(body);
  return r;
}

std::string gauge(const char* name, const char* help, const std::string& value) {
  return fmt::format("# HELP {0} {1}\n# TYPE {0} gauge\n{0} {2}\n", name, help, value);
}
std::string counter(const char* name, const char* help, const std::string& value) {
  return fmt::format("# HELP {0} {1}\n# TYPE {0} counter\n{0} {2}\n", name, help, value);
}
// Seconds since `at`, 0 when there is nothing waiting.
std::string age(const std::optional<Instant>& at, Instant now) {
  return std::to_string(at ? std::max<long long>(0, now.unix_seconds - at->unix_seconds) : 0);
}

std::string db_gauges(service::AppContext& app) {
  const Instant now = app.clock.now();
  if (!app.monitor) return "";
  auto g = app.monitor->gauges(now);
  if (!g) return "";
  std::string out =
      "# HELP satupintu_applications Applications by office, phase and outcome.\n"
      "# TYPE satupintu_applications gauge\n";
  for (const auto& c : g->applications)
    out += fmt::format("satupintu_applications{{office=\"{}\",phase=\"{}\",outcome=\"{}\"}} {}\n", c.office, c.phase,
                       c.outcome, c.count);
  out += gauge("satupintu_overdue_steps", "Applications whose current step is past its deadline.",
               std::to_string(g->overdue_steps));
  out += gauge("satupintu_outbox_backlog", "Mails not yet delivered.", std::to_string(g->mail_pending));
  out += gauge("satupintu_outbox_oldest_pending_seconds", "Age of the oldest mail not yet delivered (0: none).",
               age(g->oldest_pending_mail, now));
  out += gauge("satupintu_documents_pending", "Documents planned but not yet rendered (and signed).",
               std::to_string(g->documents_pending));
  out += gauge("satupintu_documents_oldest_pending_seconds", "Age of the oldest document not yet ready (0: none).",
               age(g->oldest_pending_document, now));
  if (const auto w = app.monitor->writer_load()) {
    // Group commit (both backends): one writer connection; busy seconds close to wall time mean
    // writes queue.
    out += gauge("satupintu_db_write_queue", "Writes waiting for the writer's next transaction.",
                 std::to_string(w->queued));
    out += counter("satupintu_db_write_batches_total", "Transactions committed by the writer (groups of writes).",
                   std::to_string(w->batches));
    out += counter("satupintu_db_writes_total", "Writes grouped into those transactions.", std::to_string(w->writes));
    out += counter("satupintu_db_write_group_reruns_total",
                   "Groups run again with a savepoint per write because one of their writes failed.",
                   std::to_string(w->reruns));
    out += counter("satupintu_db_writer_busy_seconds_total", "Time the writer spent in transactions.",
                   fmt::format("{:.3f}", w->busy_seconds));
  }
  if (const auto* cache = app.applications_cache) {
    out += counter("satupintu_status_cache_hits_total", "Status reads answered from the application cache.",
                   std::to_string(cache->hits()));
    out += counter("satupintu_status_cache_misses_total", "Status reads that went to the database.",
                   std::to_string(cache->misses()));
  }
  return out;
}

}  // namespace

void add_system_routes(Router& r, Metrics& metrics, const std::atomic<bool>& draining) {
  r.add("GET", "/healthz", Access::Public, [](RequestContext&) { return json_response({{"status", "ok"}}); });
  r.add("GET", "/readyz", Access::Public, [&draining](RequestContext& ctx) {
    if (draining) return problem(503, "unavailable", "shutting down");
    if (!ctx.app.monitor || !ctx.app.monitor->ping()) return problem(503, "unavailable", "the database does not answer");
    return json_response({{"status", "ready"}});
  });
  // Metrics tell an outsider the office's load and backlog: only for the scraper holding the
  // configured token.
  r.add("GET", "/metrics", Access::Public, [&metrics](RequestContext& ctx) {
    const std::string& token = ctx.app.settings.metrics_token;
    if (token.empty()) return problem(404, "not_found", "metrics are not served: set metrics_token to enable them");
    const auto sent = ctx.request.bearer_token();
    if (!sent || !auth::same_secret(*sent, token)) {
      auto res = problem(401, "unauthenticated", "send the metrics token as Authorization: Bearer <token>");
      res.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"metrics\"");
      return res;
    }
    return text(metrics.render() + db_gauges(ctx.app), "text/plain; version=0.0.4; charset=utf-8");
  });
  r.add("GET", "/api/openapi.json", Access::Public, [](RequestContext& ctx) {
    std::ifstream in(ctx.app.settings.data_dir + "/docs/openapi.json");
    if (!in) return problem(404, "not_found", "the OpenAPI document is not installed");
    std::ostringstream s;
    s << in.rdbuf();
    return text(s.str(), "application/json");
  });
}

}  // namespace sp::http
