#include "signing/pades.hpp"

#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <podofo/podofo.h>
#include <spdlog/spdlog.h>

#include <memory>

#include "documents/pdf_nesting.hpp"
#include "documents/podofo_quiet.hpp"

namespace sp::signing {

namespace {

using namespace PoDoFo;

using documents::quiet_podofo;

// Room for the CMS in /Contents: an ECDSA or RSA-4096 signature with a three-certificate chain
// fits well inside 12 KB.
constexpr std::size_t kSignatureRoom = 12 * 1024;

}  // namespace

Result<std::string> sign_pdf(const std::string& pdf, const Signer& signer, const SignatureMeta& meta) {
  quiet_podofo();
  try {
    PdfMemDocument doc;
    doc.LoadFromBuffer(pdf.data(), static_cast<long>(pdf.size()), true);
    if (doc.GetPageCount() < 1) return make_error("sign", "the document has no pages");
    PdfAcroForm* form = doc.GetAcroForm(true, ePdfAcroFormDefaultAppearance_None);
    // SigFlags 3: the document has signatures, and it is to be changed by incremental updates only.
    form->GetObject()->GetDictionary().AddKey(PdfName("SigFlags"), PdfObject(static_cast<pdf_int64>(3)));
    PdfPage* page = doc.GetPage(0);
    PdfAnnotation* widget = page->CreateAnnotation(ePdfAnnotation_Widget, PdfRect(0, 0, 0, 0));
    widget->SetFlags(ePdfAnnotationFlags_Hidden | ePdfAnnotationFlags_Invisible);
    PdfSignatureField field(widget, form, &doc);
    field.SetFieldName(PdfString("TTE"));
    field.SetSignatureReason(PdfString(reinterpret_cast<const pdf_utf8*>(meta.reason.c_str())));
    field.SetSignatureLocation(PdfString(reinterpret_cast<const pdf_utf8*>(meta.location.c_str())));
    field.SetSignatureCreator(PdfName("satupintu"));
    field.SetSignatureDate(PdfDate());
    field.EnsureSignatureObject();
    PdfDictionary& sig = field.GetSignatureObject()->GetDictionary();
    sig.AddKey(PdfName("Filter"), PdfName("Adobe.PPKLite"));
    sig.AddKey(PdfName("SubFilter"), PdfName("ETSI.CAdES.detached"));
    sig.AddKey(PdfName("Name"), PdfString(reinterpret_cast<const pdf_utf8*>(signer.certificate().common_name.c_str())));

    PdfRefCountedBuffer buffer;
    PdfOutputDevice out(&buffer);
    PdfSignOutputDevice device(&out);
    device.SetSignatureSize(kSignatureRoom);
    field.SetSignature(*device.GetSignatureBeacon());
    doc.WriteUpdate(&device, true);
    if (!device.HasSignaturePosition()) return make_error("sign", "the signature placeholder was not written");
    device.AdjustByteRange();
    device.Seek(0);
    std::string covered;
    char chunk[65536];
    while (std::size_t n = device.ReadForSignature(chunk, sizeof chunk)) covered.append(chunk, n);
    auto cms = signer.sign_detached(covered);
    if (!cms) return cms.error();
    if (cms->size() > kSignatureRoom) return make_error("sign", "the signature is larger than the room reserved for it");
    device.SetSignature(PdfData(cms->data(), cms->size()));
    device.Flush();
    return std::string(buffer.GetBuffer(), device.GetLength());
  } catch (const PdfError& e) {
    return make_error("sign", std::string("the PDF could not be signed (") + PdfError::ErrorName(e.GetError()) + ")");
  }
}

namespace {
SignatureCheck check_here(const std::string& pdf, const std::string& trusted_roots_pem);
}  // namespace

// Anyone may send a PDF to check: a file nested too deeply is not parsed at all, and the rest
// are parsed as untrusted (see parse_untrusted).
Result<SignatureCheck> check_pdf_signature(const std::string& pdf, const std::string& trusted_roots_pem) {
  if (auto flat = documents::check_pdf_nesting(pdf); !flat) return flat.error();
  return documents::parse_untrusted([&] { return check_here(pdf, trusted_roots_pem); });
}

namespace {
using BioChain = std::unique_ptr<BIO, void (*)(BIO*)>;

// The signed bytes as CMS_verify's content. Given a memory BIO, OpenSSL 3.0's CMS_verify copies
// it into a BIO of its own and leaks that copy when the signature's content cannot be set up
// (found by fuzz_verify_upload); behind a null filter it reads the bytes where they are.
BioChain signed_bytes(const std::string& bytes) {
  BioChain chain(BIO_new(BIO_f_null()), BIO_free_all);
  BIO_push(chain.get(), BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
  return chain;
}

SignatureCheck check_here(const std::string& pdf, const std::string& trusted_roots_pem) {
  quiet_podofo();
  SignatureCheck c;
  // The last signature dictionary: its /ByteRange and /Contents, read with PoDoFo.
  std::vector<long long> range;
  std::string contents;
  try {
    PdfMemDocument doc;
    doc.LoadFromBuffer(pdf.data(), static_cast<long>(pdf.size()));
    for (const PdfObject* o : doc.GetObjects()) {
      if (!o->IsDictionary()) continue;
      const PdfDictionary& d = o->GetDictionary();
      const PdfObject* type = d.GetKey(PdfName("Type"));
      const PdfObject* br = d.GetKey(PdfName("ByteRange"));
      const PdfObject* ct = d.GetKey(PdfName("Contents"));
      if (!type || !type->IsName() || type->GetName() != PdfName("Sig") || !br || !br->IsArray() || !ct ||
          !ct->IsHexString())
        continue;
      range.clear();
      for (const auto& v : br->GetArray())
        if (v.IsNumber()) range.push_back(v.GetNumber());
      const PdfString& s = ct->GetString();
      contents.assign(s.GetString(), s.GetLength());
    }
  } catch (const PdfError& e) {
    spdlog::info("a PDF sent for verification could not be parsed: {}", PdfError::ErrorName(e.GetError()));
    c.problem = "the PDF cannot be read: it is damaged or not a complete PDF";
    return c;
  }
  if (range.size() != 4) {
    c.problem = "the document carries no electronic signature";
    return c;
  }
  c.signed_document = true;
  const long long size = static_cast<long long>(pdf.size());
  if (range[0] != 0 || range[1] < 0 || range[2] < range[1] || range[3] < 0 || range[2] + range[3] > size) {
    c.problem = "the signature's byte range is malformed";
    return c;
  }
  c.covers_whole_file = range[2] + range[3] == size;
  const std::string covered = pdf.substr(0, static_cast<std::size_t>(range[1])) +
                              pdf.substr(static_cast<std::size_t>(range[2]), static_cast<std::size_t>(range[3]));
  // Trailing zero padding after the DER structure is allowed by the format.
  const unsigned char* p = reinterpret_cast<const unsigned char*>(contents.data());
  std::unique_ptr<CMS_ContentInfo, void (*)(CMS_ContentInfo*)> cms(
      d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(contents.size())), CMS_ContentInfo_free);
  if (!cms) {
    ERR_clear_error();
    c.problem = "the signature cannot be decoded";
    return c;
  }
  std::unique_ptr<X509_STORE, void (*)(X509_STORE*)> store(X509_STORE_new(), X509_STORE_free);
  {
    BIO* b = BIO_new_mem_buf(trusted_roots_pem.data(), static_cast<int>(trusted_roots_pem.size()));
    while (X509* x = PEM_read_bio_X509(b, nullptr, nullptr, nullptr)) {
      X509_STORE_add_cert(store.get(), x);
      X509_free(x);
    }
    BIO_free(b);
    ERR_clear_error();
  }
  // First the mathematics (the bytes are what was signed), then the trust chain.
  c.intact = CMS_verify(cms.get(), nullptr, nullptr, signed_bytes(covered).get(), nullptr,
                        CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY) == 1;
  ERR_clear_error();
  if (STACK_OF(X509)* signers = CMS_get0_signers(cms.get())) {
    if (sk_X509_num(signers) > 0) {
      X509_NAME* n = X509_get_subject_name(sk_X509_value(signers, 0));
      char cn[256] = {0};
      X509_NAME_get_text_by_NID(n, NID_commonName, cn, sizeof cn);
      c.signer = cn;
    }
    sk_X509_free(signers);
  }
  if (c.intact) {
    c.trusted = CMS_verify(cms.get(), nullptr, store.get(), signed_bytes(covered).get(), nullptr, CMS_BINARY) == 1;
    ERR_clear_error();
  }
  if (!c.intact) c.problem = "the document was changed after it was signed";
  else if (!c.covers_whole_file) c.problem = "content was added after the signature";
  else if (!c.trusted) c.problem = "the signer's certificate is not from a trusted authority";
  return c;
}
}  // namespace

}  // namespace sp::signing
