// The Buku Registrasi: browsed page by page as JSON, exported whole as CSV, XLSX or PDF.
#include <unistd.h>

#include <atomic>
#include <filesystem>

#include "http/api.hpp"
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

// One export at a time per server: an export reads and writes for seconds, and a second one
// would only halve the speed of both while holding a thread each.
std::atomic<bool> exporting{false};

HttpResponse export_file(RequestContext& ctx) {
  const auto format = reports::table_format(query_param(ctx, "format"));
  if (!format) return problem_from(field_error("format", "not_allowed", "one of xlsx, csv, pdf"));
  if (exporting.exchange(true)) {
    auto res = problem(503, "export_busy", "another export is being written; try again in a few seconds");
    res.headers.emplace_back("Retry-After", "5");
    return res;
  }
  struct Release {
    ~Release() { exporting = false; }
  } release;
  // A name of its own in the temporary directory; the server sends the file and removes it.
  std::string path = (std::filesystem::temp_directory_path() / "satupintu-export-XXXXXX").string();
  const int fd = ::mkstemp(path.data());
  if (fd < 0) return problem(503, "storage", "no room for the export");
  ::close(fd);
  auto done = service::export_register_for(ctx.app, *ctx.principal, filter_of(ctx), *format, path);
  if (!done) {
    std::error_code ec;
    std::filesystem::remove(path, ec);
    return problem_from(done.error());
  }
  HttpResponse res;
  res.content_type = std::string(reports::content_type(*format));
  res.headers.emplace_back("Content-Disposition", content_disposition("attachment", done->filename));
  res.headers.emplace_back("X-Register-Lines", std::to_string(done->lines));
  res.headers.emplace_back("Cache-Control", "no-store");  // personal data
  res.body_file = path;
  return res;
}

}  // namespace

void add_register_routes(Router& r) {
  r.add("GET", "/api/v1/office/register", Access::SignedIn, page);
  r.add("GET", "/api/v1/office/register/export", Access::SignedIn, export_file);
}

}  // namespace sp::http
