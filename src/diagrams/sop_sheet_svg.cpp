#include "diagrams/sop_sheet_svg.hpp"

#include <algorithm>

#include "diagrams/xml_writer.hpp"

namespace sp::diagrams {

using namespace sheet;

namespace {

constexpr double kPageGap = 16;

template <class Points>
std::string points(const Points& ps) {
  std::string s;
  for (const Point& p : ps) s += (s.empty() ? "" : " ") + decimal(p.x) + "," + decimal(p.y);
  return s;
}

void rect(XmlWriter& w, const Box& b, const char* fill, const char* stroke, double rx = 0) {
  w.start("rect");
  w.attr("x", b.x);
  w.attr("y", b.y);
  w.attr("width", b.w);
  w.attr("height", b.h);
  if (rx > 0) w.attr("rx", rx);
  w.attr("fill", fill);
  if (stroke) {
    w.attr("stroke", stroke);
    w.attr("stroke-width", 0.8);
  }
  w.end();
}

void polygon(XmlWriter& w, const std::string& pts, const char* fill, bool stroke) {
  w.start("polygon");
  w.attr("points", pts);
  w.attr("fill", fill);
  if (stroke) {
    w.attr("stroke", "#000");
    w.attr("stroke-width", 0.8);
  }
  w.end();
}

void page(XmlWriter& w, const Page& p, double top) {
  w.start("g");
  w.attr("transform", "translate(0," + decimal(top) + ")");
  rect(w, {0, 0, p.width, p.height}, "#fff", "#bbb");
  for (const Box& b : p.shaded) rect(w, b, "#e8e8e8", nullptr);
  w.start("g");
  w.attr("stroke", "#000");
  for (const Rule& r : p.rules) {
    w.start("line");
    w.attr("x1", r.a.x);
    w.attr("y1", r.a.y);
    w.attr("x2", r.b.x);
    w.attr("y2", r.b.y);
    w.attr("stroke-width", r.width);
    w.end();
  }
  w.end();
  for (const Flow& f : p.flows) {
    w.start("polyline");
    w.attr("points", points(f.points));
    w.attr("fill", "none");
    w.attr("stroke", "#000");
    w.attr("stroke-width", 0.7);
    w.end();
    polygon(w, points(arrowhead(f)), "#000", false);
  }
  for (const Shape& s : p.shapes) {
    switch (s.symbol) {
      case Symbol::Terminator: rect(w, s.box, "#fff", "#000", s.box.h / 2); break;
      case Symbol::Process: rect(w, s.box, "#fff", "#000"); break;
      case Symbol::Decision: polygon(w, points(diamond(s.box)), "#fff", true); break;
      case Symbol::OffPageConnector: polygon(w, points(pentagon(s.box)), "#fff", true); break;
    }
  }
  w.start("g");
  w.attr("font-family", "DejaVu Sans, Verdana, sans-serif");
  for (const Text& t : p.texts) {
    if (t.backdrop) rect(w, {t.x - 0.6, t.baseline - t.size * 0.85, t.width + 1.2, t.size * 1.1}, "#fff", nullptr);
    w.start("text");
    w.attr("x", t.x);
    w.attr("y", t.baseline);
    w.attr("font-size", t.size);
    if (t.bold) w.attr("font-weight", "bold");
    if (t.width > 0) {
      w.attr("textLength", t.width);
      w.attr("lengthAdjust", "spacingAndGlyphs");
    }
    w.text(t.text);
    w.end();
  }
  w.end();
  w.end();
}

}  // namespace

Result<std::string> write_sheet_svg(const Sheet& sheet) {
  double width = 0, height = 0;
  for (const Page& p : sheet.pages) width = std::max(width, p.width), height += p.height + kPageGap;
  if (!sheet.pages.empty()) height -= kPageGap;
  XmlWriter w;
  if (!w.ok()) return make_error("cannot start the XML writer");
  w.start_document();
  w.start("svg");
  w.attr("xmlns", "http://www.w3.org/2000/svg");
  w.attr("version", "1.1");
  w.attr("width", decimal(width) + "pt");
  w.attr("height", decimal(height) + "pt");
  w.attr("viewBox", "0 0 " + decimal(width) + " " + decimal(height));
  w.element("title", sheet.title);
  double top = 0;
  for (const Page& p : sheet.pages) {
    page(w, p, top);
    top += p.height + kPageGap;
  }
  w.end();
  std::string svg = w.finish();
  if (!w.ok()) return make_error("the SVG document could not be written");
  return svg;
}

}  // namespace sp::diagrams
