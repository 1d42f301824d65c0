#pragma once
// The SOP sheet as one SVG document: its pages one below the other, each on white with a thin
// edge. Text is DejaVu Sans (the font the layout measured) and each line keeps its measured
// length, so another font in a viewer cannot push it out of its cell.
#include <string>

#include "core/result.hpp"
#include "diagrams/sheet_geometry.hpp"

namespace sp::diagrams {

Result<std::string> write_sheet_svg(const sheet::Sheet& sheet);

}  // namespace sp::diagrams
