#include "diagrams/sop_sheet_pdf.hpp"

#include <podofo/podofo.h>

#include <filesystem>

#include "documents/pdf_fonts.hpp"
#include "documents/podofo_quiet.hpp"

namespace sp::diagrams {

using namespace sheet;
using namespace PoDoFo;

namespace {

// Paints one page; the sheet's y runs down from the top, PDF's up from the bottom.
class PagePainter {
 public:
  PagePainter(PdfPainter& painter, const Page& page, PdfFont* regular, PdfFont* bold)
      : p_(painter), h_(page.height), regular_(regular), bold_(bold) {}

  void paint(const Page& page) {
    p_.SetColor(0.91, 0.91, 0.91);
    for (const Box& b : page.shaded) {
      p_.Rectangle(b.x, h_ - b.bottom(), b.w, b.h);
      p_.Fill();
    }
    p_.SetStrokingColor(0, 0, 0);
    for (const Rule& r : page.rules) {
      p_.SetStrokeWidth(r.width);
      p_.DrawLine(r.a.x, y(r.a.y), r.b.x, y(r.b.y));
    }
    p_.SetStrokeWidth(0.7);
    for (const Flow& f : page.flows) {
      p_.MoveTo(f.points.front().x, y(f.points.front().y));
      for (std::size_t i = 1; i < f.points.size(); ++i) p_.LineTo(f.points[i].x, y(f.points[i].y));
      p_.Stroke();
      p_.SetColor(0, 0, 0);
      polygon(arrowhead(f));
      p_.Fill();
    }
    p_.SetStrokeWidth(0.8);
    for (const Shape& s : page.shapes) {
      p_.SetColor(1, 1, 1);
      switch (s.symbol) {
        case Symbol::Terminator: p_.Rectangle(s.box.x, h_ - s.box.bottom(), s.box.w, s.box.h, s.box.h / 2, s.box.h / 2); break;
        case Symbol::Process: p_.Rectangle(s.box.x, h_ - s.box.bottom(), s.box.w, s.box.h); break;
        case Symbol::Decision: polygon(diamond(s.box)); break;
        case Symbol::OffPageConnector: polygon(pentagon(s.box)); break;
      }
      p_.FillAndStroke();
    }
    for (const Text& t : page.texts) {
      if (t.backdrop) {
        p_.SetColor(1, 1, 1);
        p_.Rectangle(t.x - 0.6, h_ - (t.baseline + t.size * 0.25), t.width + 1.2, t.size * 1.1);
        p_.Fill();
      }
      p_.SetColor(0, 0, 0);
      PdfFont* f = t.bold ? bold_ : regular_;
      f->SetFontSize(static_cast<float>(t.size));
      p_.SetFont(f);
      p_.DrawText(t.x, y(t.baseline), documents::pdf_text(t.text));
    }
  }

 private:
  double y(double top_down) const { return h_ - top_down; }
  template <class Points>
  void polygon(const Points& ps) {
    p_.MoveTo(ps[0].x, y(ps[0].y));
    for (std::size_t i = 1; i < ps.size(); ++i) p_.LineTo(ps[i].x, y(ps[i].y));
    p_.ClosePath();
  }

  PdfPainter& p_;
  double h_;
  PdfFont* regular_;
  PdfFont* bold_;
};

}  // namespace

Result<std::string> write_sheet_pdf(const Sheet& sheet, const SheetFonts& fonts) {
  documents::quiet_podofo();
  for (const auto* font : {&fonts.regular, &fonts.bold})
    if (!std::filesystem::exists(*font)) return make_error(*font + ": font file missing (package fonts-dejavu-core)");
  try {
    PdfMemDocument doc;
    FT_Library library = doc.GetFontLibrary();  // the metrics keep its address: it outlives them
    const auto regular = documents::subset_font(doc, &library, fonts.regular, false, "SPSHTA+");
    const auto bold = documents::subset_font(doc, &library, fonts.bold, true, "SPSHTB+");
    if (!regular || !bold) return make_error("the DejaVu fonts could not be loaded");
    for (const Page& page : sheet.pages) {
      PdfPage* pdf_page = doc.CreatePage(PdfRect(0, 0, page.width, page.height));
      PdfPainter painter;
      painter.SetPage(pdf_page);
      PagePainter(painter, page, regular.get(), bold.get()).paint(page);
      painter.FinishPage();
    }
    doc.GetInfo()->SetTitle(documents::pdf_text(sheet.title));
    doc.GetInfo()->SetCreator(PdfString("satupintu"));
    regular->EmbedSubsetFont();
    bold->EmbedSubsetFont();
    return documents::pdf_bytes(doc);
  } catch (const PdfError& e) {
    return make_error(std::string("the PDF could not be written (") + PdfError::ErrorName(e.GetError()) + ")");
  }
}

}  // namespace sp::diagrams
