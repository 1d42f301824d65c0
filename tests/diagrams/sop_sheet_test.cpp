// The official SOP sheet of every SOP in sop/: laid out without overlaps (text on text, text on
// symbols, symbols on symbols, arrows through symbols or along each other), nothing of the
// definition lost, and both writers' output readable.
#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <podofo/podofo.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include "diagrams/font_metrics.hpp"
#include "diagrams/sop_sheet.hpp"
#include "diagrams/sop_sheet_layout.hpp"
#include "diagrams/sop_sheet_svg.hpp"
#include "test_data.hpp"

namespace sp::diagrams {
namespace {

using namespace sheet;

const FontMetrics& metrics() {
  static const auto m = [] {
    auto r = FontMetrics::load({});
    EXPECT_TRUE(r.ok()) << (r ? "" : r.error().message);
    return std::move(*r);
  }();
  return *m;
}

Box text_box(const Text& t) { return {t.x, t.baseline - t.size * 0.78, t.width, t.size * 0.98}; }

bool overlap(const Box& a, const Box& b, double tolerance = 0.2) {
  return a.x + tolerance < b.right() && b.x + tolerance < a.right() && a.y + tolerance < b.bottom() &&
         b.y + tolerance < a.bottom();
}

bool inside(const Box& inner, const Box& outer) {
  return inner.x >= outer.x - 0.01 && inner.right() <= outer.right() + 0.01 && inner.y >= outer.y - 0.5 &&
         inner.bottom() <= outer.bottom() + 0.5;
}

// Strictly inside the symbol's outline, more than `margin` from it.
bool inside_symbol(const Shape& s, Point p, double margin = 0.4) {
  const double cx = s.box.x + s.box.w / 2, cy = s.box.y + s.box.h / 2;
  const double hw = s.box.w / 2 - margin, hh = s.box.h / 2 - margin;
  const double dx = std::abs(p.x - cx), dy = std::abs(p.y - cy);
  if (dx >= hw || dy >= hh) return false;
  switch (s.symbol) {
    case Symbol::Decision: return dx / hw + dy / hh < 1;
    case Symbol::Terminator: {
      const double r = hh, straight = hw - r;
      return dx <= straight || std::hypot(dx - straight, dy) < r;
    }
    default: return true;
  }
}

std::string describe(const Sop& sop, std::size_t page) {
  return sop.code + " page " + std::to_string(page + 1);
}

void expect_clean(const Sop& sop, const Sheet& sheet) {
  for (std::size_t pi = 0; pi < sheet.pages.size(); ++pi) {
    const Page& page = sheet.pages[pi];
    const std::string where = describe(sop, pi);
    const Box paper{0, 0, page.width, page.height};
    for (const Text& t : page.texts) {
      EXPECT_TRUE(inside(text_box(t), {20, 20, page.width - 40, page.height - 40})) << where << ": '" << t.text
                                                                                   << "' leaves the page's margins";
      EXPECT_FALSE(t.text.empty()) << where;
    }
    // Text on text.
    for (std::size_t i = 0; i < page.texts.size(); ++i)
      for (std::size_t j = i + 1; j < page.texts.size(); ++j)
        EXPECT_FALSE(overlap(text_box(page.texts[i]), text_box(page.texts[j])))
            << where << ": '" << page.texts[i].text << "' overlaps '" << page.texts[j].text << "'";
    // Text either inside a symbol (a connector's letter, an end's name) or clear of every symbol.
    for (const Text& t : page.texts)
      for (const Shape& s : page.shapes) {
        if (!inside(text_box(t), s.box)) {
          EXPECT_FALSE(overlap(text_box(t), s.box)) << where << ": '" << t.text << "' overlaps a symbol";
        }
      }
    // Symbols on symbols, and inside the paper.
    for (std::size_t i = 0; i < page.shapes.size(); ++i) {
      EXPECT_TRUE(inside(page.shapes[i].box, paper)) << where;
      for (std::size_t j = i + 1; j < page.shapes.size(); ++j)
        EXPECT_FALSE(overlap(page.shapes[i].box, page.shapes[j].box, 0.0)) << where << ": two symbols overlap";
    }
    // Arrows never cross a symbol's inside, and never run along another arrow.
    struct Segment {
      Point a, b;
      std::size_t flow;
    };
    std::vector<Segment> segments;
    for (std::size_t f = 0; f < page.flows.size(); ++f) {
      const auto& pts = page.flows[f].points;
      ASSERT_GE(pts.size(), 2u) << where;
      for (std::size_t k = 1; k < pts.size(); ++k) {
        const Point a = pts[k - 1], b = pts[k];
        EXPECT_TRUE(std::abs(a.x - b.x) < 1e-6 || std::abs(a.y - b.y) < 1e-6) << where << ": a slanted arrow";
        segments.push_back({a, b, f});
        const double len = std::hypot(b.x - a.x, b.y - a.y);
        for (double d = 0; d <= len; d += 0.5) {
          const Point p{a.x + (b.x - a.x) * d / std::max(len, 1e-9), a.y + (b.y - a.y) * d / std::max(len, 1e-9)};
          for (const Shape& s : page.shapes)
            EXPECT_FALSE(inside_symbol(s, p)) << where << ": an arrow crosses a symbol at " << p.x << "," << p.y;
        }
      }
    }
    for (std::size_t i = 0; i < segments.size(); ++i)
      for (std::size_t j = i + 1; j < segments.size(); ++j) {
        const Segment &s = segments[i], &t = segments[j];
        if (s.flow == t.flow) continue;
        const bool s_vertical = std::abs(s.a.x - s.b.x) < 1e-6, t_vertical = std::abs(t.a.x - t.b.x) < 1e-6;
        const bool s_horizontal = std::abs(s.a.y - s.b.y) < 1e-6, t_horizontal = std::abs(t.a.y - t.b.y) < 1e-6;
        if (s_vertical && t_vertical && std::abs(s.a.x - t.a.x) < 0.5) {
          const double lo = std::max(std::min(s.a.y, s.b.y), std::min(t.a.y, t.b.y));
          const double hi = std::min(std::max(s.a.y, s.b.y), std::max(t.a.y, t.b.y));
          EXPECT_LT(hi - lo, 1.0) << where << ": two arrows run along x=" << s.a.x;
        }
        if (s_horizontal && t_horizontal && std::abs(s.a.y - t.a.y) < 0.5) {
          const double lo = std::max(std::min(s.a.x, s.b.x), std::min(t.a.x, t.b.x));
          const double hi = std::min(std::max(s.a.x, s.b.x), std::max(t.a.x, t.b.x));
          EXPECT_LT(hi - lo, 1.0) << where << ": two arrows run along y=" << s.a.y;
        }
      }
  }
}

std::string all_text(const Sheet& sheet, std::size_t from_page = 0) {
  std::string s;
  for (std::size_t p = from_page; p < sheet.pages.size(); ++p)
    for (const Text& t : sheet.pages[p].texts) s += t.text + " ";
  return s;
}

// Every word of `text` appears in `haystack` (the sheet breaks lines, and may break a long word
// across lines, so the check is per word and per piece).
void expect_words(const std::string& haystack, const std::string& text, const std::string& what) {
  std::istringstream in(text);
  std::string word;
  while (in >> word) {
    if (word.size() <= 20) {
      EXPECT_NE(haystack.find(word), std::string::npos) << what << ": '" << word << "' is missing";
    }
  }
}

TEST(SopSheet, EverySopLaysOutWithoutOverlapsOnA4AndF4) {
  const auto& catalog = test::seed_catalog().catalog;
  ASSERT_GE(catalog.sops().size(), 5u);
  for (const Sop& sop : catalog.sops())
    for (Paper paper : {Paper::A4, Paper::F4}) {
      const Sheet sheet = layout_sop_sheet(sop, catalog.office(sop.office), metrics(), {paper});
      ASSERT_GE(sheet.pages.size(), 2u) << sop.code;
      EXPECT_NEAR(sheet.pages[0].width, paper == Paper::A4 ? 841.89 : 935.43, 0.01);
      EXPECT_GT(sheet.pages[0].width, sheet.pages[0].height) << "landscape";
      expect_clean(sop, sheet);
    }
}

TEST(SopSheet, NothingOfTheDefinitionIsLost) {
  const auto& catalog = test::seed_catalog().catalog;
  for (const Sop& sop : catalog.sops()) {
    const Sheet sheet = layout_sop_sheet(sop, catalog.office(sop.office), metrics());
    const std::string identity = all_text(sheet) , procedure = all_text(sheet, 1);
    expect_words(identity, sop.identity.number, sop.code + " Nomor SOP");
    expect_words(identity, sop.identity.approved_by, sop.code + " Disahkan oleh");
    expect_words(identity, sop.identity.approver_nip, sop.code + " NIP");
    for (const auto& heading : {"DASAR HUKUM:", "KUALIFIKASI PELAKSANA:", "KETERKAITAN:", "PERALATAN/PERLENGKAPAN:",
                                "PERINGATAN:", "PENCATATAN DAN PENDATAAN:"})
      EXPECT_NE(identity.find(heading), std::string::npos) << sop.code << " " << heading;
    for (const auto& law : sop.permit.legal_basis.as_written) expect_words(identity, law, sop.code + " Dasar Hukum");
    for (const auto& q : sop.identity.equipment) expect_words(identity, q, sop.code + " Peralatan");
    for (const auto& st : sop.steps) {
      expect_words(procedure, st.description, sop.code + " step " + std::to_string(st.number));
      expect_words(procedure, st.output, sop.code + " output " + std::to_string(st.number));
      for (const auto& in : st.inputs) expect_words(procedure, in, sop.code + " input " + std::to_string(st.number));
    }
    // One symbol per step, in its actor's column, numbered as the step.
    std::multiset<int> numbered;
    for (std::size_t p = 1; p < sheet.pages.size(); ++p)
      for (const Shape& s : sheet.pages[p].shapes)
        if (s.step) numbered.insert(s.step);
    for (const auto& st : sop.steps) EXPECT_EQ(numbered.count(st.number), 1u) << sop.code << " step " << st.number;
    // Off-page connectors come in pairs, on two different pages, with the same letter.
    std::map<std::string, std::vector<std::size_t>> connectors;
    for (std::size_t p = 0; p < sheet.pages.size(); ++p)
      for (const Shape& s : sheet.pages[p].shapes)
        if (s.symbol == Symbol::OffPageConnector)
          for (const Text& t : sheet.pages[p].texts)
            if (inside(text_box(t), s.box)) connectors[t.text].push_back(p);
    for (const auto& [letter, pages] : connectors) {
      ASSERT_EQ(pages.size(), 2u) << sop.code << " connector " << letter;
      EXPECT_NE(pages[0], pages[1]) << sop.code << " connector " << letter;
    }
  }
}

TEST(SopSheet, ABlankWaktuStaysBlankAndADashPrintsAsADash) {
  const auto& catalog = test::seed_catalog().catalog;
  const Sop* sop = catalog.sop("pwk-iptk");
  ASSERT_NE(sop, nullptr);
  const Sheet sheet = layout_sop_sheet(*sop, catalog.office(sop->office), metrics());
  std::size_t dashes = 0, expected = 0;
  for (std::size_t p = 1; p < sheet.pages.size(); ++p)
    for (const Text& t : sheet.pages[p].texts) dashes += t.text == "-";
  for (const auto& st : sop->steps) expected += st.time.is_none() && st.time.dash;
  EXPECT_GT(expected, 0u);
  EXPECT_EQ(dashes, expected) << "only the cells the sheet wrote '-' in print one";
  EXPECT_TRUE(std::any_of(sop->steps.begin(), sop->steps.end(),
                          [](const Step& st) { return st.time.is_none() && !st.time.dash; }))
      << "the seed has a blank Waktu (step 8)";
}

TEST(SopSheet, ALongWordAndManyStepsStillFitAndBreakAcrossPages) {
  const auto& catalog = test::seed_catalog().catalog;
  Sop sop = *catalog.sop("pwk-iptk");
  sop.steps[0].description = "Registrasi melalui https://sicantikui.layanan.go.id/registrasi/pemohon/baru/perorangan/"
                             "tenaga-kesehatan/formulir-lengkap";
  sop.steps[3].description += " " + std::string(600, 'x');
  // Twice the steps: later steps send files back across page breaks.
  const std::size_t n = sop.steps.size();
  for (std::size_t i = 0; i < n; ++i) {
    Step copy = sop.steps[i];
    copy.number += static_cast<int>(n);
    for (auto& o : copy.outcomes)
      if (o.target.kind == Target::Kind::Step) o.target.step = static_cast<StepIndex>(o.target.step + n);
    sop.steps.push_back(copy);
  }
  const Sheet sheet = layout_sop_sheet(sop, catalog.office(sop.office), metrics());
  EXPECT_GE(sheet.pages.size(), 4u);
  expect_clean(sop, sheet);
  std::size_t connectors = 0;
  for (const auto& page : sheet.pages)
    connectors += std::count_if(page.shapes.begin(), page.shapes.end(),
                                [](const Shape& s) { return s.symbol == Symbol::OffPageConnector; });
  EXPECT_GE(connectors, 4u);
}

TEST(SopSheet, TheSvgIsWellFormedAndThePdfHasThePages) {
  const auto& catalog = test::seed_catalog().catalog;
  const Sop& sop = *catalog.sop("pwk-iptk");
  const Office* office = catalog.office(sop.office);
  auto svg = render_sop_sheet(sop, office, SheetFormat::Svg);
  ASSERT_TRUE(svg.ok());
  xmlDocPtr doc = xmlReadMemory(svg->data(), static_cast<int>(svg->size()), "sheet.svg", "UTF-8", XML_PARSE_NONET);
  ASSERT_NE(doc, nullptr);
  EXPECT_STREQ(reinterpret_cast<const char*>(xmlDocGetRootElement(doc)->name), "svg");
  xmlFreeDoc(doc);
  EXPECT_NE(svg->find("IZIN PRAKTEK TENAGA KESEHATAN"), std::string::npos);

  auto pdf = render_sop_sheet(sop, office, SheetFormat::Pdf);
  ASSERT_TRUE(pdf.ok());
  PoDoFo::PdfMemDocument read;
  read.LoadFromBuffer(pdf->data(), static_cast<long>(pdf->size()));
  const Sheet sheet = layout_sop_sheet(sop, office, metrics());
  EXPECT_EQ(read.GetPageCount(), static_cast<int>(sheet.pages.size()));
  const PoDoFo::PdfRect box = read.GetPage(0)->GetMediaBox();
  EXPECT_NEAR(box.GetWidth(), 841.89, 0.01);
}

TEST(SopSheet, AMissingFontIsAnError) {
  const auto& catalog = test::seed_catalog().catalog;
  const Sop& sop = *catalog.sop("pwk-iptk");
  auto r = render_sop_sheet(sop, nullptr, SheetFormat::Pdf, {}, {"/nonexistent/font.ttf", "/nonexistent/bold.ttf"});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("/nonexistent/font.ttf"), std::string::npos);
}

}  // namespace
}  // namespace sp::diagrams
