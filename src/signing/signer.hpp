#pragma once
// The signer interface behind the TTE (tanda tangan elektronik): something that holds a signing
// certificate and turns bytes into a detached CAdES signature (CMS, SHA-256, with the
// signing-certificate-v2 attribute). The local implementation uses a key file; a remote one
// (BSrE's sign API, an HSM) fits behind the same two calls (docs/signatures.md).
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace sp::signing {

struct CertificateInfo {
  std::string subject;      // e.g. "CN=R. Muchamad Nurcahja, ST, MM, O=DPMPTSP Kabupaten Purwakarta"
  std::string common_name;
  std::string issuer;
  std::string serial_hex;
  long long not_before = 0, not_after = 0;  // Unix seconds
  std::string sha256;       // of the DER certificate
};

class Signer {
 public:
  virtual ~Signer() = default;
  virtual const CertificateInfo& certificate() const = 0;
  // DER-encoded CMS SignedData over `content` (detached: the content itself is not included).
  virtual Result<std::string> sign_detached(std::string_view content) const = 0;
};

}  // namespace sp::signing
