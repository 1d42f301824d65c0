#include "documents/content_check.hpp"

#include "core/text.hpp"
#include "documents/pdf_nesting.hpp"
#include "documents/podofo_quiet.hpp"

#include <podofo/podofo.h>
#include <spdlog/spdlog.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <vector>

namespace sp::documents {

namespace {

Error invalid(const std::string& why) { return make_error("invalid_file", why); }

std::uint32_t be32(std::string_view b, std::size_t at) {
  return (std::uint32_t(std::uint8_t(b[at])) << 24) | (std::uint32_t(std::uint8_t(b[at + 1])) << 16) |
         (std::uint32_t(std::uint8_t(b[at + 2])) << 8) | std::uint32_t(std::uint8_t(b[at + 3]));
}
unsigned be16(std::string_view b, std::size_t at) {
  return (unsigned(std::uint8_t(b[at])) << 8) | unsigned(std::uint8_t(b[at + 1]));
}

Result<bool> check_dimensions(long long w, long long h, const ContentLimits& limits) {
  if (w <= 0 || h <= 0) return invalid("the image has no pixels");
  if (w > limits.max_side_pixels || h > limits.max_side_pixels || w * h > limits.max_pixels)
    return invalid("the image is " + std::to_string(w) + "x" + std::to_string(h) + " pixels; at most " +
                   std::to_string(limits.max_side_pixels) + " pixels a side and " +
                   std::to_string(limits.max_pixels / 1'000'000) + " megapixels are accepted");
  return true;
}

// PNG: every chunk's length stays inside the file and its CRC matches, IHDR comes first with a
// sane size, and the file ends with IEND.
Result<CheckedFile> check_png(std::string_view b, const ContentLimits& limits) {
  CheckedFile f{"image/png", {}, 0, 0, 0};
  std::size_t at = 8;
  bool first = true, ended = false;
  while (at + 12 <= b.size()) {
    const std::uint32_t len = be32(b, at);
    if (len > b.size() - at - 12) return invalid("the PNG file is truncated");
    const std::string_view type = b.substr(at + 4, 4);
    const auto* data = reinterpret_cast<const Bytef*>(b.data() + at + 4);
    const auto crc = static_cast<std::uint32_t>(crc32(crc32(0L, Z_NULL, 0), data, len + 4));
    if (crc != be32(b, at + 8 + len)) return invalid("the PNG file is corrupt (chunk checksum)");
    if (first) {
      if (type != "IHDR" || len != 13) return invalid("the PNG file does not start with its header");
      f.width = static_cast<int>(std::min<std::uint32_t>(be32(b, at + 8), 0x7fffffff));
      f.height = static_cast<int>(std::min<std::uint32_t>(be32(b, at + 12), 0x7fffffff));
      if (auto ok = check_dimensions(f.width, f.height, limits); !ok) return ok.error();
      first = false;
    }
    at += 12 + len;
    if (type == "IEND") {
      ended = true;
      break;
    }
  }
  if (first) return invalid("the PNG file is truncated");
  if (!ended) return invalid("the PNG file is truncated (no end chunk)");
  return f;
}

// JPEG: walk the marker segments to a start-of-frame for the size; the image must end with EOI.
Result<CheckedFile> check_jpeg(std::string_view b, const ContentLimits& limits) {
  CheckedFile f{"image/jpeg", {}, 0, 0, 0};
  std::size_t at = 2;
  bool sized = false;
  while (at + 4 <= b.size() && !sized) {
    if (std::uint8_t(b[at]) != 0xFF) return invalid("the JPEG file is corrupt");
    const unsigned marker = std::uint8_t(b[at + 1]);
    if (marker == 0xFF) {  // fill byte
      ++at;
      continue;
    }
    if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
      at += 2;
      continue;
    }
    if (marker == 0xD9 || marker == 0xDA) break;  // end, or image data before any frame header
    const unsigned len = be16(b, at + 2);
    if (len < 2 || at + 2 + len > b.size()) return invalid("the JPEG file is truncated");
    const bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (sof) {
      if (len < 7) return invalid("the JPEG file is corrupt");
      f.height = static_cast<int>(be16(b, at + 5));
      f.width = static_cast<int>(be16(b, at + 7));
      if (auto ok = check_dimensions(f.width, f.height, limits); !ok) return ok.error();
      sized = true;
    }
    at += 2 + len;
  }
  if (!sized) return invalid("the JPEG file has no image header");
  // The end-of-image marker closes the data; a cut-off upload lacks it. Some cameras append a
  // few bytes after it, so look near the end.
  const std::size_t tail = std::min<std::size_t>(b.size(), 4096);
  if (b.substr(b.size() - tail).find("\xFF\xD9") == std::string_view::npos)
    return invalid("the JPEG file is truncated (no end-of-image marker)");
  return f;
}

// PDF: a version header, an end-of-file marker near the end, and a document PoDoFo can parse,
// with pages and without encryption (the office must be able to open and print it).
Result<CheckedFile> check_pdf_here(std::string_view b, const ContentLimits& limits) {
  CheckedFile f{"application/pdf", {}, 0, 0, 0};
  if (b.size() < 8 || !std::isdigit(static_cast<unsigned char>(b[5])) || b[6] != '.')
    return invalid("the PDF header is malformed");
  const std::size_t tail = std::min<std::size_t>(b.size(), 2048);
  if (b.substr(b.size() - tail).find("%%EOF") == std::string_view::npos)
    return invalid("the PDF file is truncated (no end-of-file marker)");
  if (auto flat = check_pdf_nesting(b, {limits.max_pdf_nesting}); !flat) return flat.error();
  quiet_podofo();
  try {
    PoDoFo::PdfMemDocument doc;
    doc.LoadFromBuffer(b.data(), static_cast<long>(b.size()));
    if (doc.GetEncrypted()) return invalid("the PDF is password-protected; upload it without a password");
    f.pages = doc.GetPageCount();
    if (f.pages < 1) return invalid("the PDF has no pages");
    if (f.pages > limits.max_pdf_pages)
      return invalid("the PDF has " + std::to_string(f.pages) + " pages; at most " +
                     std::to_string(limits.max_pdf_pages) + " are accepted");
    for (int i = 0; i < f.pages; ++i)
      if (!doc.GetPage(i)) return invalid("the PDF is corrupt (page " + std::to_string(i + 1) + ")");
  } catch (const PoDoFo::PdfError& e) {
    if (e.GetError() == PoDoFo::ePdfError_InvalidPassword)
      return invalid("the PDF is password-protected; upload it without a password");
    // The parser's own error name (e.g. ePdfError_NoNumber) says nothing to the applicant.
    spdlog::info("an uploaded PDF could not be parsed: {}", PoDoFo::PdfError::ErrorName(e.GetError()));
    return invalid("the PDF cannot be read: it is damaged or not a complete PDF; scan or save it again");
  } catch (const std::exception&) {
    return invalid("the PDF cannot be read");
  }
  return f;
}

Result<CheckedFile> check_pdf(std::string_view b, const ContentLimits& limits) {
  return parse_untrusted([&] { return check_pdf_here(b, limits); });
}

std::string lower_extension(const std::string& name) {
  const auto dot = name.find_last_of('.');
  if (dot == std::string::npos) return {};
  return ascii_lower(name.substr(dot + 1));
}

}  // namespace

bool pdf_parser_state_clean() { return !detail::parser_depth_leaked; }

Result<std::string> clean_upload_name(std::string_view filename) {
  for (unsigned char c : filename)
    if (c < 0x20 || c == 0x7f) return field_error("filename", "not_text", "must not contain NUL or control characters");
  if (filename.find("..") != std::string_view::npos) return field_error("filename", "not_text", "must not contain '..'");
  const auto slash = filename.find_last_of("/\\");
  std::string base(slash == std::string_view::npos ? filename : filename.substr(slash + 1));
  if (base.size() > 200) base = base.substr(base.size() - 200);
  if (base.empty()) return field_error("filename", "required", "give the file's name");
  return base;
}

Result<CheckedFile> check_upload(std::string_view bytes, std::string_view filename, const ContentLimits& limits) {
  Result<std::string> name = std::string();
  if (!filename.empty()) name = clean_upload_name(filename);
  if (!name) return name.error();
  if (bytes.empty()) return invalid("the file is empty");
  Result<CheckedFile> checked = make_error("unsupported_file", "only PDF, JPEG and PNG files are accepted");
  std::vector<std::string> extensions;
  if (bytes.substr(0, 5) == "%PDF-") {
    checked = check_pdf(bytes, limits);
    extensions = {"pdf"};
  } else if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xFF\xD8\xFF") {
    checked = check_jpeg(bytes, limits);
    extensions = {"jpg", "jpeg", "jpe", "jfif"};
  } else if (bytes.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) {
    checked = check_png(bytes, limits);
    extensions = {"png"};
  }
  if (!checked) return checked;
  if (name->empty()) return checked;  // no name given: the caller names it by requirement and type
  const std::string ext = lower_extension(*name);
  if (std::find(extensions.begin(), extensions.end(), ext) == extensions.end())
    return invalid("the file is a " + std::string(extensions[0] == "pdf" ? "PDF" : extensions[0] == "png" ? "PNG" : "JPEG") +
                   " but its name ends in '" + (ext.empty() ? std::string("(no extension)") : "." + ext) +
                   "'; name it ." + extensions[0]);
  checked->filename = *name;
  return checked;
}

}  // namespace sp::documents
