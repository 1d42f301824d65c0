#pragma once
// Keys and certificates kept in a folder (the `pki_dir` setting, default var/pki):
//   ca.crt, ca.key                        the development CA (`satupintu pki init` only)
//   <office>/<name>.crt, <office>/<name>.key, <office>/<name>.chain.crt (optional)
// where <name> is a person's own signer, "user-<id>" (personal_signer); keys named after a role
// are read only for documents planned before signing became personal.
// Keys are PEM files readable by the server's user alone (mode 0600). In production they come
// from a PKCS#12 file issued by the office's CA (`satupintu pki import`).
#include <memory>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "signing/signer.hpp"

namespace sp::signing {

struct SignerSubject {
  std::string office;       // folder name
  std::string role;         // SOP role code of the signer, e.g. kepala_dinas
  std::string common_name;  // the official's name
  std::string organization; // the office's name
  std::string title;        // the official's title
};

// Creates the development CA (when missing) and a certificate for every subject that has none.
// Returns the paths it wrote.
Result<std::vector<std::string>> init_local_pki(const std::string& dir, const std::vector<SignerSubject>& subjects);

// Stores the key, certificate and chain from a PKCS#12 file for (office, role).
Result<CertificateInfo> import_pkcs12(const std::string& dir, const std::string& office, const std::string& role,
                                      const std::string& p12_bytes, const std::string& password);

// The signer for (office, role), or an error when no key is installed.
Result<std::unique_ptr<Signer>> load_local_signer(const std::string& dir, const std::string& office,
                                                  const std::string& role);

// The key name of a person's own signing key and certificate: "user-<id>".
std::string personal_signer(long long user_id);
// Whether the development CA's key is here (tests and demos; never in production).
bool has_development_ca(const std::string& dir);
// Whether a key and certificate are installed under <office>/<name>.
bool has_local_signer(const std::string& dir, const std::string& office, const std::string& name);

// The certificates a verifier trusts: ca.crt and every <office>/*.chain.crt (PEM, concatenated).
std::string trusted_roots_pem(const std::string& dir);

}  // namespace sp::signing
