#include "http/export_response.hpp"

#include <unistd.h>

#include <atomic>
#include <filesystem>

#include "http/problem.hpp"

namespace sp::http {

namespace {
std::atomic<bool> exporting{false};
}

HttpResponse export_response(
    const std::string& format_key,
    const std::function<Result<ExportedFile>(reports::TableFormat format, const std::string& path)>& write) {
  const auto known = reports::table_format(format_key);
  if (!known) return problem_from(field_error("format", "not_allowed", "one of xlsx, csv, pdf"));
  const reports::TableFormat format = *known;
  if (exporting.exchange(true)) {
    auto res = problem(503, "export_busy", "another export is being written; try again in a few seconds");
    res.headers.emplace_back("Retry-After", "5");
    return res;
  }
  struct Release {
    ~Release() { exporting = false; }
  } release;
  std::string path = (std::filesystem::temp_directory_path() / "satupintu-export-XXXXXX").string();
  const int fd = ::mkstemp(path.data());
  if (fd < 0) return problem(503, "storage", "no room for the export");
  ::close(fd);
  auto done = write(format, path);
  if (!done) {
    std::error_code ec;
    std::filesystem::remove(path, ec);
    return problem_from(done.error());
  }
  HttpResponse res;
  res.content_type = std::string(reports::content_type(format));
  res.headers.emplace_back("Content-Disposition", content_disposition("attachment", done->filename));
  res.headers.emplace_back("X-Export-Lines", std::to_string(done->lines));
  res.headers.emplace_back("Cache-Control", "no-store");  // officers' data
  res.body_file = path;
  return res;
}

}  // namespace sp::http
