#include "diagrams/sop_sheet_layout.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "core/text.hpp"
#include "diagrams/sheet_text.hpp"
#include "diagrams/sop_sheet_identity.hpp"

namespace sp::diagrams {

using namespace sheet;

namespace {

constexpr double kMargin = 28;
constexpr double kStrip = 12;            // each side of a Pelaksana column, kept free of symbols for lines
constexpr double kConnectorStrip = 20;   // above and below a procedure page's rows: the off-page connectors
constexpr double kFooter = 16;
constexpr double kMinRow = 46;           // a row leaves room above and below its symbol for the arrows
constexpr double kSymbolH = 18, kDecisionH = 24, kDecisionMaxW = 34;
constexpr double kConnectorW = 10, kConnectorH = 12;
constexpr double kSlot = 5;              // vertical distance between two lines meeting one side of a symbol

std::string words(const std::string& code) {
  std::string s = code;
  std::replace(s.begin(), s.end(), '_', ' ');
  return s;
}

// The sheet's pages: the identity page, then the procedure table over as many pages as its rows
// need, with each flow routed between the Pelaksana columns, then every page's footer.
class SheetLayout {
 public:
  SheetLayout(const Sop& sop, const Office* office, const TextMeasure& m, const SheetOptions& options)
      : sop_(sop), office_(office), w_(m) {
    if (options.paper == Paper::F4) page_w_ = 935.43, page_h_ = 609.45;
  }

  Sheet run() {
    sheet_.title = "SOP " + (sop_.identity.name.empty() ? sop_.permit.name : sop_.identity.name);
    identity_page();
    procedure_pages();
    footers();
    return std::move(sheet_);
  }

 private:
  Page& new_page() {
    sheet_.pages.push_back({});
    Page& p = sheet_.pages.back();
    p.width = page_w_;
    p.height = page_h_;
    return p;
  }
  double content_w() const { return page_w_ - 2 * kMargin; }

  void identity_page() { draw_identity_page(new_page(), sop_, office_, w_, kMargin, kFooter); }

  // ---- The procedure table ---------------------------------------------------------------------

  struct Columns {
    double no_x, no_w, text_x, text_w, lanes_x, lane_w, inputs_x, inputs_w, time_x, time_w, output_x, output_w,
        remark_x, remark_w, right;
  };

  void columns() {
    for (RoleIndex r = 0; r < sop_.roles.size(); ++r)
      if (std::any_of(sop_.steps.begin(), sop_.steps.end(), [&](const Step& st) { return st.actor == r; }))
        lane_of_role_[r] = lanes_.size(), lanes_.push_back(r);
    const double W = content_w();
    const double n = static_cast<double>(std::max<std::size_t>(1, lanes_.size()));
    Columns& c = cols_;
    c.no_w = 20, c.time_w = 44, c.remark_w = 50;
    c.lane_w = std::clamp(W * 0.45 / n, 2 * kStrip + 22, 86.0);
    const double rest = W - c.no_w - c.time_w - c.remark_w - n * c.lane_w;
    c.text_w = rest * 0.4, c.inputs_w = rest * 0.3, c.output_w = rest * 0.3;
    c.no_x = kMargin;
    c.text_x = c.no_x + c.no_w;
    c.lanes_x = c.text_x + c.text_w;
    c.inputs_x = c.lanes_x + n * c.lane_w;
    c.time_x = c.inputs_x + c.inputs_w;
    c.output_x = c.time_x + c.time_w;
    c.remark_x = c.output_x + c.output_w;
    c.right = c.remark_x + c.remark_w;
  }
  double lane_left(std::size_t lane) const { return cols_.lanes_x + static_cast<double>(lane) * cols_.lane_w; }
  double lane_center(std::size_t lane) const { return lane_left(lane) + cols_.lane_w / 2; }
  double symbol_w() const { return std::min(cols_.lane_w - 2 * kStrip, 64.0); }

  static std::string inputs_text(const Step& st) { return join(st.inputs, ", "); }

  double row_height(const Step& st) {
    Page scratch;
    Painter p(scratch, w_);
    const Columns& c = cols_;
    double h = kMinRow;
    h = std::max(h, p.block(st.description, {c.text_x, 0, c.text_w, 0}, false, body_, Align::Left, false));
    h = std::max(h, p.block(inputs_text(st), {c.inputs_x, 0, c.inputs_w, 0}, false, body_, Align::Left, false));
    h = std::max(h, p.block(format_time_limit(st.time), {c.time_x, 0, c.time_w, 0}, false, body_, Align::Center, false));
    h = std::max(h, p.block(st.output, {c.output_x, 0, c.output_w, 0}, false, body_, Align::Left, false));
    h = std::max(h, p.block(st.remark, {c.remark_x, 0, c.remark_w, 0}, false, body_, Align::Left, false));
    return h;
  }

  // The role names' size: the body's, smaller when a word of a name would not fit its column
  // (a name is broken between words, never inside one).
  double role_size() const {
    double size = body_;
    const auto fits = [&](double sz) {
      for (RoleIndex r : lanes_) {
        std::string word;
        for (char ch : sop_.roles[r].name + " ") {
          if (ch != ' ') {
            word += ch;
            continue;
          }
          if (w_.width(word, true, sz) > cols_.lane_w - 2 * kPad) return false;
          word.clear();
        }
      }
      return true;
    };
    while (size > 4.5 && !fits(size)) size -= 0.25;
    return size;
  }

  double header_height() {
    Page scratch;
    Painter p(scratch, w_);
    double h2 = 0;
    role_size_ = role_size();
    for (RoleIndex r : lanes_)
      h2 = std::max(h2, p.block(sop_.roles[r].name, {0, 0, cols_.lane_w, 0}, true, role_size_, Align::Center, false));
    header_top_h_ = line_height(body_) + 2 * kPad;
    return header_top_h_ + std::max(h2, line_height(body_) + 2 * kPad);
  }

  void header(Page& page, double top, double height) {
    Painter p(page, w_);
    const Columns& c = cols_;
    const double h1 = header_top_h_, h2 = height - h1;
    page.shaded.push_back({c.no_x, top, c.right - c.no_x, height});
    const auto cell = [&](const std::string& s, double x, double y, double w, double h, double size) {
      p.block(s, {x, y, w, h}, true, size, Align::Center, true, h);
    };
    cell("No", c.no_x, top, c.no_w, height, body_);
    cell("Uraian Kegiatan", c.text_x, top, c.text_w, height, body_);
    cell("Pelaksana", c.lanes_x, top, c.inputs_x - c.lanes_x, h1, body_);
    cell("Mutu Baku", c.inputs_x, top, c.remark_x - c.inputs_x, h1, body_);
    cell("Ket.", c.remark_x, top, c.remark_w, height, body_);
    for (std::size_t l = 0; l < lanes_.size(); ++l)
      cell(sop_.roles[lanes_[l]].name, lane_left(l), top + h1, c.lane_w, h2, role_size_);
    cell("Kelengkapan", c.inputs_x, top + h1, c.inputs_w, h2, body_);
    cell("Waktu", c.time_x, top + h1, c.time_w, h2, body_);
    cell("Output", c.output_x, top + h1, c.output_w, h2, body_);
    p.rule(c.lanes_x, top + h1, c.remark_x, top + h1);
  }

  // Column lines from `top` to `bottom` (below the header's first row for the split columns).
  void grid(Page& page, double table_top, double bottom) {
    Painter p(page, w_);
    const Columns& c = cols_;
    const double split_top = table_top + header_top_h_;
    for (double x : {c.no_x, c.text_x, c.lanes_x, c.inputs_x, c.remark_x, c.right}) p.rule(x, table_top, x, bottom);
    for (std::size_t l = 1; l < lanes_.size(); ++l) p.rule(lane_left(l), split_top, lane_left(l), bottom);
    for (double x : {c.time_x, c.output_x}) p.rule(x, split_top, x, bottom);
    p.rule(c.no_x, table_top, c.right, table_top);
    p.rule(c.no_x, bottom, c.right, bottom);
  }

  struct Row {
    std::size_t page = 0;
    double top = 0, height = 0;
    Shape symbol;
    double mid() const { return top + height / 2; }
  };

  static bool ends_only(const Step& st) {
    return !st.outcomes.empty() && std::all_of(st.outcomes.begin(), st.outcomes.end(), [](const Outcome& o) {
      return o.target.kind == Target::Kind::Finish || o.target.kind == Target::Kind::End;
    });
  }

  Symbol symbol_of(std::size_t i) const {
    const Step& st = sop_.steps[i];
    if (st.decision || distinct_targets(st) > 1) return Symbol::Decision;
    if (i == 0 || ends_only(st)) return Symbol::Terminator;
    return Symbol::Process;
  }

  // Where an outcome leads on the sheet: a row, or an end drawn beside the step.
  struct Destination {
    std::optional<std::size_t> row;
    std::string end;  // the end's label
    bool operator==(const Destination&) const = default;
  };

  Destination destination(const Outcome& o) const {
    switch (o.target.kind) {
      case Target::Kind::Step: return {o.target.step, ""};
      // The applicant completes the file and submits again: the same path as the engine's
      // ReturnToApplicant, and the BPMN export's.
      case Target::Kind::ReturnToApplicant: return {sop_.first_application_step(), ""};
      case Target::Kind::Finish: return {std::nullopt, "Selesai"};
      case Target::Kind::End: return {std::nullopt, end_word(o.target.outcome)};
    }
    return {};
  }

  // An end's name in the capsule: one word, as narrow columns need.
  static std::string end_word(FinalOutcome o) {
    switch (o) {
      case FinalOutcome::Issued: return "Terbit";
      case FinalOutcome::Rejected: return "Ditolak";
      case FinalOutcome::Withdrawn: return "Dicabut";
      case FinalOutcome::None: break;
    }
    return "Selesai";
  }

  std::size_t distinct_targets(const Step& st) const {
    std::vector<Destination> seen;
    for (const auto& o : st.outcomes) {
      const Destination d = destination(o);
      if (std::find(seen.begin(), seen.end(), d) == seen.end()) seen.push_back(d);
    }
    return seen.size();
  }

  struct Edge {
    std::size_t from = 0;
    Destination to;
    std::string label;
    int side = 0;  // 0: the bottom (to the next row); +1 right, -1 left
  };

  std::vector<Edge> edges() const {
    std::vector<Edge> out;
    for (std::size_t i = 0; i < sop_.steps.size(); ++i) {
      const Step& st = sop_.steps[i];
      if (symbol_of(i) == Symbol::Terminator && ends_only(st)) continue;  // the end itself
      std::vector<Edge> mine;
      for (const auto& o : st.outcomes) {
        const Destination d = destination(o);
        auto it = std::find_if(mine.begin(), mine.end(), [&](const Edge& e) { return e.to == d; });
        if (it == mine.end()) mine.push_back({i, d, words(o.code), 0});
        else it->label += " / " + words(o.code);
      }
      if (mine.size() == 1) mine.front().label.clear();  // one way on: nothing to name
      const std::size_t lane = lane_of_role_.at(st.actor);
      const int preferred = lane + 1 < lanes_.size() ? 1 : -1;
      int k = 0;
      for (auto& e : mine) {
        if (e.to.row && *e.to.row == i + 1) continue;  // the bottom
        e.side = (k++ % 2 == 0) ? preferred : -preferred;
        if (!e.to.row) {  // an end needs the neighbouring column on its side
          const long beside = static_cast<long>(lane) + e.side;
          if (beside < 0 || beside >= static_cast<long>(lanes_.size())) e.side = -e.side;
        }
      }
      for (auto& e : mine) {
        // An end sits in a neighbouring column; an SOP with one column has none, and its
        // sheet shows the branch in the step's text only.
        if (!e.to.row && lanes_.size() < 2) continue;
        out.push_back(std::move(e));
      }
    }
    return out;
  }

  // Half the symbol's width at `dy` from its middle: where a line meeting its side stops.
  static double half_width(const Shape& s, double dy) {
    const double hw = s.box.w / 2, hh = s.box.h / 2;
    dy = std::min(std::abs(dy), hh);
    switch (s.symbol) {
      case Symbol::Decision: return hw * (1 - dy / hh);
      case Symbol::Terminator: {
        const double r = hh;
        return hw - r + std::sqrt(r * r - dy * dy);
      }
      default: return hw;
    }
  }

  // The next free height on a side of a row's symbol: the middle, then just above and below.
  double slot(std::size_t row, int side) {
    static constexpr double kOffsets[] = {0, -kSlot, kSlot, -2 * kSlot, 2 * kSlot};
    int& used = slots_[{row, side}];
    const double dy = kOffsets[std::min<int>(used, 4)];
    ++used;
    const Shape& s = rows_[row].symbol;
    return s.box.y + s.box.h / 2 + std::clamp(dy, -s.box.h / 2 + 2, s.box.h / 2 - 2);
  }

  double global_y(std::size_t page, double y) const { return static_cast<double>(page) * 10000 + y; }

  // A vertical line's x in the source column's free strip on `side`, not already carrying
  // another line over an overlapping stretch (when both are taken, the first is shared).
  double channel(std::size_t lane, int side, double g1, double g2) {
    const double a = std::min(g1, g2), b = std::max(g1, g2);
    const double base = side > 0 ? lane_left(lane) + cols_.lane_w : lane_left(lane);
    for (double offset : {4.0, 8.0}) {
      const double x = base - side * offset;
      auto& taken = channels_[x];
      if (std::none_of(taken.begin(), taken.end(), [&](auto iv) { return iv.first <= b && a <= iv.second; })) {
        taken.push_back({a, b});
        return x;
      }
    }
    return base - side * 4.0;
  }

  Box connector_box(double x, double strip_top) const {
    return {x - kConnectorW / 2, strip_top + (kConnectorStrip - kConnectorH) / 2, kConnectorW, kConnectorH};
  }

  std::string connector_label() {
    int n = connectors_++;
    std::string s;
    do {
      s.insert(s.begin(), static_cast<char>('A' + n % 26));
      n = n / 26 - 1;
    } while (n >= 0);
    return s;
  }

  void connector(std::size_t page, double x, bool bottom, const std::string& label) {
    Page& p = sheet_.pages[page];
    const Box b = connector_box(x, bottom ? strip_bottom_[page] : strip_top_[page]);
    p.shapes.push_back({Symbol::OffPageConnector, b, 0});
    const double size = 5.5;
    Painter(p, w_).text_at(label, x - w_.width(label, true, size) / 2, b.y + 1 + size, true, size);
  }

  void label(std::size_t page, const std::string& text, double x, double baseline, bool leftwards) {
    if (text.empty()) return;
    const double size = 5.2;
    Painter p(sheet_.pages[page], w_);
    const auto lines = w_.lines(text, 44, false, size);
    // Multi-line labels grow away from the line they name.
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const double wl = w_.width(lines[i], false, size);
      p.text_at(lines[i], leftwards ? x - wl : x, baseline + static_cast<double>(i) * line_height(size), false, size,
                true);
    }
  }

  void draw_edge(const Edge& e) {
    const Row& src = rows_[e.from];
    const Shape& s = src.symbol;
    const double sx = s.box.x + s.box.w / 2;
    const double size = 5.2;
    if (!e.to.row) {  // an end beside the step
      const double y = slot(e.from, e.side);
      const std::size_t lane = lane_of_role_.at(sop_.steps[e.from].actor) + e.side;
      const double w = symbol_w(), cx = lane_center(lane);
      const Shape end{Symbol::Terminator, {cx - w / 2, y - kSymbolH / 2, w, kSymbolH}, 0};
      Page& page = sheet_.pages[src.page];
      page.shapes.push_back(end);
      page.flows.push_back({{{sx + e.side * half_width(s, y - src.mid()), y},
                             {cx - e.side * w / 2, y}}});
      // One word within the straight part of the capsule, clear of its round ends: smaller
      // type rather than a broken word.
      const double room = w - kSymbolH * 0.6;
      double end_size = 4.8;
      while (end_size > 3.6 && w_.width(e.to.end, false, end_size) > room) end_size -= 0.2;
      Painter p(page, w_);
      for (const auto& line : w_.lines(e.to.end, room, false, end_size))
        p.text_at(line, cx - w_.width(line, false, end_size) / 2, y + end_size * 0.35, false, end_size);
      return;
    }
    const std::size_t to = *e.to.row;
    const Row& dst = rows_[to];
    const Shape& t = dst.symbol;
    const double tx = t.box.x + t.box.w / 2;
    if (e.side == 0) {  // down to the next row
      label(src.page, e.label, sx + 2, s.box.bottom() + 1.5 + size, false);
      if (src.page == dst.page) {
        Flow f{{{sx, s.box.bottom()}}};
        if (std::abs(sx - tx) > 0.01) {
          const double turn = t.box.y - 7;
          f.points.push_back({sx, turn});
          f.points.push_back({tx, turn});
        }
        f.points.push_back({tx, t.box.y});
        sheet_.pages[src.page].flows.push_back(f);
      } else {
        const std::string name = connector_label();
        connector(src.page, sx, true, name);
        sheet_.pages[src.page].flows.push_back({{{sx, s.box.bottom()}, {sx, connector_box(sx, strip_bottom_[src.page]).y}}});
        connector(dst.page, tx, false, name);
        const Box in = connector_box(tx, strip_top_[dst.page]);
        sheet_.pages[dst.page].flows.push_back({{{tx, in.bottom()}, {tx, t.box.y}}});
      }
      return;
    }
    // Out of a side, along the column's free strip, into the facing side of the target.
    const double y_out = slot(e.from, e.side);
    const double x_out = sx + e.side * half_width(s, y_out - src.mid());
    const std::size_t lane = lane_of_role_.at(sop_.steps[e.from].actor);
    const bool down = dst.page > src.page || (dst.page == src.page && dst.mid() > y_out);
    const double g_in = global_y(dst.page, dst.mid());
    const double ch = channel(lane, e.side, global_y(src.page, y_out), g_in);
    const int in_side = ch > tx ? 1 : -1;
    const double y_in = slot(to, in_side);
    const double x_in = tx + in_side * half_width(t, y_in - dst.mid());
    label(src.page, e.label, x_out + e.side * 1.5, down ? y_out - 1.8 : y_out + 1.5 + size, e.side < 0);
    if (src.page == dst.page) {
      sheet_.pages[src.page].flows.push_back({{{x_out, y_out}, {ch, y_out}, {ch, y_in}, {x_in, y_in}}});
      return;
    }
    const std::string name = connector_label();
    const Box out = connector_box(ch, down ? strip_bottom_[src.page] : strip_top_[src.page]);
    connector(src.page, ch, down, name);
    sheet_.pages[src.page].flows.push_back({{{x_out, y_out}, {ch, y_out}, {ch, down ? out.y : out.bottom()}}});
    const Box in = connector_box(ch, down ? strip_top_[dst.page] : strip_bottom_[dst.page]);
    connector(dst.page, ch, !down, name);
    sheet_.pages[dst.page].flows.push_back({{{ch, down ? in.bottom() : in.y}, {ch, y_in}, {x_in, y_in}}});
  }

  void procedure_pages() {
    if (sop_.steps.empty()) return;
    columns();
    const double head = header_height();
    const double first_row = kMargin + head + kConnectorStrip;
    const double last_bottom = page_h_ - kMargin - kFooter - kConnectorStrip;
    std::vector<double> heights;
    for (const auto& st : sop_.steps) heights.push_back(row_height(st));
    std::vector<std::pair<std::size_t, std::size_t>> spans;  // rows [first, last) per page
    std::size_t i = 0;
    while (i < heights.size()) {
      std::size_t j = i;
      double y = first_row;
      // A row taller than a page still gets one (clipped at the bottom), so the table never stalls.
      while (j < heights.size() && (j == i || y + heights[j] <= last_bottom)) y += heights[j++];
      spans.push_back({i, j});
      i = j;
    }
    rows_.resize(heights.size());
    for (const auto& [a, b] : spans) {
      const std::size_t index = sheet_.pages.size();
      Page& page = new_page();
      header(page, kMargin, head);
      strip_top_[index] = kMargin + head;
      Painter p(page, w_);
      const Columns& c = cols_;
      double y = first_row;
      p.rule(c.no_x, y, c.right, y);
      for (std::size_t r = a; r < b; ++r) {
        const Step& st = sop_.steps[r];
        const double h = heights[r];
        p.block(std::to_string(st.number), {c.no_x, y, c.no_w, h}, false, body_, Align::Center);
        p.block(st.description, {c.text_x, y, c.text_w, h}, false, body_, Align::Left);
        p.block(inputs_text(st), {c.inputs_x, y, c.inputs_w, h}, false, body_, Align::Left);
        p.block(format_time_limit(st.time), {c.time_x, y, c.time_w, h}, false, body_, Align::Center);
        p.block(st.output, {c.output_x, y, c.output_w, h}, false, body_, Align::Left);
        p.block(st.remark, {c.remark_x, y, c.remark_w, h}, false, body_, Align::Left);
        p.rule(c.no_x, y + h, c.right, y + h);
        Row& row = rows_[r];
        row.page = index, row.top = y, row.height = h;
        const Symbol sym = symbol_of(r);
        const double sw = sym == Symbol::Decision ? std::min(symbol_w(), kDecisionMaxW) : symbol_w();
        const double sh = sym == Symbol::Decision ? kDecisionH : kSymbolH;
        const double cx = lane_center(lane_of_role_.at(st.actor));
        row.symbol = {sym, {cx - sw / 2, row.mid() - sh / 2, sw, sh}, st.number};
        page.shapes.push_back(row.symbol);
        y += h;
      }
      strip_bottom_[index] = y;
      grid(page, kMargin, y + kConnectorStrip);
    }
    for (const auto& e : edges()) draw_edge(e);
  }

  void footers() {
    const double size = 6.5;
    const std::string left = "Nomor SOP " + (sop_.identity.number.empty() ? sop_.code : sop_.identity.number) +
                             " - " + (sop_.identity.name.empty() ? sop_.permit.name : sop_.identity.name) + " (versi " +
                             std::to_string(sop_.version) + ")";
    for (std::size_t i = 0; i < sheet_.pages.size(); ++i) {
      Page& page = sheet_.pages[i];
      Painter p(page, w_);
      const double baseline = page_h_ - kMargin + size;
      const std::string right = "Halaman " + std::to_string(i + 1) + " dari " + std::to_string(sheet_.pages.size());
      const double rw = w_.width(right, false, size);
      const auto lines = w_.lines(left, content_w() - rw - 20, false, size);
      p.text_at(lines.empty() ? "" : lines.front(), kMargin, baseline, false, size);
      p.text_at(right, page_w_ - kMargin - rw, baseline, false, size);
    }
  }

  const Sop& sop_;
  const Office* office_;
  Wrapper w_;
  Sheet sheet_;
  double page_w_ = 841.89, page_h_ = 595.28;
  double body_ = 6.5;
  double header_top_h_ = 0;
  double role_size_ = 6.5;
  std::vector<RoleIndex> lanes_;
  std::map<RoleIndex, std::size_t> lane_of_role_;
  Columns cols_{};
  std::vector<Row> rows_;
  std::map<std::size_t, double> strip_top_, strip_bottom_;
  std::map<std::pair<std::size_t, int>, int> slots_;
  std::map<double, std::vector<std::pair<double, double>>> channels_;
  int connectors_ = 0;
};

}  // namespace

Sheet layout_sop_sheet(const Sop& sop, const Office* office, const TextMeasure& measure, const SheetOptions& options) {
  return SheetLayout(sop, office, measure, options).run();
}

namespace sheet {

std::array<Point, 3> arrowhead(const Flow& flow) {
  const Point tip = flow.points.back();
  Point from = flow.points.size() > 1 ? flow.points[flow.points.size() - 2] : Point{tip.x, tip.y - 1};
  double dx = tip.x - from.x, dy = tip.y - from.y;
  const double len = std::hypot(dx, dy);
  if (len < 1e-9) dx = 0, dy = 1;
  else dx /= len, dy /= len;
  constexpr double kLength = 4.5, kHalf = 1.8;
  const Point base{tip.x - dx * kLength, tip.y - dy * kLength};
  return {tip, Point{base.x - dy * kHalf, base.y + dx * kHalf}, Point{base.x + dy * kHalf, base.y - dx * kHalf}};
}

std::array<Point, 5> pentagon(const Box& b) {
  const double shoulder = b.y + b.h * 0.6;
  return {Point{b.x, b.y}, Point{b.right(), b.y}, Point{b.right(), shoulder}, Point{b.x + b.w / 2, b.bottom()},
          Point{b.x, shoulder}};
}

std::array<Point, 4> diamond(const Box& b) {
  const double cx = b.x + b.w / 2, cy = b.y + b.h / 2;
  return {Point{cx, b.y}, Point{b.right(), cy}, Point{cx, b.bottom()}, Point{b.x, cy}};
}

}  // namespace sheet

}  // namespace sp::diagrams
