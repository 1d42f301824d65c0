// CSV as RFC 4180 writes it (CRLF, fields quoted where needed), UTF-8 with a byte-order mark so
// that spreadsheet programs read Indonesian names right. A cell that a spreadsheet would take
// for a formula (it starts with = + - @ or a control character) gets a leading apostrophe: names
// and notes come from the public, and a CSV must not run code when it is opened.
#include <cstdio>
#include <memory>

#include "reports/table_writer.hpp"

namespace sp::reports {

namespace {

bool formula_like(const std::string& s) {
  if (s.empty()) return false;
  const char c = s.front();
  // A lone sign is no formula (registers write "-" for "none").
  if ((c == '+' || c == '-') && s.size() == 1) return false;
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

void append_field(std::string& out, const std::string& cell, bool number) {
  const bool guard = !number && formula_like(cell);
  const bool quote = guard || cell.find_first_of(",\"\r\n") != std::string::npos;
  if (!quote) {
    out += cell;
    return;
  }
  out += '"';
  if (guard) out += '\'';
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

class CsvTableWriter final : public TableWriter {
 public:
  CsvTableWriter(std::FILE* f, std::vector<bool> numbers) : f_(f), numbers_(std::move(numbers)) {}
  ~CsvTableWriter() override {
    if (f_) std::fclose(f_);
  }

  Result<bool> line(const std::vector<std::string>& cells, bool header) {
    line_.clear();
    for (std::size_t i = 0; i < numbers_.size(); ++i) {
      if (i) line_ += ',';
      if (i < cells.size()) append_field(line_, cells[i], !header && numbers_[i]);
    }
    line_ += "\r\n";
    if (std::fwrite(line_.data(), 1, line_.size(), f_) != line_.size())
      return make_error("storage", "the CSV file could not be written");
    return true;
  }
  Result<bool> row(const std::vector<std::string>& cells) override { return line(cells, false); }
  Result<bool> finish() override {
    const bool ok = std::fclose(f_) == 0;
    f_ = nullptr;
    if (!ok) return make_error("storage", "the CSV file could not be written");
    return true;
  }

 private:
  std::FILE* f_;
  std::vector<bool> numbers_;
  std::string line_;
};

}  // namespace

Result<std::unique_ptr<TableWriter>> open_csv_table(const std::string& path, const TableLayout& layout) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return make_error("storage", "cannot create " + path);
  std::vector<bool> numbers;
  std::vector<std::string> headers;
  for (const auto& c : layout.columns) {
    numbers.push_back(c.number);
    headers.push_back(c.header);
  }
  auto w = std::make_unique<CsvTableWriter>(f, std::move(numbers));
  if (std::fputs("\xEF\xBB\xBF", f) < 0) return make_error("storage", "the CSV file could not be written");
  if (auto ok = w->line(headers, true); !ok) return ok.error();
  return std::unique_ptr<TableWriter>(std::move(w));
}

}  // namespace sp::reports
