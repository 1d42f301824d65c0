#include "auth/passphrase_seal.hpp"

#include <sodium.h>

namespace sp::auth {

namespace {
Result<std::string> derive(std::string_view passphrase, const std::string& salt) {
  if (passphrase.size() < 12) return make_error("invalid_argument", "the backup passphrase must have at least 12 characters");
  std::string key(crypto_aead_xchacha20poly1305_ietf_KEYBYTES, '\0');
  if (crypto_pwhash(reinterpret_cast<unsigned char*>(key.data()), key.size(), passphrase.data(), passphrase.size(),
                    reinterpret_cast<const unsigned char*>(salt.data()), crypto_pwhash_OPSLIMIT_MODERATE,
                    crypto_pwhash_MEMLIMIT_MODERATE, crypto_pwhash_ALG_ARGON2ID13) != 0)
    return make_error("internal", "not enough memory to derive the backup key");
  return key;
}

std::string to_hex(const std::string& bytes) {
  std::string hex(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  hex.pop_back();
  return hex;
}
}  // namespace

Result<PassphraseSeal> PassphraseSeal::create(std::string_view passphrase) {
  std::string salt(crypto_pwhash_SALTBYTES, '\0');
  randombytes_buf(salt.data(), salt.size());
  auto key = derive(passphrase, salt);
  if (!key) return key.error();
  PassphraseSeal s;
  s.key_ = std::move(*key);
  s.salt_hex_ = to_hex(salt);
  return s;
}

Result<PassphraseSeal> PassphraseSeal::from_salt(std::string_view passphrase, const std::string& salt_hex) {
  std::string salt(crypto_pwhash_SALTBYTES, '\0');
  std::size_t len = 0;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(salt.data()), salt.size(), salt_hex.data(), salt_hex.size(),
                     nullptr, &len, nullptr) != 0 ||
      len != salt.size())
    return make_error("invalid_argument", "the backup's key salt is malformed");
  auto key = derive(passphrase, salt);
  if (!key) return key.error();
  PassphraseSeal s;
  s.key_ = std::move(*key);
  s.salt_hex_ = salt_hex;
  return s;
}

std::string PassphraseSeal::seal(std::string_view plaintext) const {
  std::string out(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + plaintext.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES,
                  '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(out.data());
  randombytes_buf(nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, &written,
                                             reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                                             nullptr, 0, nullptr, nonce,
                                             reinterpret_cast<const unsigned char*>(key_.data()));
  return out;
}

Result<std::string> PassphraseSeal::open(std::string_view sealed) const {
  constexpr std::size_t n = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, tag = crypto_aead_xchacha20poly1305_ietf_ABYTES;
  if (sealed.size() < n + tag) return make_error("invalid_argument", "the sealed file is truncated");
  std::string out(sealed.size() - n - tag, '\0');
  unsigned long long written = 0;
  const auto* in = reinterpret_cast<const unsigned char*>(sealed.data());
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(out.data()), &written, nullptr, in + n,
                                                 sealed.size() - n, nullptr, 0, in,
                                                 reinterpret_cast<const unsigned char*>(key_.data())) != 0)
    return make_error("invalid_argument", "wrong passphrase, or the sealed file was changed");
  out.resize(written);
  return out;
}

}  // namespace sp::auth
