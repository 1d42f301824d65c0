// The monthly report: its figures as JSON, and the report as PDF (with its chart), XLSX or CSV.
#include "http/api.hpp"
#include "http/export_response.hpp"
#include "http/handler_support.hpp"
#include "http/view_json.hpp"
#include "service/monthly_report.hpp"

namespace sp::http {

namespace {

service::MonthlyReportFilter filter_of(RequestContext& ctx) { return {query_param(ctx, "from"), query_param(ctx, "to")}; }

HttpResponse figures(RequestContext& ctx) {
  return respond(service::monthly_report_for(ctx.app, *ctx.principal, filter_of(ctx)));
}

HttpResponse export_file(RequestContext& ctx) {
  return export_response(query_param(ctx, "format"), [&](reports::TableFormat format, const std::string& path)
                                                         -> Result<ExportedFile> {
    auto done = service::export_monthly_report_for(ctx.app, *ctx.principal, filter_of(ctx), format, path);
    if (!done) return done.error();
    return ExportedFile{done->filename, done->lines};
  });
}

}  // namespace

void add_report_routes(Router& r) {
  r.add("GET", "/api/v1/office/report", Access::SignedIn, figures);
  r.add("GET", "/api/v1/office/report/export", Access::SignedIn, export_file);
}

}  // namespace sp::http
