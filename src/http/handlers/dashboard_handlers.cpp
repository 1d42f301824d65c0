// The Mutu Baku dashboard: its figures as JSON, and its step table as CSV, XLSX or PDF.
#include "http/api.hpp"
#include "http/export_response.hpp"
#include "http/handler_support.hpp"
#include "http/view_json.hpp"
#include "service/mutu_baku.hpp"

namespace sp::http {

namespace {

service::DashboardFilter filter_of(RequestContext& ctx) {
  return {query_param(ctx, "from"), query_param(ctx, "to"), query_param(ctx, "permit")};
}

HttpResponse figures(RequestContext& ctx) {
  return respond(service::mutu_baku_dashboard(ctx.app, *ctx.principal, filter_of(ctx)));
}

HttpResponse export_file(RequestContext& ctx) {
  return export_response(query_param(ctx, "format"), [&](reports::TableFormat format, const std::string& path) -> Result<ExportedFile> {
    auto done = service::export_mutu_baku_for(ctx.app, *ctx.principal, filter_of(ctx), format, path);
    if (!done) return done.error();
    return ExportedFile{done->filename, done->lines};
  });
}

}  // namespace

void add_dashboard_routes(Router& r) {
  r.add("GET", "/api/v1/office/dashboard", Access::SignedIn, figures);
  r.add("GET", "/api/v1/office/dashboard/export", Access::SignedIn, export_file);
}

}  // namespace sp::http
