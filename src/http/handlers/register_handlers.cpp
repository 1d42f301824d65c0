// The Buku Registrasi: browsed page by page as JSON, exported whole as CSV, XLSX or PDF.
#include "http/api.hpp"
#include "http/export_response.hpp"
#include "http/handler_support.hpp"
#include "http/view_json.hpp"
#include "service/register_book.hpp"

namespace sp::http {

namespace {

service::RegisterFilter filter_of(RequestContext& ctx) {
  return {query_param(ctx, "from"), query_param(ctx, "to"), query_param(ctx, "permit"), query_param(ctx, "status")};
}

HttpResponse page(RequestContext& ctx) {
  int limit = service::kRegisterPageSize;
  if (const std::string l = query_param(ctx, "limit"); !l.empty()) {
    char* end = nullptr;
    const long v = std::strtol(l.c_str(), &end, 10);
    if (*end != '\0' || v < 1 || v > service::kRegisterPageSize)
      return problem_from(field_error("limit", "out_of_range",
                                      "from 1 to " + std::to_string(service::kRegisterPageSize), 1,
                                      service::kRegisterPageSize));
    limit = static_cast<int>(v);
  }
  return respond(service::register_page(ctx.app, *ctx.principal, filter_of(ctx), query_param(ctx, "after"), limit));
}

HttpResponse export_file(RequestContext& ctx) {
  return export_response(query_param(ctx, "format"), [&](reports::TableFormat format, const std::string& path) -> Result<ExportedFile> {
    auto done = service::export_register_for(ctx.app, *ctx.principal, filter_of(ctx), format, path);
    if (!done) return done.error();
    return ExportedFile{done->filename, done->lines};
  });
}

}  // namespace

void add_register_routes(Router& r) {
  r.add("GET", "/api/v1/office/register", Access::SignedIn, page);
  r.add("GET", "/api/v1/office/register/export", Access::SignedIn, export_file);
}

}  // namespace sp::http
