#pragma once
// The SOP sheet as drawn, with no format in it: pages of ruled lines, shaded cells, text lines
// already broken and placed, the flowchart's symbols and its arrows. The layout computes it once;
// the SVG and PDF writers only paint it, so the two can never disagree. Units are points
// (1/72 inch), y grows downwards from the page's top.
#include <array>
#include <string>
#include <vector>

namespace sp::diagrams::sheet {

struct Point {
  double x = 0, y = 0;
};

struct Box {
  double x = 0, y = 0, w = 0, h = 0;
  double right() const { return x + w; }
  double bottom() const { return y + h; }
};

// One line of text, left-aligned at `x`; `width` is its measured advance, which the SVG writer
// pins (textLength) so that a viewer's font cannot make it overflow its cell.
struct Text {
  double x = 0, baseline = 0, width = 0, size = 0;
  std::string text;
  bool bold = false;
  bool backdrop = false;  // a branch label: painted on white so the lines under it stay behind
};

// The five symbols of Permenpan-RB 35/2012: capsule, rectangle, diamond, arrow (a Flow), and
// the pentagon that carries a flow to another page.
enum class Symbol { Terminator, Process, Decision, OffPageConnector };

struct Shape {
  Symbol symbol = Symbol::Process;
  Box box;
  int step = 0;  // the step's number; 0 for an end or a connector
};

// A polyline ending in an arrowhead at its last point.
struct Flow {
  std::vector<Point> points;
};

struct Rule {
  Point a, b;
  double width = 0.5;
};

struct Page {
  double width = 0, height = 0;
  std::vector<Box> shaded;   // header cells, filled light grey under everything else
  std::vector<Rule> rules;   // the table's lines
  std::vector<Shape> shapes;
  std::vector<Flow> flows;
  std::vector<Text> texts;   // symbol labels (inside connectors and ends) included
};

struct Sheet {
  std::string title;  // "SOP <Nama SOP>" for the document's metadata
  std::vector<Page> pages;
};

// The arrowhead's three corners at a flow's last point (tip first).
std::array<Point, 3> arrowhead(const Flow& flow);

// The pentagon's five corners inside `box`, pointing down.
std::array<Point, 5> pentagon(const Box& box);

// The diamond's four corners inside `box` (top, right, bottom, left).
std::array<Point, 4> diamond(const Box& box);

}  // namespace sp::diagrams::sheet
