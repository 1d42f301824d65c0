#pragma once
// What an uploaded requirement document really is, decided from its bytes and never from its
// name: PDF, JPEG or PNG, recognised by magic bytes and then parsed far enough to refuse
// truncated, corrupt, encrypted or absurdly large files before anything is stored.
#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace sp::documents {

struct CheckedFile {
  std::string content_type;  // application/pdf, image/jpeg or image/png
  std::string filename;      // the original name without any path; empty when none was given
  int pages = 0;             // PDF
  int width = 0, height = 0; // images, in pixels
};

struct ContentLimits {
  int max_side_pixels = 20000;
  long long max_pixels = 60'000'000;  // about 240 MB once decoded to RGBA
  int max_pdf_pages = 200;
  int max_pdf_nesting = 64;  // documents/pdf_nesting.hpp
};

// Errors: unsupported_file (not a PDF, JPEG or PNG), invalid_file (empty, truncated, corrupt,
// encrypted, too many pixels or pages, or a name whose extension says another type),
// invalid_field (a name with "..", NUL or control characters).
Result<CheckedFile> check_upload(std::string_view bytes, std::string_view filename, const ContentLimits& limits = {});

// Whether this thread's PDF parser is still as new. A hostile file can leave PoDoFo's recursion
// counter raised (podofo_quiet.hpp); a sandbox worker in that state retires after answering.
bool pdf_parser_state_clean();

// The name without any directory part ("C:\\scan\\ktp.pdf" -> "ktp.pdf"), or an error when it
// holds "..", NUL or control characters.
Result<std::string> clean_upload_name(std::string_view filename);

}  // namespace sp::documents
