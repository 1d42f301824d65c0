#include "diagrams/sop_sheet.hpp"

#include <map>
#include <memory>

#include "diagrams/sop_sheet_pdf.hpp"
#include "diagrams/sop_sheet_svg.hpp"

namespace sp::diagrams {

namespace {

// The fonts' metrics, loaded once per thread (they cache advances and are not shared).
Result<const FontMetrics*> metrics(const SheetFonts& fonts) {
  thread_local std::map<std::pair<std::string, std::string>, std::unique_ptr<FontMetrics>> loaded;
  const auto key = std::pair{fonts.regular, fonts.bold};
  if (auto it = loaded.find(key); it != loaded.end()) return it->second.get();
  auto m = FontMetrics::load(fonts);
  if (!m) return m.error();
  return loaded.emplace(key, std::move(*m)).first->second.get();
}

}  // namespace

Result<std::string> render_sop_sheet(const Sop& sop, const Office* office, SheetFormat format,
                                     const SheetOptions& options, const SheetFonts& fonts) {
  if (sop.steps.empty()) return make_error("the SOP has no steps");
  auto m = metrics(fonts);
  if (!m) return m.error();
  const sheet::Sheet sheet = layout_sop_sheet(sop, office, **m, options);
  return format == SheetFormat::Pdf ? write_sheet_pdf(sheet, fonts) : write_sheet_svg(sheet);
}

}  // namespace sp::diagrams
