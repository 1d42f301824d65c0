#pragma once
// The official SOP sheet of a definition, as SVG or PDF: layout (sop_sheet_layout) measured with
// the sheet's fonts, then painted by the format's writer. For the CLI, the API and benchmarks.
#include <string>

#include "catalog/office.hpp"
#include "catalog/sop.hpp"
#include "core/result.hpp"
#include "diagrams/font_metrics.hpp"
#include "diagrams/sop_sheet_layout.hpp"

namespace sp::diagrams {

enum class SheetFormat { Svg, Pdf };

Result<std::string> render_sop_sheet(const Sop& sop, const Office* office, SheetFormat format,
                                     const SheetOptions& options = {}, const SheetFonts& fonts = {});

}  // namespace sp::diagrams
