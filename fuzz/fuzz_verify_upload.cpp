// The public verification upload: a PDF someone holds, checked against the office's signature.
// At start-up a development CA signs a small PDF. An input that starts with "%PDF" is checked
// as it is; any other input is a list of byte flips (3 bytes each: offset high, offset low,
// xor mask) applied to the signed PDF, so the fuzzer also explores nearly valid signatures.
#include <openssl/sha.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

#include <filesystem>
#include <string>

#include <spdlog/spdlog.h>

#include "signing/local_pki.hpp"
#include "signing/pades.hpp"
#include "server_stack.hpp"

namespace {
std::string signed_pdf, roots;

std::string minimal_pdf() {
  std::string out = "%PDF-1.4\n";
  const char* objects[] = {"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                           "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"};
  std::string xref = "xref\n0 4\n0000000000 65535 f \n";
  for (int i = 0; i < 3; ++i) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", out.size());
    xref += line;
    out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t at = out.size();
  return out + xref + "trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n" + std::to_string(at) + "\n%%EOF\n";
}
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  spdlog::set_level(spdlog::level::off);  // a log line per unreadable input would slow the fuzzer
  const auto dir = std::filesystem::temp_directory_path() / ("satupintu-fuzz-pki-" + std::to_string(::getpid()));
  auto made = sp::signing::init_local_pki(dir.string(), {{"fuzz", "kepala_dinas", "Kepala Uji", "DPMPTSP Uji", "Kepala"}});
  auto signer = made ? sp::signing::load_local_signer(dir.string(), "fuzz", "kepala_dinas") : made.error();
  if (!made || !signer) std::abort();
  auto pdf = sp::signing::sign_pdf(minimal_pdf(), **signer, {"Uji", "Uji"});
  if (!pdf) std::abort();
  signed_pdf = *pdf;
  roots = sp::signing::trusted_roots_pem(dir.string());
  std::filesystem::remove_all(dir);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string pdf;
  if (size >= 4 && std::memcmp(data, "%PDF", 4) == 0) {
    pdf.assign(reinterpret_cast<const char*>(data), size);
  } else {
    pdf = signed_pdf;
    for (std::size_t i = 0; i + 3 <= size && i < 3 * 64; i += 3)
      pdf[((std::size_t{data[i]} << 8) | data[i + 1]) % pdf.size()] ^= static_cast<char>(data[i + 2]);
  }
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(pdf.data()), pdf.size(), digest);  // as the server compares
  sp::signing::SignatureCheck check;
  on_server_stack([&] {
    // A refusal (nesting too deep) leaves `check` unsigned, which the genuine file must never get.
    if (auto r = sp::signing::check_pdf_signature(pdf, roots)) check = *r;
  });
  // The unchanged signed file must verify: a regression here is a finding too.
  if (pdf == signed_pdf && !(check.intact && check.trusted && check.covers_whole_file)) {
    std::fprintf(stderr, "the unchanged signed PDF failed its check: %s (signed %d, intact %d, whole %d, trusted %d)\n",
                 check.problem.c_str(), check.signed_document, check.intact, check.covers_whole_file, check.trusted);
    std::abort();
  }
  return 0;
}
