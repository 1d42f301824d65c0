// XLSX through libxlsxwriter in its constant-memory mode: each row is written to the sheet's
// temporary file once the next begins, so a register of any length costs one row of memory.
// The layout is the one offices print their registers in: the title and its lines above, a bold
// shaded header row that stays in view (frozen) and filters, and every cell bordered.
#include <xlsxwriter.h>

#include <cstdlib>
#include <filesystem>
#include <memory>

#include "reports/table_writer.hpp"

namespace sp::reports {

namespace {

constexpr std::size_t kMaxCellText = 32767;  // Excel's limit per cell
constexpr lxw_row_t kMaxRows = 1048576;

class XlsxTableWriter final : public TableWriter {
 public:
  XlsxTableWriter(lxw_workbook* wb, lxw_worksheet* ws, std::vector<bool> numbers, lxw_row_t first_row)
      : wb_(wb), ws_(ws), numbers_(std::move(numbers)), header_row_(first_row - 1), next_(first_row) {
    text_ = workbook_add_format(wb_);
    format_set_border(text_, LXW_BORDER_THIN);
    format_set_text_wrap(text_);
    format_set_align(text_, LXW_ALIGN_VERTICAL_TOP);
    number_ = workbook_add_format(wb_);
    format_set_border(number_, LXW_BORDER_THIN);
    format_set_align(number_, LXW_ALIGN_VERTICAL_TOP);
  }
  ~XlsxTableWriter() override {
    if (wb_) workbook_close(wb_);  // an unfinished export: the caller removes the file
  }

  Result<bool> row(const std::vector<std::string>& cells) override {
    if (next_ >= kMaxRows) return make_error("too_large", "a spreadsheet holds at most 1,048,576 rows");
    for (std::size_t i = 0; i < numbers_.size(); ++i) {
      const std::string empty;
      const std::string& cell = i < cells.size() ? cells[i] : empty;
      const auto col = static_cast<lxw_col_t>(i);
      lxw_error err = LXW_NO_ERROR;
      char* end = nullptr;
      const double n = numbers_[i] && !cell.empty() ? std::strtod(cell.c_str(), &end) : 0;
      if (numbers_[i] && !cell.empty() && end && *end == '\0') {
        err = worksheet_write_number(ws_, next_, col, n, number_);
      } else if (cell.empty()) {
        err = worksheet_write_blank(ws_, next_, col, numbers_[i] ? number_ : text_);
      } else {
        const std::string text = cell.size() > kMaxCellText ? cell.substr(0, kMaxCellText) : cell;
        err = worksheet_write_string(ws_, next_, col, text.c_str(), text_);
      }
      if (err != LXW_NO_ERROR) return make_error("storage", std::string("the spreadsheet could not be written: ") + lxw_strerror(err));
    }
    ++next_;
    return true;
  }

  Result<bool> finish() override {
    const lxw_row_t last = next_ > header_row_ + 1 ? next_ - 1 : header_row_;
    worksheet_autofilter(ws_, header_row_, 0, last, static_cast<lxw_col_t>(numbers_.size() - 1));
    const lxw_error err = workbook_close(wb_);
    wb_ = nullptr;
    if (err != LXW_NO_ERROR) return make_error("storage", std::string("the spreadsheet could not be written: ") + lxw_strerror(err));
    return true;
  }

 private:
  lxw_workbook* wb_;
  lxw_worksheet* ws_;
  std::vector<bool> numbers_;
  lxw_format* text_ = nullptr;
  lxw_format* number_ = nullptr;
  lxw_row_t header_row_, next_;
};

// The chart on a sheet "Grafik": its figures as a small table (categories down, a column per
// series), the column chart drawn from those cells beside it, so a reader can check both.
Result<bool> add_chart_sheet(lxw_workbook* wb, const BarChart& c) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Grafik");
  if (!ws) return make_error("internal", "the chart's sheet could not be added");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  worksheet_set_column(ws, 0, 0, 30, nullptr);
  worksheet_write_string(ws, 0, 0, c.title.c_str(), bold);
  for (std::size_t s = 0; s < c.series.size(); ++s)
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(s + 1), c.series[s].name.c_str(), bold);
  for (std::size_t k = 0; k < c.categories.size(); ++k) {
    const auto row = static_cast<lxw_row_t>(k + 1);
    worksheet_write_string(ws, row, 0, c.categories[k].c_str(), nullptr);
    for (std::size_t s = 0; s < c.series.size(); ++s)
      worksheet_write_number(ws, row, static_cast<lxw_col_t>(s + 1),
                             k < c.series[s].values.size() ? c.series[s].values[k] : 0, nullptr);
  }
  if (c.categories.empty() || c.series.empty()) return true;
  lxw_chart* chart = workbook_add_chart(wb, LXW_CHART_COLUMN);
  if (!chart) return make_error("internal", "the chart could not be added");
  const auto last = static_cast<lxw_row_t>(c.categories.size());
  for (std::size_t s = 0; s < c.series.size(); ++s) {
    lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
    const auto col = static_cast<lxw_col_t>(s + 1);
    chart_series_set_categories(series, "Grafik", 1, 0, last, 0);
    chart_series_set_values(series, "Grafik", 1, col, last, col);
    chart_series_set_name_range(series, "Grafik", 0, col);
  }
  chart_title_set_name(chart, c.title.c_str());
  chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
  lxw_chart_options placement{};
  placement.x_scale = 2;
  placement.y_scale = 1.5;
  worksheet_insert_chart_opt(ws, 0, static_cast<lxw_col_t>(c.series.size() + 2), chart, &placement);
  return true;
}

}  // namespace

Result<std::unique_ptr<TableWriter>> open_xlsx_table(const std::string& path, const TableLayout& layout) {
  if (layout.columns.empty()) return make_error("internal", "a table needs columns");
  // The temporary files of constant-memory mode go beside the export, not to a small /tmp.
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  std::string tmpdir = parent.empty() ? std::filesystem::current_path().string() : parent.string();
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.tmpdir = tmpdir.data();
  options.use_zip64 = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  if (!wb) return make_error("storage", "cannot create " + path);
  std::string sheet = layout.sheet_name.substr(0, 31);
  if (sheet.empty()) sheet.assign("Sheet1");
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.c_str());
  if (!ws) {
    workbook_close(wb);
    return make_error("internal", "the sheet name '" + sheet + "' is not allowed");
  }
  lxw_doc_properties props{};
  props.title = const_cast<char*>(layout.title.c_str());
  props.author = const_cast<char*>("satupintu");
  workbook_set_properties(wb, &props);

  lxw_format* title = workbook_add_format(wb);
  format_set_bold(title);
  format_set_font_size(title, 14);
  lxw_format* header = workbook_add_format(wb);
  format_set_bold(header);
  format_set_border(header, LXW_BORDER_THIN);
  format_set_bg_color(header, 0xD9D9D9);
  format_set_text_wrap(header);
  format_set_align(header, LXW_ALIGN_CENTER);
  format_set_align(header, LXW_ALIGN_VERTICAL_CENTER);

  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);  // A4
  worksheet_fit_to_pages(ws, 1, 0);
  for (std::size_t i = 0; i < layout.columns.size(); ++i)
    worksheet_set_column(ws, static_cast<lxw_col_t>(i), static_cast<lxw_col_t>(i), layout.columns[i].width, nullptr);

  // In constant-memory mode rows must be written in order, each whole before the next.
  lxw_row_t r = 0;
  worksheet_write_string(ws, r++, 0, layout.title.c_str(), title);
  for (const auto& line : layout.subtitle) worksheet_write_string(ws, r++, 0, line.c_str(), nullptr);
  ++r;  // a blank line before the table
  const lxw_row_t header_row = r++;
  for (std::size_t i = 0; i < layout.columns.size(); ++i)
    worksheet_write_string(ws, header_row, static_cast<lxw_col_t>(i), layout.columns[i].header.c_str(), header);
  worksheet_freeze_panes(ws, header_row + 1, 0);
  worksheet_repeat_rows(ws, header_row, header_row);
  if (layout.chart)
    if (auto ok = add_chart_sheet(wb, *layout.chart); !ok) {
      workbook_close(wb);
      return ok.error();
    }
  std::vector<bool> numbers;
  for (const auto& c : layout.columns) numbers.push_back(c.number);
  return std::unique_ptr<TableWriter>(std::make_unique<XlsxTableWriter>(wb, ws, std::move(numbers), header_row + 1));
}

}  // namespace sp::reports
