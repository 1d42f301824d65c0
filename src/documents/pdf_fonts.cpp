#include "documents/pdf_fonts.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>

namespace sp::documents {

using namespace PoDoFo;

namespace {

// The font file's bytes, read once per thread. Given a file name, PoDoFo maps the font and
// copies all of it (about 0.7 MB per face) for every document: half of a permit's rendering
// time went to that copy and its page faults. Per thread because PdfRefCountedBuffer counts
// its references without atomics.
const PdfRefCountedBuffer& font_bytes(const std::string& path) {
  thread_local std::map<std::string, PdfRefCountedBuffer> loaded;
  auto it = loaded.find(path);
  if (it != loaded.end()) return it->second;
  std::ifstream in(path, std::ios::binary);
  if (!in) PODOFO_RAISE_ERROR(ePdfError_FileNotFound);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  PdfRefCountedBuffer buffer(bytes.size());
  std::copy(bytes.begin(), bytes.end(), buffer.GetBuffer());
  return loaded.emplace(path, buffer).first->second;
}

}  // namespace

PdfString pdf_text(const std::string& s) { return PdfString(reinterpret_cast<const pdf_utf8*>(s.c_str())); }

std::unique_ptr<PdfFont> subset_font(PdfMemDocument& doc, FT_Library* library, const std::string& path, bool bold,
                                     const char* prefix) {
  auto* metrics = new PdfFontMetricsFreetype(library, font_bytes(path), false, prefix);
  // The factory owns (and on failure deletes) the metrics.
  return std::unique_ptr<PdfFont>(PdfFontFactory::CreateFontObject(
      metrics, ePdfFont_Embedded | ePdfFont_Subsetting | (bold ? ePdfFont_Bold : 0),
      PdfEncodingFactory::GlobalIdentityEncodingInstance(), &doc.GetObjects()));
}

std::string pdf_bytes(PdfMemDocument& doc) {
  PdfRefCountedBuffer buffer;
  PdfOutputDevice device(&buffer);
  doc.Write(&device);
  return std::string(buffer.GetBuffer(), device.Tell());
}

}  // namespace sp::documents
