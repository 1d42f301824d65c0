#pragma once
// Embedded fonts for the PDFs satupintu writes (letters, permits, SOP sheets): subsets of a
// TrueType file whose bytes are read once per thread. Include only where PoDoFo is used.
#include <podofo/podofo.h>

#include <memory>
#include <string>

namespace sp::documents {

// Text for PoDoFo from UTF-8.
PoDoFo::PdfString pdf_text(const std::string& s);

// A subset font (only the glyphs used get embedded) of the file at `path`. Fonts made this way
// are not in the document's font cache, so the caller calls EmbedSubsetFont() before writing.
// `library` must outlive the font (the document's own: doc.GetFontLibrary()). Throws PdfError
// when the file cannot be read.
std::unique_ptr<PoDoFo::PdfFont> subset_font(PoDoFo::PdfMemDocument& doc, FT_Library* library, const std::string& path,
                                             bool bold, const char* prefix);

// The document's bytes.
std::string pdf_bytes(PoDoFo::PdfMemDocument& doc);

}  // namespace sp::documents
