#pragma once
// Renders a DocumentTemplate with its values into an A4 PDF: the office letterhead, the title,
// the blocks, and QR codes, in an embedded (subset) DejaVu font so that every reader shows the
// same letters and pdftotext reads them back.
#include <string>
#include <vector>

#include "core/result.hpp"
#include "documents/document_template.hpp"

namespace sp::documents {

struct RenderOptions {
  std::string font_regular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  std::string font_bold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
  std::string title_metadata;  // the PDF's Title; default: the template's title
  // Printed on every page, large and grey across the middle and as a line at the top (a draft
  // letter for the verifiers: "DRAF"); empty prints none.
  std::string watermark;
  std::string watermark_note;  // the top line, e.g. "DRAF - belum ditandatangani, tidak berlaku"
  // The office's emblem (PNG or JPEG file) at the letterhead's left; empty: the letterhead is text only.
  std::string logo_path;
};

// The bytes of the PDF, or an error naming a missing value or an unreadable font.
Result<std::string> render_pdf(const DocumentTemplate& t, const std::vector<std::string>& letterhead,
                               const DocumentValues& values, const RenderOptions& options = {});

}  // namespace sp::documents
