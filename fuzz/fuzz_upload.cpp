// Upload content sniffing: the bytes of an uploaded requirement document and its file name.
// The first line of the input (up to a newline) is the file name, the rest the file.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <spdlog/spdlog.h>

#include "documents/content_check.hpp"
#include "server_stack.hpp"

// The checks log why a PDF could not be parsed; a line per input would only slow the fuzzer.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  spdlog::set_level(spdlog::level::off);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto newline = input.find('\n');
  const std::string_view name = newline == std::string_view::npos ? "upload.pdf" : input.substr(0, newline);
  const std::string_view bytes = newline == std::string_view::npos ? input : input.substr(newline + 1);
  // Small limits keep each run fast; the checks are the same.
  sp::documents::ContentLimits limits;
  limits.max_pdf_pages = 20;
  on_server_stack([&] { (void)sp::documents::check_upload(bytes, name, limits); });
  (void)sp::documents::clean_upload_name(name);
  return 0;
}
