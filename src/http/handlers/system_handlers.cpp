// /healthz, /readyz, /metrics and /api/openapi.json
#include <soci/soci.h>

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "auth/secrets.hpp"
#include "http/api.hpp"
#include "http/handler_support.hpp"
#include "service/application_cache.hpp"
#include "store/database.hpp"
#include "store/row_access.hpp"

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

std::string db_gauges(service::AppContext& app) {
  auto r = app.db.read([&](soci::session& s) -> Result<std::string> {
    std::string out =
        "# HELP satupintu_applications Applications by office, phase and outcome.\n"
        "# TYPE satupintu_applications gauge\n";
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT office, phase, outcome, COUNT(*) FROM applications GROUP BY office, phase, outcome");
    for (const auto& row : rows)
      out += "satupintu_applications{office=\"" + row.get<std::string>(0) + "\",phase=\"" + row.get<std::string>(1) +
             "\",outcome=\"" + row.get<std::string>(2) + "\"} " + std::to_string(store::int_at(row, 3)) + "\n";
    long long overdue = 0, backlog = 0;
    const long long now = app.clock.now().unix_seconds;
    s << "SELECT COUNT(*) FROM applications WHERE phase = 'at_step' AND deadline_at < :n", soci::use(now),
        soci::into(overdue);
    s << "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL", soci::into(backlog);
    out += "# HELP satupintu_overdue_steps Applications whose current step is past its deadline.\n"
           "# TYPE satupintu_overdue_steps gauge\nsatupintu_overdue_steps " + std::to_string(overdue) + "\n";
    out += "# HELP satupintu_outbox_backlog Mails not yet delivered.\n"
           "# TYPE satupintu_outbox_backlog gauge\nsatupintu_outbox_backlog " + std::to_string(backlog) + "\n";
    long long pending = 0;
    s << "SELECT COUNT(*) FROM generated_documents WHERE status = 'pending'", soci::into(pending);
    out += "# HELP satupintu_documents_pending Documents planned but not yet rendered (and signed).\n"
           "# TYPE satupintu_documents_pending gauge\nsatupintu_documents_pending " + std::to_string(pending) + "\n";
    return out;
  });
  if (!r) return "";
  std::string out = *r;
  if (app.db.backend() == store::Backend::Sqlite) {
    // Group commit: one writer connection; busy seconds close to wall time mean writes queue.
    const auto w = app.db.write_stats();
    out += "# HELP satupintu_sqlite_write_batches_total Transactions committed by the SQLite writer.\n"
           "# TYPE satupintu_sqlite_write_batches_total counter\nsatupintu_sqlite_write_batches_total " +
           std::to_string(w.batches) + "\n";
    out += "# HELP satupintu_sqlite_writes_total Writes grouped into those transactions.\n"
           "# TYPE satupintu_sqlite_writes_total counter\nsatupintu_sqlite_writes_total " + std::to_string(w.writes) +
           "\n";
    out += "# HELP satupintu_sqlite_writer_busy_seconds_total Time the SQLite writer spent in transactions.\n"
           "# TYPE satupintu_sqlite_writer_busy_seconds_total counter\nsatupintu_sqlite_writer_busy_seconds_total " +
           fmt::format("{:.3f}", w.busy_seconds) + "\n";
  }
  if (const auto* cache = app.applications_cache) {
    out += "# HELP satupintu_status_cache_hits_total Status reads answered from the application cache.\n"
           "# TYPE satupintu_status_cache_hits_total counter\nsatupintu_status_cache_hits_total " +
           std::to_string(cache->hits()) + "\n";
    out += "# HELP satupintu_status_cache_misses_total Status reads that went to the database.\n"
           "# TYPE satupintu_status_cache_misses_total counter\nsatupintu_status_cache_misses_total " +
           std::to_string(cache->misses()) + "\n";
  }
  return out;
}

}  // namespace

void add_system_routes(Router& r, Metrics& metrics, const std::atomic<bool>& draining) {
  r.add("GET", "/healthz", Access::Public, [](RequestContext&) { return json_response({{"status", "ok"}}); });
  r.add("GET", "/readyz", Access::Public, [&draining](RequestContext& ctx) {
    if (draining) return problem(503, "unavailable", "shutting down");
    auto ok = ctx.app.db.read([](soci::session& s) -> Result<int> {
      int one = 0;
      s << "SELECT 1", soci::into(one);
      return one;
    });
    if (!ok) return problem(503, "unavailable", "the database does not answer");
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
