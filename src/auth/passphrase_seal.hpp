#pragma once
// Encrypting files under a passphrase, for the signing keys in a backup: a key is derived once
// per backup with Argon2id (libsodium's "moderate" limits, about a second and 256 MiB, so that
// guessing passphrases against a stolen backup is slow), and each file is sealed with
// XChaCha20-Poly1305 under a random nonce. A wrong passphrase or a changed byte fails to open.
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace sp::auth {

class PassphraseSeal {
 public:
  // A new random salt: for sealing.
  static Result<PassphraseSeal> create(std::string_view passphrase);
  // The salt a sealed backup records (hex): for opening.
  static Result<PassphraseSeal> from_salt(std::string_view passphrase, const std::string& salt_hex);

  const std::string& salt_hex() const { return salt_hex_; }
  std::string seal(std::string_view plaintext) const;           // nonce + ciphertext + tag
  Result<std::string> open(std::string_view sealed) const;      // an error when it does not authenticate
  static const char* kdf_name() { return "argon2id13-moderate"; }

 private:
  std::string key_, salt_hex_;
};

}  // namespace sp::auth
