#pragma once
// Text widths from the font files the sheet is painted with (DejaVu Sans, regular and bold), read
// with FreeType: the layout breaks lines with the same advances the PDF's glyphs get, so a line
// that fits in the layout fits on paper.
#include <memory>
#include <string>

#include "core/result.hpp"
#include "diagrams/sop_sheet_layout.hpp"

namespace sp::diagrams {

struct SheetFonts {
  std::string regular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  std::string bold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
};

class FontMetrics final : public TextMeasure {
 public:
  // An error names the font file that could not be read.
  static Result<std::unique_ptr<FontMetrics>> load(const SheetFonts& fonts);
  ~FontMetrics() override;
  FontMetrics(const FontMetrics&) = delete;
  FontMetrics& operator=(const FontMetrics&) = delete;

  // Not safe to share between threads: advances are cached as they are first asked for.
  double width(std::string_view utf8, bool bold, double size) const override;

 private:
  struct Faces;
  explicit FontMetrics(std::unique_ptr<Faces> faces);
  std::unique_ptr<Faces> faces_;
};

}  // namespace sp::diagrams
