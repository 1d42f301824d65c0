// The table as a PDF for printing: A4 landscape, the title and its lines on the first page, the
// header row on every page, each page numbered. PoDoFo's streamed document writes every page's
// content as it is finished, so a long register costs its page dictionaries (about 3 KB a
// page), not the whole file. The DejaVu fonts are embedded whole: a subset would have to be
// fixed before the first page is written.
#include <podofo/podofo.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <filesystem>
#include <map>
#include <memory>

#include "documents/pdf_fonts.hpp"
#include "documents/podofo_quiet.hpp"
#include "reports/table_writer.hpp"

namespace sp::reports {

using namespace PoDoFo;

namespace {

constexpr const char* kRegular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr const char* kBold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
constexpr double kPageW = 842, kPageH = 595, kMargin = 28;
constexpr double kBodySize = 6.5, kLeading = 8, kPad = 2;
constexpr std::size_t kMaxLines = 4;  // a longer cell ends in an ellipsis

// The bytes of the UTF-8 character starting at s[i].
std::size_t char_len(const std::string& s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  const std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  return std::min(n, s.size() - i);
}

// The character starting at s[i], moving i past it; one beyond the fonts' 16-bit range reads '?'.
char16_t next_char(const std::string& s, std::size_t& i) {
  const std::size_t n = char_len(s, i);
  char32_t cp = static_cast<unsigned char>(s[i]);
  if (n > 1) {
    cp &= 0x3Fu >> (n - 1);
    for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
  }
  i += n;
  return cp > 0xFFFF ? u'?' : static_cast<char16_t>(cp);
}

// A position in points as a content stream writes it: at most two decimals (a hundredth of a
// point is far below what a printer draws), without the iostream formatting PdfPainter uses
// for every number.
void put_number(std::string& out, double v) {
  long long h = std::llround(v * 100);
  if (h < 0) {
    out += '-';
    h = -h;
  }
  out += std::to_string(h / 100);
  if (const long long f = h % 100; f != 0) {
    out += '.';
    out += static_cast<char>('0' + f / 10);
    if (f % 10) out += static_cast<char>('0' + f % 10);
  }
}

class PdfTableWriter final : public TableWriter {
 public:
  PdfTableWriter(const std::string& path, const TableLayout& layout) : doc_(path.c_str()), layout_(layout) {
    const auto* identity = PdfEncodingFactory::GlobalIdentityEncodingInstance();
    regular_ = doc_.CreateFont("DejaVu Sans", false, false, false, identity, PdfFontCache::eFontCreationFlags_None,
                               true, kRegular);
    bold_ = doc_.CreateFont("DejaVu Sans Bold", true, false, false, identity, PdfFontCache::eFontCreationFlags_None,
                            true, kBold);
    if (!regular_ || !bold_) PODOFO_RAISE_ERROR(ePdfError_InvalidHandle);
    double total = 0;
    for (const auto& c : layout_.columns) total += c.width;
    double x = kMargin;
    for (const auto& c : layout_.columns) {
      const double w = (kPageW - 2 * kMargin) * c.width / total;
      xs_.push_back(x);
      widths_.push_back(w);
      x += w;
    }
    doc_.GetInfo()->SetTitle(documents::pdf_text(layout_.title));
    doc_.GetInfo()->SetCreator(PdfString("satupintu"));
  }

  Result<bool> row(const std::vector<std::string>& cells) override {
    try {
      if (!page_) start_page();
      auto lines = wrap_row(cells, regular_);
      double h = row_height(lines);
      if (y_ - h < kMargin + 14) {
        end_page();
        start_page();
      }
      draw_row(lines, regular_, false);
      return true;
    } catch (const PdfError& e) {
      return make_error("storage", std::string("the PDF could not be written (") + PdfError::ErrorName(e.GetError()) + ")");
    }
  }

  Result<bool> finish() override {
    try {
      if (!page_) start_page();  // an empty table still prints its title and header
      end_page();
      close_tree();
      doc_.Close();
      return true;
    } catch (const PdfError& e) {
      return make_error("storage", std::string("the PDF could not be written (") + PdfError::ErrorName(e.GetError()) + ")");
    }
  }

 private:
  using Lines = std::vector<std::vector<std::string>>;  // per cell, its lines

  // What is known of one character in one font, asked of PoDoFo once: its advance at the body
  // size and its code in the font's encoding (two bytes, the glyph's id).
  struct Glyph {
    float advance = -1;  // unknown while negative
    bool coded = false;
    unsigned char code[2] = {0, 0};
  };
  Glyph& glyph(PdfFont* f, char16_t c) {
    auto& table = glyphs_[f];
    if (table.empty()) table.resize(0x10000);
    return table[c];
  }

  // The width of `s` at `size`. Body text, measured for every word of every cell, sums cached
  // advances per character: converting each candidate line to a PdfString and asking PoDoFo for
  // its width was nine tenths of a long register's time.
  double width_of(PdfFont* f, double size, const std::string& s) {
    f->SetFontSize(static_cast<float>(size));
    if (size != kBodySize) return f->GetFontMetrics()->StringWidth(documents::pdf_text(s));
    double w = 0;
    for (std::size_t i = 0; i < s.size();) {
      const char16_t c = next_char(s, i);
      Glyph& g = glyph(f, c);
      if (g.advance < 0) g.advance = static_cast<float>(f->GetFontMetrics()->UnicodeCharWidth(c));
      w += g.advance;
    }
    return w;
  }

  // `s` as a literal string operand for `f`, in the font's own two-byte codes. Each character's
  // code is asked of the font's encoding once (PdfPainter::AddText converts and hex-encodes every
  // string anew, at twice the bytes to compress); the fonts are embedded whole, so no glyph needs
  // recording for a subset. The delimiters and the backslash are escaped, and so are CR and LF,
  // which a reader would otherwise take as one line end.
  void put_string(std::string& out, PdfFont* f, const std::string& s) {
    out += '(';
    for (std::size_t i = 0; i < s.size();) {
      const char16_t c = next_char(s, i);
      Glyph& g = glyph(f, c);
      if (!g.coded) {
        const pdf_utf16be one[2] = {static_cast<pdf_utf16be>((c >> 8) | (c << 8)), 0};  // big-endian
        const auto bytes = f->GetEncoding()->ConvertToEncoding(PdfString(one), f);
        if (bytes.GetSize() != 2) PODOFO_RAISE_ERROR(ePdfError_InvalidFontFile);
        g.code[0] = static_cast<unsigned char>(bytes.GetBuffer()[0]);
        g.code[1] = static_cast<unsigned char>(bytes.GetBuffer()[1]);
        g.coded = true;
      }
      for (const unsigned char b : g.code) {
        switch (b) {
          case '(': case ')': case '\\': out += '\\'; out += static_cast<char>(b); break;
          case '\r': out += "\\r"; break;
          case '\n': out += "\\n"; break;
          default: out += static_cast<char>(b);
        }
      }
    }
    out += ')';
  }

  // Greedy word wrap by the font's advances; a word wider than the cell breaks by characters.
  // Widths are summed as the line grows, each word measured once.
  std::vector<std::string> wrap(const std::string& text, double width, PdfFont* f) {
    std::vector<std::string> out;
    std::string line;
    double line_width = 0;
    const double space = width_of(f, kBodySize, " ");
    std::size_t i = 0;
    auto push = [&](std::string l) {
      if (out.size() < kMaxLines) out.push_back(std::move(l));
    };
    while (i < text.size() && out.size() < kMaxLines) {
      if (text[i] == '\n') {
        push(line);
        line.clear();
        line_width = 0;
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < text.size() && text[j] != ' ' && text[j] != '\n') j += char_len(text, j);
      const std::string word = text.substr(i, j - i);
      const double word_width = width_of(f, kBodySize, word);
      const double joined = line.empty() ? word_width : line_width + space + word_width;
      if (joined <= width) {
        if (!line.empty()) line += ' ';
        line += word;
        line_width = joined;
      } else if (!line.empty() && word_width <= width) {
        push(line);
        line = word;
        line_width = word_width;
      } else {
        if (!line.empty()) {
          push(line);
          line.clear();
          line_width = 0;
        }
        for (std::size_t k = 0; k < word.size();) {
          const std::size_t n = char_len(word, k);
          const std::string ch = word.substr(k, n);
          const double w = width_of(f, kBodySize, ch);
          if (!line.empty() && line_width + w > width) {
            push(line);
            line.clear();
            line_width = 0;
          }
          line += ch;
          line_width += w;
          k += n;
        }
      }
      i = j;
      while (i < text.size() && text[i] == ' ') ++i;
    }
    const bool cut = i < text.size() || (!line.empty() && out.size() >= kMaxLines);
    if (!line.empty() && out.size() < kMaxLines) out.push_back(line);
    else if (cut && !out.empty()) out.back() += "…";
    return out;
  }

  Lines wrap_row(const std::vector<std::string>& cells, PdfFont* f) {
    Lines lines;
    for (std::size_t c = 0; c < widths_.size(); ++c)
      lines.push_back(c < cells.size() ? wrap(cells[c], widths_[c] - 2 * kPad, f) : std::vector<std::string>{});
    return lines;
  }

  static double row_height(const Lines& lines) {
    std::size_t n = 1;
    for (const auto& l : lines) n = std::max(n, l.size());
    return static_cast<double>(n) * kLeading + 2 * kPad;
  }

  void text(PdfFont* f, double size, double x, double y, const std::string& s) {
    f->SetFontSize(static_cast<float>(size));
    painter_.SetFont(f);
    painter_.DrawText(x, y, documents::pdf_text(s));
  }

  // A row: the header's grey band, then every cell's lines in one text object (one font
  // selection and relative moves, not a text object per line), then the rule under it. The
  // columns' rules are drawn once per page, by end_page. A long register is tens of thousands
  // of rows: each operator per cell saved is a tenth of its time.
  void draw_row(const Lines& lines, PdfFont* f, bool header) {
    const double h = row_height(lines);
    if (header) {
      painter_.SetColor(0.85, 0.85, 0.85);
      painter_.Rectangle(kMargin, y_ - h, kPageW - 2 * kMargin, h);
      painter_.Fill();
      painter_.SetColor(0, 0, 0);
    }
    // PdfPainter opens the text object (it records the font among the page's resources); the
    // lines and moves inside it are written here, each number once by put_number.
    f->SetFontSize(static_cast<float>(kBodySize));
    painter_.SetFont(f);
    std::string ops;
    bool open = false;
    double cx = 0, cy = 0;
    for (std::size_t c = 0; c < widths_.size(); ++c) {
      double baseline = y_ - kPad - kBodySize;
      for (const auto& l : lines[c]) {
        double x = xs_[c] + kPad;
        if (!header && layout_.columns[c].number) x = xs_[c] + widths_[c] - kPad - width_of(f, kBodySize, l);
        if (!open) {
          painter_.BeginText(x, baseline);
          open = true;
        } else {
          put_number(ops, x - cx);
          ops += ' ';
          put_number(ops, baseline - cy);
          ops += " Td\n";
        }
        cx = x;
        cy = baseline;
        put_string(ops, f, l);
        ops += " Tj\n";
        baseline -= kLeading;
      }
    }
    if (open) {
      painter_.GetCanvas()->Append(ops);
      painter_.EndText();
    }
    y_ -= h;
    rule(kMargin, y_, kPageW - kMargin, y_);
  }

  // A table rule, stroked with the page's table pen (set in start_page).
  void rule(double x0, double y0, double x1, double y1) {
    std::string op;
    put_number(op, x0);
    op += ' ';
    put_number(op, y0);
    op += " m ";
    put_number(op, x1);
    op += ' ';
    put_number(op, y1);
    op += " l S\n";
    painter_.GetCanvas()->Append(op);
  }

  // A new page under the current node of the page tree (see attach_page).
  void start_page() {
    page_ = std::make_unique<PdfPage>(PdfRect(0, 0, kPageW, kPageH), &doc_);
    attach_page(*page_);
    painter_.SetPage(page_.get());
    ++number_;
    y_ = kPageH - kMargin;
    if (number_ == 1) {
      text(bold_, 12, kMargin, y_ - 12, layout_.title);
      y_ -= 18;
      for (const auto& line : layout_.subtitle) {
        text(regular_, 8, kMargin, y_ - 8, line);
        y_ -= 11;
      }
      y_ -= 6;
      if (layout_.chart) draw_chart(*layout_.chart);
    }
    painter_.SetStrokingColor(0, 0, 0);
    painter_.SetStrokeWidth(0.4);
    table_top_ = y_;
    rule(kMargin, y_, kPageW - kMargin, y_);
    std::vector<std::string> headers;
    for (const auto& c : layout_.columns) headers.push_back(c.header);
    draw_row(wrap_row(headers, bold_), bold_, true);
  }

  // PoDoFo's own page tree (PdfDocument::CreatePage) rescans and copies the /Kids of the node it
  // inserts into for every page, so a register of thousands of pages took minutes. The pages are
  // hung here under nodes of kPagesPerNode instead, the nodes under the root; the root's /Kids
  // and /Count are set when the document is finished.
  static constexpr std::size_t kPagesPerNode = 64;
  void attach_page(PdfPage& page) {
    if (!node_) {
      node_ = doc_.GetObjects()->CreateObject("Pages");
      node_->GetDictionary().AddKey("Parent", doc_.GetPagesTree()->GetObject()->Reference());
      root_kids_.push_back(node_->Reference());
    }
    page.GetObject()->GetDictionary().AddKey("Parent", node_->Reference());
    node_kids_.push_back(page.GetObject()->Reference());
    ++pages_;
    if (node_kids_.size() == kPagesPerNode) close_node();
  }
  void close_node() {
    if (!node_) return;
    node_->GetDictionary().AddKey("Kids", node_kids_);
    node_->GetDictionary().AddKey("Count", PdfVariant(static_cast<pdf_int64>(node_kids_.size())));
    node_kids_.clear();
    node_ = nullptr;
  }
  void close_tree() {
    close_node();
    auto& root = doc_.GetPagesTree()->GetObject()->GetDictionary();
    root.AddKey("Kids", root_kids_);
    root.AddKey("Count", PdfVariant(static_cast<pdf_int64>(pages_)));
  }

  // The chart's colours, one per series, distinct in grey print too.
  static constexpr double kPalette[][3] = {
      {0.20, 0.40, 0.69}, {0.30, 0.63, 0.34}, {0.80, 0.26, 0.24}, {0.55, 0.55, 0.55}, {0.95, 0.60, 0.20}};

  // The value axis's step: 1, 2 or 5 times a power of ten, the smallest that cuts [0, top] into
  // at most eight parts (the figures are counts, so never below one).
  static double tick_step(double top) {
    if (!std::isfinite(top)) return 1;
    for (double p = 1;; p *= 10)
      for (double m : {1.0, 2.0, 5.0})
        if (top / (m * p) <= 8) return m * p;
  }

  static std::string number_text(double v) {
    const long long whole = static_cast<long long>(v);
    if (static_cast<double>(whole) == v) return std::to_string(whole);
    const long long tenths = static_cast<long long>(v * 10 + 0.5);
    return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
  }

  // The chart across the page under the title: its title and legend, the value axis with its
  // grid, a group of bars per category with the value over each bar, the category under it.
  void draw_chart(const BarChart& c) {
    constexpr double kHeight = 190, kAxis = 30, kLabels = 22;
    const double top = y_;
    text(bold_, 9, kMargin, top - 9, c.title);
    double lx = kPageW - kMargin;
    for (std::size_t s = c.series.size(); s-- > 0;) {
      lx -= width_of(regular_, 7, c.series[s].name) + 16;
      const auto& rgb = kPalette[s % std::size(kPalette)];
      painter_.SetColor(rgb[0], rgb[1], rgb[2]);
      painter_.Rectangle(lx, top - 8, 7, 7);
      painter_.Fill();
      painter_.SetColor(0, 0, 0);
      text(regular_, 7, lx + 10, top - 8, c.series[s].name);
    }
    const double left = kMargin + kAxis, right = kPageW - kMargin;
    const double bottom = top - kHeight + kLabels, plot_top = top - 22;
    double most = 0;
    for (const auto& s : c.series)
      for (double v : s.values) most = std::max(most, v);
    const double step = tick_step(most);
    const double axis_top = std::max(step, std::ceil(most / step) * step);
    const auto y_of = [&](double v) { return bottom + (plot_top - bottom) * v / axis_top; };
    painter_.SetStrokeWidth(0.3);
    for (double v = 0; v <= axis_top + step / 2; v += step) {
      painter_.SetStrokingColor(v == 0 ? 0.0 : 0.8, v == 0 ? 0.0 : 0.8, v == 0 ? 0.0 : 0.8);
      painter_.DrawLine(left, y_of(v), right, y_of(v));
      const std::string label = number_text(v);
      text(regular_, 6, left - 3 - width_of(regular_, 6, label), y_of(v) - 2, label);
    }
    const std::size_t n = std::max<std::size_t>(1, c.categories.size());
    const double group = (right - left) / static_cast<double>(n);
    const double bar = group * 0.8 / static_cast<double>(std::max<std::size_t>(1, c.series.size()));
    for (std::size_t k = 0; k < c.categories.size(); ++k) {
      const double x0 = left + group * static_cast<double>(k) + group * 0.1;
      for (std::size_t s = 0; s < c.series.size(); ++s) {
        const double v = k < c.series[s].values.size() ? std::max(0.0, c.series[s].values[k]) : 0;
        const double x = x0 + bar * static_cast<double>(s);
        const auto& rgb = kPalette[s % std::size(kPalette)];
        painter_.SetColor(rgb[0], rgb[1], rgb[2]);
        if (v > 0) {
          painter_.Rectangle(x, bottom, bar * 0.9, y_of(v) - bottom);
          painter_.Fill();
        }
        painter_.SetColor(0, 0, 0);
        const std::string label = number_text(v);
        const double w = width_of(regular_, 5.5, label);
        if (w <= bar * 1.2) text(regular_, 5.5, x + (bar * 0.9 - w) / 2, y_of(v) + 1.5, label);
      }
      double baseline = bottom - kBodySize - 2;
      for (const auto& l : wrap(c.categories[k], group - 4, regular_)) {
        if (baseline < bottom - kLabels) break;
        text(regular_, kBodySize, left + group * static_cast<double>(k) + (group - width_of(regular_, kBodySize, l)) / 2,
             baseline, l);
        baseline -= kLeading;
      }
    }
    painter_.SetStrokingColor(0, 0, 0);
    y_ = top - kHeight - 10;
  }

  void end_page() {
    for (std::size_t c = 0; c <= xs_.size(); ++c) {
      const double x = c < xs_.size() ? xs_[c] : kPageW - kMargin;
      rule(x, table_top_, x, y_);
    }
    std::string foot = layout_.title + (layout_.subtitle.empty() ? "" : " · " + layout_.subtitle.front()) +
                       " · Halaman " + std::to_string(number_);
    text(regular_, 7, kMargin, kMargin - 14, foot);
    painter_.FinishPage();
    page_.reset();
  }

  PdfStreamedDocument doc_;
  TableLayout layout_;
  PdfFont* regular_ = nullptr;
  PdfFont* bold_ = nullptr;
  std::unique_ptr<PdfPage> page_;  // the page being drawn; the document owns its objects
  PdfPainter painter_;
  PdfObject* node_ = nullptr;  // the page-tree node taking pages, and its pages so far
  PdfArray node_kids_, root_kids_;
  long long pages_ = 0;
  double table_top_ = 0;  // where this page's table begins
  std::vector<double> xs_, widths_;
  std::map<PdfFont*, std::vector<Glyph>> glyphs_;  // per font, by UTF-16 unit
  double y_ = 0;
  int number_ = 0;
};

}  // namespace

Result<std::unique_ptr<TableWriter>> open_pdf_table(const std::string& path, const TableLayout& layout) {
  documents::quiet_podofo();
  if (layout.columns.empty()) return make_error("internal", "a table needs columns");
  for (const char* font : {kRegular, kBold})
    if (!std::filesystem::exists(font)) return make_error("storage", std::string(font) + ": font file missing (package fonts-dejavu-core)");
  try {
    return std::unique_ptr<TableWriter>(std::make_unique<PdfTableWriter>(path, layout));
  } catch (const PdfError& e) {
    return make_error("storage", "cannot create " + path + " (" + PdfError::ErrorName(e.GetError()) + ")");
  }
}

}  // namespace sp::reports
