#pragma once
// Text on the SOP sheet: paragraphs broken into lines that fit a width (measured in the sheet's
// font), and placed in cells and numbered lists on a page. Used by the sheet's layout only.
#include <string>
#include <string_view>
#include <vector>

#include "diagrams/sheet_geometry.hpp"
#include "diagrams/sop_sheet_layout.hpp"

namespace sp::diagrams {

constexpr double kPad = 3;  // inside a cell

inline double line_height(double size) { return size * 1.22; }

class Wrapper {
 public:
  explicit Wrapper(const TextMeasure& m) : m_(m) {}

  std::vector<std::string> lines(std::string_view text, double max_width, bool bold, double size) const {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
      const auto nl = text.find('\n', start);
      const std::string_view para = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
      paragraph(para, max_width, bold, size, out);
      if (nl == std::string_view::npos) break;
      start = nl + 1;
    }
    while (!out.empty() && out.back().empty()) out.pop_back();
    return out;
  }
  double width(std::string_view s, bool bold, double size) const { return m_.width(s, bold, size); }

 private:
  void paragraph(std::string_view para, double max_width, bool bold, double size, std::vector<std::string>& out) const {
    std::string line;
    std::size_t at = 0;
    bool any = false;
    while (at < para.size()) {
      if (para[at] == ' ') {
        ++at;
        continue;
      }
      auto sp = para.find(' ', at);
      if (sp == std::string_view::npos) sp = para.size();
      const std::string word(para.substr(at, sp - at));
      at = sp;
      const std::string candidate = line.empty() ? word : line + " " + word;
      if (m_.width(candidate, bold, size) <= max_width) {
        line = candidate;
        continue;
      }
      if (!line.empty()) out.push_back(line), any = true;
      line.clear();
      if (m_.width(word, bold, size) <= max_width) {
        line = word;
        continue;
      }
      // Too wide alone: split between characters (never inside one: UTF-8 continuation bytes
      // stay with their lead byte).
      for (std::size_t i = 0; i < word.size();) {
        std::size_t n = 1;
        while (i + n < word.size() && (static_cast<unsigned char>(word[i + n]) & 0xC0) == 0x80) ++n;
        const std::string next = line + word.substr(i, n);
        if (!line.empty() && m_.width(next, bold, size) > max_width) {
          out.push_back(line), any = true;
          line = word.substr(i, n);
        } else {
          line = next;
        }
        i += n;
      }
    }
    if (!line.empty() || !any) out.push_back(line);
  }

  const TextMeasure& m_;
};

enum class Align { Left, Center };

// Places lines of text in a page.
class Painter {
 public:
  Painter(sheet::Page& page, const Wrapper& w) : page_(page), w_(w) {}

  // Wrapped lines of `text` from the top of `cell`, inset by kPad; returns the height they take
  // (with the padding). With `draw` false only measures.
  double block(std::string_view text, const sheet::Box& cell, bool bold, double size, Align align, bool draw = true,
               double valign_height = -1) {
    const auto lines = w_.lines(text, cell.w - 2 * kPad, bold, size);
    const double lh = line_height(size);
    const double height = static_cast<double>(lines.size()) * lh + 2 * kPad;
    if (!draw) return height;
    double top = cell.y;
    if (valign_height >= 0) top += std::max(0.0, (valign_height - height) / 2);
    double baseline = top + kPad + size;
    for (const auto& line : lines) {
      if (!line.empty()) text_at(line, align == Align::Center ? cell.x + (cell.w - w_.width(line, bold, size)) / 2
                                                              : cell.x + kPad,
                                 baseline, bold, size);
      baseline += lh;
    }
    return height;
  }

  void text_at(const std::string& s, double x, double baseline, bool bold, double size, bool backdrop = false) {
    page_.texts.push_back({x, baseline, w_.width(s, bold, size), size, s, bold, backdrop});
  }

  void rule(double x1, double y1, double x2, double y2, double width = 0.5) {
    page_.rules.push_back({{x1, y1}, {x2, y2}, width});
  }
  void frame(const sheet::Box& b, double width = 0.5) {
    rule(b.x, b.y, b.right(), b.y, width);
    rule(b.right(), b.y, b.right(), b.bottom(), width);
    rule(b.right(), b.bottom(), b.x, b.bottom(), width);
    rule(b.x, b.bottom(), b.x, b.y, width);
  }

 private:
  sheet::Page& page_;
  const Wrapper& w_;
};

// A numbered list with hanging indent ("1. ..."); a single item is not numbered. Returns the
// height used below `top`.
inline double numbered(Painter& p, const Wrapper& w, const std::vector<std::string>& items, double x, double top, double width,
                double size, bool draw) {
  const double lh = line_height(size);
  double y = top;
  if (items.empty()) {
    if (draw) p.text_at("-", x, y + size, false, size);
    return lh;
  }
  const double indent = items.size() > 1 ? w.width(std::to_string(items.size()) + ". ", false, size) : 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto lines = w.lines(items[i], width - indent, false, size);
    if (draw && items.size() > 1) p.text_at(std::to_string(i + 1) + ".", x, y + size, false, size);
    for (const auto& line : lines) {
      if (draw && !line.empty()) p.text_at(line, x + indent, y + size, false, size);
      y += lh;
    }
  }
  return y - top;
}

}  // namespace sp::diagrams
