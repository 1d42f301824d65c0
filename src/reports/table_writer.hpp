#pragma once
// An office's table (the Buku Registrasi, and the reports built like it) written row by row into
// a file as CSV, XLSX or PDF. Rows go to the file as they come, so memory stays flat however many
// there are; the same rows give the same file from the web app, the API and the CLI.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace sp::reports {

enum class TableFormat : std::uint8_t { Csv, Xlsx, Pdf };
std::optional<TableFormat> table_format(std::string_view key);  // "csv", "xlsx", "pdf"
std::string_view format_key(TableFormat f);
std::string_view content_type(TableFormat f);

struct TableColumn {
  std::string header;
  double width = 12;     // in characters, as a spreadsheet counts them; the PDF shares the page by it
  // Cells are numbers written with a '.' (or empty, or a word): a number in XLSX, right-aligned in
  // the PDF; a cell that is no number stays text.
  bool number = false;
};

// A grouped bar chart of a few figures per category (a report's summary): drawn above the table
// in the PDF, and in XLSX on a sheet of its own beside the figures it is drawn from. CSV has none.
struct ChartSeries {
  std::string name;
  std::vector<double> values;  // one per category, none negative
};
struct BarChart {
  std::string title;
  std::vector<std::string> categories;
  std::vector<ChartSeries> series;
};

struct TableLayout {
  std::string title;                  // "Buku Registrasi"
  std::vector<std::string> subtitle;  // lines under the title: office, period, filters
  std::string sheet_name;             // XLSX sheet, at most 31 characters
  std::vector<TableColumn> columns;
  std::optional<BarChart> chart;
};

class TableWriter {
 public:
  virtual ~TableWriter() = default;
  // One row, a cell per column (missing cells are empty).
  virtual Result<bool> row(const std::vector<std::string>& cells) = 0;
  // Completes the file; nothing may be written after.
  virtual Result<bool> finish() = 0;
};

// A writer of `format` into a new file at `path`. CSV carries the column headers only (one
// header line, then the rows); XLSX and PDF carry the title and subtitle above them.
Result<std::unique_ptr<TableWriter>> open_table(TableFormat format, const std::string& path, const TableLayout& layout);

// `inner` written on a thread of its own, its rows queued (at most a few thousand) by the
// caller's: reading rows and writing the file overlap. A row's failure is told by a later row
// or by finish; destroyed unfinished, the rows still queued are dropped.
std::unique_ptr<TableWriter> pipelined(std::unique_ptr<TableWriter> inner);

// A whole table into a new file at `path`: opened, filled by `fill` (its rows written by a
// pipelined writer), finished. On any failure the partial file is removed, for half a table is
// no table.
Result<bool> write_table(TableFormat format, const std::string& path, const TableLayout& layout,
                         const std::function<Result<bool>(TableWriter& writer)>& fill);

// Each format's writer.
Result<std::unique_ptr<TableWriter>> open_csv_table(const std::string& path, const TableLayout& layout);
Result<std::unique_ptr<TableWriter>> open_xlsx_table(const std::string& path, const TableLayout& layout);
Result<std::unique_ptr<TableWriter>> open_pdf_table(const std::string& path, const TableLayout& layout);

}  // namespace sp::reports
