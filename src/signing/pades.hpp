#pragma once
// PAdES baseline B-B on a PDF: an incremental update adds a signature field whose /Contents is
// a detached CAdES signature (SubFilter ETSI.CAdES.detached) over every byte of the file but
// the /Contents value itself (/ByteRange covers the whole document).
#include <string>

#include "core/result.hpp"
#include "signing/signer.hpp"

namespace sp::signing {

// No /ContactInfo: PoDoFo 0.9.8 locates /ByteRange next to /Contents in the sorted signature
// dictionary, and a key sorting between them breaks signing. The QR code on the page carries
// the verification URL instead.
struct SignatureMeta {
  std::string reason;    // "Penetapan Surat Izin Praktik ..."
  std::string location;  // "Purwakarta"
};

Result<std::string> sign_pdf(const std::string& pdf, const Signer& signer, const SignatureMeta& meta);

struct SignatureCheck {
  bool signed_document = false;  // has a signature at all
  bool intact = false;           // the signature matches the bytes it covers
  bool covers_whole_file = false;
  bool trusted = false;          // the signer's certificate chains to a trusted root
  std::string signer;            // the certificate's subject
  std::string problem;           // why not, in words
};

// Checks the last signature of a PDF against `trusted_roots_pem` (PEM certificates). A file that
// cannot be parsed is a SignatureCheck with its `problem`; the error invalid_file is a refusal to
// parse at all (nesting beyond documents/pdf_nesting.hpp's limit).
Result<SignatureCheck> check_pdf_signature(const std::string& pdf, const std::string& trusted_roots_pem);

}  // namespace sp::signing
