#include "documents/pdf_renderer.hpp"

#include <podofo/podofo.h>
#include <qrencode.h>

#include <algorithm>
#include <filesystem>
#include <memory>

#include "documents/pdf_fonts.hpp"
#include "documents/podofo_quiet.hpp"

namespace sp::documents {

namespace {

using namespace PoDoFo;

constexpr double kPageWidth = 595.28, kPageHeight = 841.89;
constexpr double kLeft = 70, kRight = 56, kTop = 48, kBottom = 60;
// Body text size and line height at full scale; a one-page document may shrink both.
constexpr double kBody = 11, kLine = 15;

PdfString utf8(const std::string& s) { return pdf_text(s); }

// A cursor down the page that starts a new page when the next line would not fit.
class Layout {
 public:
  Layout(PdfMemDocument& doc, PdfFont* regular, PdfFont* bold, const RenderOptions& options, double scale)
      : doc_(doc), regular_(regular), bold_(bold), options_(options), body_(kBody * scale), line_(kLine * scale) {
    new_page();
  }
  ~Layout() { painter_.FinishPage(); }

  double width() const { return kPageWidth - kLeft - kRight; }
  double body() const { return body_; }  // the body text's size
  double line() const { return line_; }  // the body text's line height
  double y() const { return y_; }
  void down(double dy) { y_ -= dy; }
  void need(double height) {
    if (y_ - height < kBottom) {
      painter_.FinishPage();
      new_page();
    }
  }

  double text_width(const std::string& s, bool bold, double size) {
    PdfFont* f = bold ? bold_ : regular_;
    f->SetFontSize(static_cast<float>(size));
    return f->GetFontMetrics()->StringWidth(utf8(s));
  }
  void draw(double x, double baseline, const std::string& s, bool bold, double size) {
    PdfFont* f = bold ? bold_ : regular_;
    f->SetFontSize(static_cast<float>(size));
    painter_.SetFont(f);
    painter_.DrawText(x, baseline, utf8(s));
  }
  void centered(const std::string& s, bool bold, double size) { centered_in(kLeft, width(), s, bold, size); }
  // Centred between `x` and `x + w` (the letterhead's text beside its emblem).
  void centered_in(double x, double w, const std::string& s, bool bold, double size) {
    need(size + 4);
    y_ -= size + 4;
    draw(x + (w - text_width(s, bold, size)) / 2, y_, s, bold, size);
  }
  // An image `height` points tall with its top at `top`, from `x`; returns its width.
  double image(PdfImage& img, double x, double top, double height) {
    const double s = height / img.GetHeight();
    painter_.DrawImage(x, top - height, &img, s, s);
    return img.GetWidth() * s;
  }
  void rule(double x1, double x2, double at, double thickness) {
    painter_.SetStrokeWidth(thickness);
    painter_.DrawLine(x1, at, x2, at);
  }

  // Breaks `s` into lines no wider than `max_width`, at spaces and at newlines.
  std::vector<std::string> wrap(const std::string& s, double max_width, bool bold, double size) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= s.size()) {
      const auto nl = s.find('\n', start);
      const std::string para = s.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
      std::string line;
      std::size_t at = 0;
      while (at < para.size()) {
        auto sp = para.find(' ', at);
        if (sp == std::string::npos) sp = para.size();
        const std::string word = para.substr(at, sp - at);
        const std::string candidate = line.empty() ? word : line + " " + word;
        if (!line.empty() && text_width(candidate, bold, size) > max_width) {
          lines.push_back(line);
          line = word;
        } else {
          line = candidate;
        }
        at = sp + 1;
      }
      lines.push_back(line);
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
    return lines;
  }
  // A wrapped paragraph at x, `max_width` wide.
  void paragraph(const std::string& s, double x, double max_width, bool bold = false) {
    for (const auto& text : wrap(s, max_width, bold, body_)) {
      need(line_);
      y_ -= line_;
      draw(x, y_, text, bold, body_);
    }
  }
  // A QR code whose top-left corner is at (x, top), `side` points wide.
  Result<bool> qr(const std::string& text, double x, double top, double side) {
    std::unique_ptr<QRcode, void (*)(QRcode*)> code(QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M),
                                                    QRcode_free);
    if (!code) return make_error("template", "the text is too long for a QR code");
    const int n = code->width;
    const double cell = side / (n + 8);  // four modules of quiet zone on each side
    painter_.SetColor(0, 0, 0);
    for (int r = 0; r < n; ++r)
      for (int c = 0; c < n; ++c)
        if (code->data[r * n + c] & 1) painter_.Rectangle(x + (c + 4) * cell, top - (r + 5) * cell, cell, cell);
    painter_.Fill();
    return true;
  }

 private:
  void new_page() {
    PdfPage* page = doc_.CreatePage(PdfRect(0, 0, kPageWidth, kPageHeight));
    painter_.SetPage(page);
    y_ = kPageHeight - kTop;
    if (!options_.watermark.empty()) watermark();
  }
  // Drawn first, so the page's text lies over it: light grey, across the middle of the page.
  void watermark() {
    painter_.Save();
    painter_.SetColor(0.82, 0.82, 0.82);
    const double size = 150;
    draw((kPageWidth - text_width(options_.watermark, true, size)) / 2, kPageHeight / 2 - size / 3, options_.watermark,
         true, size);
    painter_.SetColor(0.55, 0, 0);
    if (!options_.watermark_note.empty())
      draw((kPageWidth - text_width(options_.watermark_note, true, 9)) / 2, kPageHeight - 22, options_.watermark_note,
           true, 9);
    painter_.Restore();
  }
  PdfMemDocument& doc_;
  PdfFont* regular_;
  PdfFont* bold_;
  const RenderOptions& options_;
  PdfPainter painter_;
  const double body_, line_;
  double y_ = 0;
};

Result<bool> draw_block(Layout& l, const TemplateBlock& b, const DocumentValues& v) {
  const auto fill = [&](const std::string& s) { return fill_placeholders(s, v); };
  switch (b.kind) {
    case TemplateBlock::Kind::Spacer:
      l.down(l.line());
      return true;
    case TemplateBlock::Kind::Heading: {
      auto t = fill(b.text);
      if (!t) return t.error();
      l.down(6);
      l.paragraph(*t, kLeft, l.width(), true);
      return true;
    }
    case TemplateBlock::Kind::Text: {
      auto t = fill(b.text);
      if (!t) return t.error();
      l.down(4);
      l.paragraph(*t, kLeft, l.width());
      return true;
    }
    case TemplateBlock::Kind::Fields: {
      l.down(4);
      const double label_width = 165, colon = kLeft + label_width, value_x = colon + 10;
      // Table rows are data, already final: they are not filled again, so a "{{" typed into a
      // form never reads as a placeholder.
      std::vector<std::pair<std::string, std::string>> rows;
      for (const auto& row : b.rows) {
        if (row.table.empty()) {
          auto lt = fill(row.label);
          if (!lt) return lt.error();
          auto vt = fill(row.value);
          if (!vt) return vt.error();
          rows.emplace_back(std::move(*lt), std::move(*vt));
          continue;
        }
        const auto t = v.tables.find(row.table);
        if (t == v.tables.end()) return make_error("template", "no table named '" + row.table + "'");
        rows.insert(rows.end(), t->second.begin(), t->second.end());
      }
      for (const auto& [lt, vt] : rows) {
        const auto label_lines = l.wrap(lt, label_width - 6, false, l.body());
        const auto value_lines = l.wrap(vt.empty() ? "-" : vt, kLeft + l.width() - value_x, false, l.body());
        const std::size_t height = std::max(label_lines.size(), value_lines.size());
        l.need(l.line() * static_cast<double>(height));
        for (std::size_t i = 0; i < height; ++i) {
          l.down(l.line());
          if (i < label_lines.size()) l.draw(kLeft, l.y(), label_lines[i], false, l.body());
          if (i == 0) l.draw(colon, l.y(), ":", false, l.body());
          if (i < value_lines.size()) l.draw(value_x, l.y(), value_lines[i], false, l.body());
        }
      }
      return true;
    }
    case TemplateBlock::Kind::List: {
      const auto it = v.lists.find(b.list);
      if (it == v.lists.end()) return make_error("template", "no list named '" + b.list + "'");
      l.down(2);
      if (it->second.empty()) {
        auto t = fill(b.empty_text.empty() ? "-" : b.empty_text);
        if (!t) return t.error();
        l.paragraph(*t, kLeft + 18, l.width() - 18);
        return true;
      }
      int n = 0;
      for (const auto& item : it->second) {
        const std::string number = std::to_string(++n) + ".";
        const auto lines = l.wrap(item, l.width() - 22, false, l.body());
        for (std::size_t i = 0; i < lines.size(); ++i) {
          l.need(l.line());
          l.down(l.line());
          if (i == 0) l.draw(kLeft + 4, l.y(), number, false, l.body());
          l.draw(kLeft + 22, l.y(), lines[i], false, l.body());
        }
      }
      return true;
    }
    case TemplateBlock::Kind::Qr: {
      auto t = fill(b.text);
      if (!t) return t.error();
      auto caption = fill(b.caption);
      if (!caption) return caption.error();
      const double side = 84;
      l.need(side + 8);
      l.down(8);
      const double top = l.y();
      if (auto ok = l.qr(*t, kLeft, top, side); !ok) return ok.error();
      double cy = top - 4;
      for (const auto& line : l.wrap(*caption, l.width() - side - 12, false, 9)) {
        cy -= 12;
        l.draw(kLeft + side + 8, cy, line, false, 9);
      }
      l.down(side);
      return true;
    }
    case TemplateBlock::Kind::Signature: {
      auto place = fill(b.place_date), title = fill(b.signer_title), name = fill(b.signer_name),
           nip = fill(b.signer_nip), code = fill(b.text);
      for (const auto* r : {&place, &title, &name, &nip, &code})
        if (!*r) return r->error();
      const double x = kLeft + l.width() * 0.52, w = l.width() * 0.48;
      const auto title_lines = l.wrap(*title, w, false, l.body());
      const double gap = 78 * l.line() / kLine;  // room for the QR code (or a wet signature)
      l.need(l.line() * static_cast<double>(title_lines.size() + 3) + gap + 16);
      l.down(16);
      l.paragraph(*place, x, w);
      l.paragraph(*title, x, w);
      const double top = l.y() - 4;
      if (!code->empty())
        if (auto ok = l.qr(*code, x, top, gap - 6); !ok) return ok.error();
      l.down(gap);
      l.paragraph(*name, x, w, true);
      l.rule(x, x + l.text_width(*name, true, l.body()), l.y() - 2, 0.6);
      if (!nip->empty()) l.paragraph("NIP. " + *nip, x, w);
      return true;
    }
  }
  return true;
}

}  // namespace

namespace {

// The document laid out with body text at `scale`: its bytes and its number of pages.
Result<std::pair<std::string, int>> render_at(const DocumentTemplate& t, const std::vector<std::string>& letterhead,
                                              const DocumentValues& values, const RenderOptions& options,
                                              const std::string& title, const std::string& subtitle, double scale) {
  try {
    PdfMemDocument doc;
    FT_Library library = doc.GetFontLibrary();  // the metrics keep its address: it outlives them
    // Declared after the document, so destroyed before it.
    const auto regular = subset_font(doc, &library, options.font_regular, false, "SPAAAA+");
    const auto bold = subset_font(doc, &library, options.font_bold, true, "SPAAAB+");
    if (!regular || !bold) return make_error("font", "the DejaVu fonts could not be loaded");
    {
      Layout l(doc, regular.get(), bold.get(), options, scale);
      // Letterhead: the office's lines centred, the first in a larger size, beside the emblem
      // when the office has one, closed by a double rule.
      const double top = l.y();
      double text_x = kLeft, text_w = l.width(), bottom = top;
      std::optional<PdfImage> logo;
      if (!options.logo_path.empty()) {
        logo.emplace(&doc);
        logo->LoadFromFile(options.logo_path.c_str());
        constexpr double kLogoHeight = 62;
        const double w = l.image(*logo, kLeft, top - 2, kLogoHeight);
        text_x = kLeft + w + 8;
        text_w = l.width() - (w + 8);  // the lines centred in the room right of the emblem
        bottom = top - 2 - kLogoHeight;
      }
      for (std::size_t i = 0; i < letterhead.size(); ++i) l.centered_in(text_x, text_w, letterhead[i], true, i == 0 ? 13 : 12);
      if (l.y() > bottom) l.down(l.y() - bottom);
      l.down(8);
      l.rule(kLeft, kPageWidth - kRight, l.y(), 2.0);
      l.rule(kLeft, kPageWidth - kRight, l.y() - 3, 0.6);
      l.down(22);
      l.centered(title, true, 12);
      l.rule(kLeft + (l.width() - l.text_width(title, true, 12)) / 2,
             kLeft + (l.width() + l.text_width(title, true, 12)) / 2, l.y() - 2, 0.6);
      if (!subtitle.empty()) l.centered(subtitle, false, l.body());
      l.down(10);
      for (const auto& b : t.blocks)
        if (auto ok = draw_block(l, b, values); !ok) return make_error("template", t.source + ": " + ok.error().message);
    }
    doc.GetInfo()->SetTitle(utf8(options.title_metadata.empty() ? title : options.title_metadata));
    doc.GetInfo()->SetCreator(PdfString("satupintu"));
    regular->EmbedSubsetFont();
    bold->EmbedSubsetFont();
    std::string bytes = pdf_bytes(doc);
    return std::pair{std::move(bytes), doc.GetPageCount()};
  } catch (const PdfError& e) {
    return make_error("pdf", std::string("the PDF could not be written (") + PdfError::ErrorName(e.GetError()) + ")");
  }
}

}  // namespace

Result<std::string> render_pdf(const DocumentTemplate& t, const std::vector<std::string>& letterhead,
                               const DocumentValues& values, const RenderOptions& options) {
  quiet_podofo();
  for (const auto* font : {&options.font_regular, &options.font_bold})
    if (!std::filesystem::exists(*font)) return make_error("font", "font file " + *font + " is missing (package fonts-dejavu-core)");
  auto title = fill_placeholders(t.title, values);
  if (!title) return make_error("template", t.source + ": " + title.error().message);
  auto subtitle = fill_placeholders(t.subtitle, values);
  if (!subtitle) return make_error("template", t.source + ": " + subtitle.error().message);
  // A one-page document (a permit) that would spill onto a second page is laid out again with
  // smaller body text, down to 80%, before it is allowed to spill.
  const std::vector<double> scales = t.one_page ? std::vector<double>{1.0, 0.93, 0.87, 0.8} : std::vector<double>{1.0};
  std::string pdf;
  for (const double scale : scales) {
    auto r = render_at(t, letterhead, values, options, *title, *subtitle, scale);
    if (!r) return r.error();
    pdf = std::move(r->first);
    if (r->second == 1) break;
  }
  return pdf;
}

}  // namespace sp::documents
