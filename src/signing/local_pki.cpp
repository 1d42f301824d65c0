#include "signing/local_pki.hpp"

#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace sp::signing {

namespace fs = std::filesystem;

namespace {

template <class T, void (*F)(T*)>
struct Deleter {
  void operator()(T* p) const { F(p); }
};
using Key = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
void free_certs(STACK_OF(X509) * s) { sk_X509_pop_free(s, X509_free); }
using Certs = std::unique_ptr<STACK_OF(X509), Deleter<STACK_OF(X509), free_certs>>;

Error openssl_error(const std::string& what) {
  std::string detail;
  if (unsigned long e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    detail = std::string(": ") + buf;
  }
  ERR_clear_error();
  return make_error("pki", what + detail);
}

// PAdES baseline B-B (ETSI EN 319 142-1, 5.2): the claimed signing time is the signature
// dictionary's /M, and the CMS must not carry a signing-time attribute. OpenSSL 3.0's CMS_sign
// always adds one, so it is removed here and the signed attributes are signed again: their DER
// SET OF (elements sorted by encoding) under the same key and digest.
Result<bool> without_signing_time(CMS_ContentInfo* cms, EVP_PKEY* key) {
  CMS_SignerInfo* si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
  if (!si) return make_error("sign", "the signature has no signer");
  const int at = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1);
  if (at < 0) return true;
  X509_ATTRIBUTE_free(CMS_signed_delete_attr(si, at));
  std::vector<std::string> attributes;
  for (int i = 0; i < CMS_signed_get_attr_count(si); ++i) {
    unsigned char* der = nullptr;
    const int len = i2d_X509_ATTRIBUTE(CMS_signed_get_attr(si, i), &der);
    if (len <= 0) return openssl_error("signed attribute encoding");
    attributes.emplace_back(reinterpret_cast<char*>(der), static_cast<std::size_t>(len));
    OPENSSL_free(der);
  }
  std::sort(attributes.begin(), attributes.end());
  std::string body;
  for (const auto& a : attributes) body += a;
  std::string set(1, '\x31');  // SET OF, definite length
  if (body.size() < 0x80) {
    set += static_cast<char>(body.size());
  } else {
    std::string len;
    for (std::size_t n = body.size(); n > 0; n >>= 8) len.insert(len.begin(), static_cast<char>(n & 0xff));
    set += static_cast<char>(0x80 | len.size());
    set += len;
  }
  set += body;
  std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>> md(EVP_MD_CTX_new());
  std::size_t sig_len = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(set.data());
  if (!md || EVP_DigestSignInit(md.get(), nullptr, EVP_sha256(), nullptr, key) != 1 ||
      EVP_DigestSign(md.get(), nullptr, &sig_len, data, set.size()) != 1)
    return openssl_error("signing the signed attributes");
  std::string sig(sig_len, '\0');
  if (EVP_DigestSign(md.get(), reinterpret_cast<unsigned char*>(sig.data()), &sig_len, data, set.size()) != 1)
    return openssl_error("signing the signed attributes");
  if (ASN1_STRING_set(CMS_SignerInfo_get0_signature(si), sig.data(), static_cast<int>(sig_len)) != 1)
    return openssl_error("storing the signature");
  return true;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

Result<bool> write_file(const fs::path& p, const std::string& bytes, bool secret) {
  std::error_code ec;
  fs::create_directories(p.parent_path(), ec);
  const fs::path tmp = p.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return make_error("pki", "cannot write " + p.string());
    if (secret) ::chmod(tmp.c_str(), 0600);
    out << bytes;
    if (!out.flush()) return make_error("pki", "cannot write " + p.string());
  }
  fs::rename(tmp, p, ec);
  if (ec) return make_error("pki", "cannot write " + p.string() + ": " + ec.message());
  return true;
}

std::string pem_of(X509* c) {
  Bio b(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(b.get(), c);
  char* data = nullptr;
  const long n = BIO_get_mem_data(b.get(), &data);
  return std::string(data, static_cast<std::size_t>(n));
}

std::string pem_of(EVP_PKEY* k) {
  Bio b(BIO_new(BIO_s_mem()));
  PEM_write_bio_PrivateKey(b.get(), k, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  const long n = BIO_get_mem_data(b.get(), &data);
  return std::string(data, static_cast<std::size_t>(n));
}

Cert load_cert(const std::string& pem) {
  Bio b(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  return Cert(PEM_read_bio_X509(b.get(), nullptr, nullptr, nullptr));
}

Certs load_certs(const std::string& pem) {
  Certs out(sk_X509_new_null());
  Bio b(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  while (X509* c = PEM_read_bio_X509(b.get(), nullptr, nullptr, nullptr)) sk_X509_push(out.get(), c);
  ERR_clear_error();  // the end of the PEM data reads as an error
  return out;
}

Key load_key(const std::string& pem) {
  Bio b(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  return Key(PEM_read_bio_PrivateKey(b.get(), nullptr, nullptr, nullptr));
}

long long to_unix(const ASN1_TIME* t) {
  struct tm tm {};
  if (ASN1_TIME_to_tm(t, &tm) != 1) return 0;
  return static_cast<long long>(timegm(&tm));
}

std::string name_text(const X509_NAME* n) {
  Bio b(BIO_new(BIO_s_mem()));
  X509_NAME_print_ex(b.get(), n, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  char* data = nullptr;
  const long len = BIO_get_mem_data(b.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

CertificateInfo info_of(X509* c) {
  CertificateInfo i;
  i.subject = name_text(X509_get_subject_name(c));
  i.issuer = name_text(X509_get_issuer_name(c));
  char cn[256] = {0};
  X509_NAME_get_text_by_NID(X509_get_subject_name(c), NID_commonName, cn, sizeof cn);
  i.common_name = cn;
  if (BIGNUM* bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(c), nullptr)) {
    char* hex = BN_bn2hex(bn);
    i.serial_hex = hex;
    OPENSSL_free(hex);
    BN_free(bn);
  }
  i.not_before = to_unix(X509_get0_notBefore(c));
  i.not_after = to_unix(X509_get0_notAfter(c));
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  X509_digest(c, EVP_sha256(), md, &len);
  static const char* hexd = "0123456789abcdef";
  for (unsigned k = 0; k < len; ++k) i.sha256 += {hexd[md[k] >> 4], hexd[md[k] & 15]};
  return i;
}

Result<bool> add_ext(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (!ext) return openssl_error(std::string("certificate extension ") + value);
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
  return true;
}

// A certificate for `key`, signed by `issuer_key` (self-signed when `issuer` is null).
Result<Cert> make_cert(EVP_PKEY* key, const std::vector<std::pair<const char*, std::string>>& subject, X509* issuer,
                       EVP_PKEY* issuer_key, int days, bool ca) {
  Cert c(X509_new());
  X509_set_version(c.get(), 2);
  unsigned char serial[16];
  if (RAND_bytes(serial, sizeof serial) != 1) return openssl_error("random serial");
  serial[0] &= 0x7f;
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(c.get()));
  BN_free(bn);
  X509_gmtime_adj(X509_getm_notBefore(c.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(c.get()), 60L * 60 * 24 * days);
  X509_NAME* name = X509_get_subject_name(c.get());
  for (const auto& [field, value] : subject)
    X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(value.c_str()), -1,
                               -1, 0);
  X509_set_issuer_name(c.get(), issuer ? X509_get_subject_name(issuer) : name);
  X509_set_pubkey(c.get(), key);
  X509* iss = issuer ? issuer : c.get();
  if (ca) {
    for (auto [nid, v] : {std::pair{NID_basic_constraints, "critical,CA:TRUE"},
                          std::pair{NID_key_usage, "critical,keyCertSign,cRLSign"},
                          std::pair{NID_subject_key_identifier, "hash"}})
      if (auto ok = add_ext(c.get(), iss, nid, v); !ok) return ok.error();
  } else {
    for (auto [nid, v] : {std::pair{NID_basic_constraints, "critical,CA:FALSE"},
                          std::pair{NID_key_usage, "critical,digitalSignature,nonRepudiation"},
                          std::pair{NID_subject_key_identifier, "hash"},
                          std::pair{NID_authority_key_identifier, "keyid"}})
      if (auto ok = add_ext(c.get(), iss, nid, v); !ok) return ok.error();
  }
  if (!X509_sign(c.get(), issuer_key, EVP_sha256())) return openssl_error("signing the certificate");
  return c;
}

class LocalSigner final : public Signer {
 public:
  LocalSigner(Key key, Cert cert, Certs chain) : key_(std::move(key)), cert_(std::move(cert)), chain_(std::move(chain)) {
    info_ = info_of(cert_.get());
  }
  const CertificateInfo& certificate() const override { return info_; }
  Result<std::string> sign_detached(std::string_view content) const override {
    Bio in(BIO_new_mem_buf(content.data(), static_cast<int>(content.size())));
    // CMS_CADES adds the ESS signing-certificate-v2 attribute (PAdES baseline B-B).
    std::unique_ptr<CMS_ContentInfo, Deleter<CMS_ContentInfo, CMS_ContentInfo_free>> cms(
        CMS_sign(cert_.get(), key_.get(), chain_.get(), in.get(),
                 CMS_DETACHED | CMS_BINARY | CMS_CADES | CMS_NOSMIMECAP));
    if (!cms) return openssl_error("CMS signature");
    if (auto baseline = without_signing_time(cms.get(), key_.get()); !baseline) return baseline.error();
    unsigned char* der = nullptr;
    const int len = i2d_CMS_ContentInfo(cms.get(), &der);
    if (len <= 0) return openssl_error("CMS encoding");
    std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(len));
    OPENSSL_free(der);
    return out;
  }

 private:
  Key key_;
  Cert cert_;
  Certs chain_;
  CertificateInfo info_;
};

}  // namespace

Result<std::vector<std::string>> init_local_pki(const std::string& dir, const std::vector<SignerSubject>& subjects) {
  std::vector<std::string> written;
  const fs::path root(dir);
  Key ca_key;
  Cert ca_cert;
  if (fs::exists(root / "ca.key") && fs::exists(root / "ca.crt")) {
    ca_key = load_key(read_file(root / "ca.key"));
    ca_cert = load_cert(read_file(root / "ca.crt"));
    if (!ca_key || !ca_cert) return openssl_error("cannot read the CA in " + dir);
  } else {
    ca_key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    if (!ca_key) return openssl_error("CA key");
    auto cert = make_cert(ca_key.get(), {{"C", "ID"}, {"O", "satupintu"}, {"CN", "satupintu Development CA"}}, nullptr,
                          ca_key.get(), 3650, true);
    if (!cert) return cert.error();
    ca_cert = std::move(*cert);
    for (auto [name, bytes, secret] : {std::tuple{"ca.key", pem_of(ca_key.get()), true},
                                       std::tuple{"ca.crt", pem_of(ca_cert.get()), false}}) {
      if (auto ok = write_file(root / name, bytes, secret); !ok) return ok.error();
      written.push_back((root / name).string());
    }
  }
  for (const auto& s : subjects) {
    const fs::path base = root / s.office / s.role;
    if (fs::exists(base.string() + ".key") && fs::exists(base.string() + ".crt")) continue;
    Key key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    if (!key) return openssl_error("signer key");
    auto cert = make_cert(key.get(), {{"C", "ID"}, {"O", s.organization}, {"title", s.title}, {"CN", s.common_name}},
                          ca_cert.get(), ca_key.get(), 730, false);
    if (!cert) return cert.error();
    for (auto [ext, bytes, secret] : {std::tuple{".key", pem_of(key.get()), true},
                                      std::tuple{".crt", pem_of(cert->get()), false},
                                      std::tuple{".chain.crt", pem_of(ca_cert.get()), false}}) {
      if (auto ok = write_file(base.string() + ext, bytes, secret); !ok) return ok.error();
      written.push_back(base.string() + ext);
    }
  }
  return written;
}

Result<CertificateInfo> import_pkcs12(const std::string& dir, const std::string& office, const std::string& role,
                                      const std::string& p12_bytes, const std::string& password) {
  Bio in(BIO_new_mem_buf(p12_bytes.data(), static_cast<int>(p12_bytes.size())));
  std::unique_ptr<PKCS12, Deleter<PKCS12, PKCS12_free>> p12(d2i_PKCS12_bio(in.get(), nullptr));
  if (!p12) return openssl_error("not a PKCS#12 file");
  EVP_PKEY* raw_key = nullptr;
  X509* raw_cert = nullptr;
  STACK_OF(X509)* raw_chain = nullptr;
  if (!PKCS12_parse(p12.get(), password.c_str(), &raw_key, &raw_cert, &raw_chain))
    return openssl_error("cannot open the PKCS#12 file (wrong password?)");
  Key key(raw_key);
  Cert cert(raw_cert);
  Certs chain(raw_chain ? raw_chain : sk_X509_new_null());
  if (!key || !cert) return make_error("pki", "the PKCS#12 file holds no key and certificate");
  if (X509_check_private_key(cert.get(), key.get()) != 1) return openssl_error("the key does not match the certificate");
  std::string chain_pem;
  for (int i = 0; i < sk_X509_num(chain.get()); ++i) chain_pem += pem_of(sk_X509_value(chain.get(), i));
  const fs::path base = fs::path(dir) / office / role;
  for (auto [ext, bytes, secret] : {std::tuple{".key", pem_of(key.get()), true},
                                    std::tuple{".crt", pem_of(cert.get()), false},
                                    std::tuple{".chain.crt", chain_pem, false}})
    if (auto ok = write_file(base.string() + ext, bytes, secret); !ok) return ok.error();
  return info_of(cert.get());
}

std::string personal_signer(long long user_id) { return "user-" + std::to_string(user_id); }

bool has_development_ca(const std::string& dir) { return fs::exists(fs::path(dir) / "ca.key"); }

bool has_local_signer(const std::string& dir, const std::string& office, const std::string& name) {
  const fs::path base = fs::path(dir) / office / name;
  return fs::exists(base.string() + ".key") && fs::exists(base.string() + ".crt");
}

Result<std::unique_ptr<Signer>> load_local_signer(const std::string& dir, const std::string& office,
                                                  const std::string& role) {
  const fs::path base = fs::path(dir) / office / role;
  if (!fs::exists(base.string() + ".key") || !fs::exists(base.string() + ".crt"))
    return make_error("no_signer", "no signing key for " + role + " of " + office + " in " + dir +
                                       " (run `satupintu pki init` or `satupintu pki import`)");
  Key key = load_key(read_file(base.string() + ".key"));
  Cert cert = load_cert(read_file(base.string() + ".crt"));
  if (!key || !cert) return openssl_error("cannot read the signing key or certificate of " + office + "/" + role);
  if (X509_check_private_key(cert.get(), key.get()) != 1)
    return openssl_error("the key of " + office + "/" + role + " does not match its certificate");
  Certs chain = load_certs(fs::exists(base.string() + ".chain.crt") ? read_file(base.string() + ".chain.crt") : "");
  return std::unique_ptr<Signer>(new LocalSigner(std::move(key), std::move(cert), std::move(chain)));
}

std::string trusted_roots_pem(const std::string& dir) {
  std::string out;
  std::error_code ec;
  if (fs::exists(fs::path(dir) / "ca.crt")) out += read_file(fs::path(dir) / "ca.crt");
  for (const auto& office : fs::directory_iterator(dir, ec))
    if (office.is_directory())
      for (const auto& f : fs::directory_iterator(office.path(), ec))
        if (f.path().string().size() > 10 && f.path().string().ends_with(".chain.crt")) out += read_file(f.path());
  return out;
}

}  // namespace sp::signing
