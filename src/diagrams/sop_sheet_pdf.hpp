#pragma once
// The SOP sheet as a PDF: a page per sheet page, text in embedded subsets of the fonts the
// layout measured with, so every reader shows it alike and pdftotext reads it back.
#include <string>

#include "core/result.hpp"
#include "diagrams/font_metrics.hpp"
#include "diagrams/sheet_geometry.hpp"

namespace sp::diagrams {

Result<std::string> write_sheet_pdf(const sheet::Sheet& sheet, const SheetFonts& fonts = {});

}  // namespace sp::diagrams
