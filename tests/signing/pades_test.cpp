// PAdES signatures as a recipient's tools see them: poppler's pdfsig must call the signature
// valid and the whole document signed; any changed byte in the signed range must break it.
#include "signing/pades.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "documents/pdf_renderer.hpp"
#include "documents/template_library.hpp"
#include "signing/local_pki.hpp"

namespace sp::signing {
namespace {

namespace fs = std::filesystem;

std::string run(const std::string& cmd) {
  std::string out;
  if (FILE* p = ::popen((cmd + " 2>&1").c_str(), "r")) {
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    ::pclose(p);
  }
  return out;
}

// The check of a file the nesting scan lets through (every file here but the nested one).
SignatureCheck check_of(const std::string& pdf, const std::string& roots) {
  auto check = check_pdf_signature(pdf, roots);
  EXPECT_TRUE(check.ok()) << "refused: " << (check.ok() ? std::string() : check.error().message);
  return check.ok() ? *check : SignatureCheck{};
}

class Pades : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("satupintu-pki-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    auto made = init_local_pki(dir_.string(), {{"purwakarta", "kepala_dinas", "R. Muchamad Nurcahja, ST, MM",
                                                "DPMPTSP Kabupaten Purwakarta", "Kepala Dinas"}});
    ASSERT_TRUE(made.ok()) << made.error().message;
    auto s = load_local_signer(dir_.string(), "purwakarta", "kepala_dinas");
    ASSERT_TRUE(s.ok()) << s.error().message;
    signer_ = std::move(*s);
    documents::DocumentTemplate t;
    t.kind = "izin";
    t.title = "SURAT IZIN PRAKTIK";
    t.source = "test";
    documents::TemplateBlock text;
    text.text = "Diberikan kepada {{name}}.";
    t.blocks.push_back(text);
    documents::DocumentValues v;
    v.text["name"] = "dr. Rina Kartika";
    auto pdf = documents::render_pdf(t, {"PEMERINTAH KABUPATEN PURWAKARTA"}, v);
    ASSERT_TRUE(pdf.ok()) << pdf.error().message;
    unsigned_pdf_ = *pdf;
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string pdfsig(const std::string& pdf) {
    const fs::path f = dir_ / "check.pdf";
    std::ofstream(f, std::ios::binary | std::ios::trunc) << pdf;
    return run("pdfsig " + f.string());
  }

  fs::path dir_;
  std::unique_ptr<Signer> signer_;
  std::string unsigned_pdf_;
};

TEST_F(Pades, PdfsigCallsTheSignatureValidAndTheWholeDocumentSigned) {
  auto signed_pdf = sign_pdf(unsigned_pdf_, *signer_, {"Penetapan izin", "Purwakarta"});
  ASSERT_TRUE(signed_pdf.ok()) << signed_pdf.error().message;
  EXPECT_EQ(signed_pdf->compare(0, unsigned_pdf_.size(), unsigned_pdf_), 0) << "an incremental update keeps the original bytes";
  const std::string report = pdfsig(*signed_pdf);
  EXPECT_NE(report.find("Signature is Valid"), std::string::npos) << report;
  EXPECT_NE(report.find("Total document signed"), std::string::npos) << report;
  EXPECT_NE(report.find("ETSI.CAdES.detached"), std::string::npos) << report;
  EXPECT_NE(report.find("R. Muchamad Nurcahja"), std::string::npos) << report;
  EXPECT_NE(report.find("SHA-256"), std::string::npos) << report;

  const auto check = check_of(*signed_pdf, trusted_roots_pem(dir_.string()));
  EXPECT_TRUE(check.signed_document);
  EXPECT_TRUE(check.intact) << check.problem;
  EXPECT_TRUE(check.covers_whole_file);
  EXPECT_TRUE(check.trusted) << check.problem;
  EXPECT_EQ(check.signer, "R. Muchamad Nurcahja, ST, MM");
}

TEST_F(Pades, ChangingAnySignedByteBreaksTheSignature) {
  auto signed_pdf = sign_pdf(unsigned_pdf_, *signer_, {"Penetapan izin", "Purwakarta"});
  ASSERT_TRUE(signed_pdf.ok()) << signed_pdf.error().message;
  const std::string roots = trusted_roots_pem(dir_.string());
  // Bytes at the start, in the middle of the page content, and in the appended update.
  for (std::size_t at : {std::size_t{20}, unsigned_pdf_.size() / 2, signed_pdf->size() - 10}) {
    std::string tampered = *signed_pdf;
    tampered[at] = static_cast<char>(tampered[at] ^ 0x01);
    const auto check = check_of(tampered, roots);
    EXPECT_FALSE(check.intact && check.covers_whole_file) << "byte " << at;
    if (at == unsigned_pdf_.size() / 2) {
      const std::string report = pdfsig(tampered);
      EXPECT_EQ(report.find("Signature is Valid"), std::string::npos) << report;
    }
  }
  // Appending content after the signature is reported too.
  const auto appended = check_of(*signed_pdf + "\n% added later\n", roots);
  EXPECT_TRUE(appended.intact);
  EXPECT_FALSE(appended.covers_whole_file);
}

// ETSI EN 319 142-1 baseline B-B: the claimed signing time is the signature dictionary's /M,
// and the CMS carries content-type, message-digest and signing-certificate-v2 but no
// signing-time attribute (OpenSSL adds one unless it is taken out; see local_pki.cpp).
TEST_F(Pades, BaselineBBSignedAttributes) {
  auto cms = signer_->sign_detached("isi yang ditandatangani");
  ASSERT_TRUE(cms.ok()) << cms.error().message;
  const fs::path f = dir_ / "sig.der";
  std::ofstream(f, std::ios::binary | std::ios::trunc) << *cms;
  const std::string dump = run("openssl cms -cmsout -print -inform DER -in " + f.string());
  EXPECT_NE(dump.find("contentType"), std::string::npos) << dump;
  EXPECT_NE(dump.find("messageDigest"), std::string::npos) << dump;
  EXPECT_NE(dump.find("id-smime-aa-signingCertificateV2"), std::string::npos) << dump;
  EXPECT_EQ(dump.find("signingTime"), std::string::npos) << dump;
  // The signature over the remaining attributes still verifies (signed attributes re-signed).
  const fs::path content = dir_ / "content.txt";
  std::ofstream(content, std::ios::binary | std::ios::trunc) << "isi yang ditandatangani";
  const std::string verify = run("openssl cms -verify -binary -noverify -inform DER -in " + f.string() + " -content " +
                                 content.string() + " -out /dev/null");
  EXPECT_NE(verify.find("Verification successful"), std::string::npos) << verify;
  auto signed_pdf = sign_pdf(unsigned_pdf_, *signer_, {"Penetapan izin", "Purwakarta"});
  ASSERT_TRUE(signed_pdf.ok());
  // The signature dictionary is the object holding /ByteRange.
  const auto range = signed_pdf->rfind("/ByteRange");
  ASSERT_NE(range, std::string::npos);
  const auto begin = signed_pdf->rfind(" obj", range), end = signed_pdf->find("endobj", range);
  ASSERT_TRUE(begin != std::string::npos && end != std::string::npos);
  std::string dict = signed_pdf->substr(begin, end - begin);
  dict.erase(std::remove(dict.begin(), dict.end(), ' '), dict.end());
  EXPECT_NE(dict.find("/M(D:"), std::string::npos) << dict.substr(0, 400);
}

// The public verification upload: a flood of deeply nested PDFs (PoDoFo leaks a level of its
// thread_local recursion counter on each) must not stop the next genuine permit from checking.
TEST_F(Pades, DeeplyNestedUploadsDoNotPoisonLaterChecks) {
  auto signed_pdf = sign_pdf(unsigned_pdf_, *signer_, {"Penetapan izin", "Purwakarta"});
  ASSERT_TRUE(signed_pdf.ok()) << signed_pdf.error().message;
  const std::string roots = trusted_roots_pem(dir_.string());
  const std::string nested = "%PDF-1.4\n1 0 obj\n<< /Type /Sig /X " + std::string(400, '[') + std::string(400, ']') +
                             " >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
  for (int i = 0; i < 300; ++i) {
    const auto refused = check_pdf_signature(nested, roots);
    EXPECT_FALSE(refused.ok() && refused->intact);
  }
  const auto check = check_of(*signed_pdf, roots);
  EXPECT_TRUE(check.intact && check.trusted && check.covers_whole_file) << check.problem;
}

TEST_F(Pades, ASignatureFromAnotherAuthorityIsNotTrusted) {
  auto signed_pdf = sign_pdf(unsigned_pdf_, *signer_, {"Penetapan izin", "Purwakarta"});
  ASSERT_TRUE(signed_pdf.ok());
  const fs::path other = dir_ / "other";
  ASSERT_TRUE(init_local_pki(other.string(), {}).ok());
  const auto check = check_of(*signed_pdf, trusted_roots_pem(other.string()));
  EXPECT_TRUE(check.intact);
  EXPECT_FALSE(check.trusted);
  EXPECT_FALSE(check_of(unsigned_pdf_, trusted_roots_pem(dir_.string())).signed_document);
}

TEST_F(Pades, Pkcs12ImportInstallsAWorkingSigner) {
  const fs::path p12 = dir_ / "kepala.p12";
  const std::string base = (dir_ / "purwakarta" / "kepala_dinas").string();
  const std::string out = run("openssl pkcs12 -export -inkey " + base + ".key -in " + base + ".crt -certfile " + base +
                              ".chain.crt -passout pass:rahasia -out " + p12.string());
  std::ifstream in(p12, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_FALSE(bytes.empty()) << out;
  EXPECT_FALSE(import_pkcs12((dir_ / "prod").string(), "kampar", "kepala_dinas", bytes, "salah").ok());
  auto info = import_pkcs12((dir_ / "prod").string(), "kampar", "kepala_dinas", bytes, "rahasia");
  ASSERT_TRUE(info.ok()) << info.error().message;
  EXPECT_EQ(info->common_name, "R. Muchamad Nurcahja, ST, MM");
  EXPECT_EQ(fs::status(dir_ / "prod" / "kampar" / "kepala_dinas.key").permissions() & fs::perms::others_read, fs::perms::none);
  auto s = load_local_signer((dir_ / "prod").string(), "kampar", "kepala_dinas");
  ASSERT_TRUE(s.ok()) << s.error().message;
  auto signed_pdf = sign_pdf(unsigned_pdf_, **s, {"r", "l"});
  ASSERT_TRUE(signed_pdf.ok());
  EXPECT_TRUE(check_of(*signed_pdf, trusted_roots_pem((dir_ / "prod").string())).trusted);
}

}  // namespace
}  // namespace sp::signing
