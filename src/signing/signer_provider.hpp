#pragma once
// Where the server gets a document's signer: the person who acted signs with their own key
// (personal_signer), wherever those keys live. The local provider reads them from the PKI
// folder; a remote signing service (BSrE) is another provider behind the same interface.
#include <memory>
#include <string>

#include "core/result.hpp"
#include "signing/signer.hpp"

namespace sp::signing {

class SignerProvider {
 public:
  virtual ~SignerProvider() = default;
  // Whether `name` (personal_signer(id), or a role's key for documents planned before signing
  // was personal) can sign for `office` now. Cheap: asked before a signing step is taken.
  virtual bool can_sign(const std::string& office, const std::string& name) = 0;
  // The signer, or an error ("no_signer" when none is installed). Thread-safe.
  virtual Result<std::shared_ptr<const Signer>> signer(const std::string& office, const std::string& name) = 0;
};

// Keys and certificates in the PKI folder (signing/local_pki.hpp). Each is read and checked once
// and kept; a key or certificate replaced on disk (`satupintu pki import` while the server runs)
// is read again.
std::unique_ptr<SignerProvider> local_signer_provider(const std::string& pki_dir);

}  // namespace sp::signing
