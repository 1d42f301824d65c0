#include "diagrams/font_metrics.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H

#include <unordered_map>

#include "core/code_point.hpp"

namespace sp::diagrams {

struct FontMetrics::Faces {
  FT_Library library = nullptr;
  FT_Face face[2] = {nullptr, nullptr};  // regular, bold
  // Advance per code point in 1/1000 of the font size, as PDF widths are given.
  mutable std::unordered_map<char32_t, double> advance[2];

  ~Faces() {
    for (FT_Face f : face)
      if (f) FT_Done_Face(f);
    if (library) FT_Done_FreeType(library);
  }

  double glyph(int which, char32_t cp) const {
    auto& cache = advance[which];
    if (auto it = cache.find(cp); it != cache.end()) return it->second;
    FT_Face f = face[which];
    double a = 0;
    const FT_UInt index = FT_Get_Char_Index(f, cp);
    if (FT_Load_Glyph(f, index, FT_LOAD_NO_SCALE) == 0)
      a = static_cast<double>(f->glyph->metrics.horiAdvance) * 1000.0 / f->units_per_EM;
    cache.emplace(cp, a);
    return a;
  }
};

FontMetrics::FontMetrics(std::unique_ptr<Faces> faces) : faces_(std::move(faces)) {}
FontMetrics::~FontMetrics() = default;

Result<std::unique_ptr<FontMetrics>> FontMetrics::load(const SheetFonts& fonts) {
  auto faces = std::make_unique<Faces>();
  if (FT_Init_FreeType(&faces->library) != 0) return make_error("cannot start FreeType");
  const std::string* paths[2] = {&fonts.regular, &fonts.bold};
  for (int i = 0; i < 2; ++i)
    if (FT_New_Face(faces->library, paths[i]->c_str(), 0, &faces->face[i]) != 0)
      return make_error(*paths[i] + ": cannot read the font");
  return std::unique_ptr<FontMetrics>(new FontMetrics(std::move(faces)));
}

double FontMetrics::width(std::string_view utf8, bool bold, double size) const {
  double total = 0;
  for (std::size_t i = 0; i < utf8.size();) {
    const long cp = next_code_point(utf8, i);
    if (cp < 0) ++i;  // a byte that starts no valid character counts as U+FFFD
    total += faces_->glyph(bold ? 1 : 0, cp < 0 ? U'\uFFFD' : static_cast<char32_t>(cp));
  }
  return total * size / 1000.0;
}

}  // namespace sp::diagrams
