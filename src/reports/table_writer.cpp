#include "reports/table_writer.hpp"

#include <filesystem>

namespace sp::reports {

std::optional<TableFormat> table_format(std::string_view key) {
  if (key == "csv") return TableFormat::Csv;
  if (key == "xlsx") return TableFormat::Xlsx;
  if (key == "pdf") return TableFormat::Pdf;
  return std::nullopt;
}

std::string_view format_key(TableFormat f) {
  switch (f) {
    case TableFormat::Csv: return "csv";
    case TableFormat::Xlsx: return "xlsx";
    case TableFormat::Pdf: return "pdf";
  }
  return "csv";
}

std::string_view content_type(TableFormat f) {
  switch (f) {
    case TableFormat::Csv: return "text/csv; charset=utf-8";
    case TableFormat::Xlsx: return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    case TableFormat::Pdf: return "application/pdf";
  }
  return "application/octet-stream";
}

Result<std::unique_ptr<TableWriter>> open_table(TableFormat format, const std::string& path, const TableLayout& layout) {
  switch (format) {
    case TableFormat::Csv: return open_csv_table(path, layout);
    case TableFormat::Xlsx: return open_xlsx_table(path, layout);
    case TableFormat::Pdf: return open_pdf_table(path, layout);
  }
  return make_error("internal", "unknown table format");
}

Result<bool> write_table(TableFormat format, const std::string& path, const TableLayout& layout,
                         const std::function<Result<bool>(TableWriter& writer)>& fill) {
  auto opened = open_table(format, path, layout);
  if (!opened) return opened.error();
  auto writer = pipelined(std::move(*opened));
  auto done = fill(*writer);
  if (done) done = writer->finish();
  if (!done) {
    writer.reset();  // closed before it is removed
    std::error_code ec;
    std::filesystem::remove(path, ec);
  }
  return done;
}

}  // namespace sp::reports
