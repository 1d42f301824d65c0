#pragma once
// A report file as a response: written by `write` into a temporary file of its own, then sent
// from disk and removed (HttpResponse::body_file). One export runs at a time per server: each
// reads and writes for seconds, and a second would only halve the speed of both while holding a
// thread each; the other gets 503 with Retry-After.
#include <functional>
#include <string>

#include "core/result.hpp"
#include "http/http_message.hpp"
#include "reports/table_writer.hpp"

namespace sp::http {

struct ExportedFile {
  std::string filename;  // what the browser saves it as
  long long lines = 0;   // sent as X-Export-Lines
};

// `format_key` is the route's `format` parameter: one of xlsx, csv, pdf, or a "format" field error.
HttpResponse export_response(
    const std::string& format_key,
    const std::function<Result<ExportedFile>(reports::TableFormat format, const std::string& path)>& write);

}  // namespace sp::http
