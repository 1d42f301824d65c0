// Signing keys in a backup are sealed under a passphrase: only that passphrase opens them, and a
// changed byte is detected.
#include <gtest/gtest.h>

#include "auth/passphrase_seal.hpp"
#include "auth/secrets.hpp"

namespace sp::auth {
namespace {

TEST(PassphraseSeal, OpensWithThePassphraseAndTheRecordedSaltOnly) {
  ASSERT_TRUE(init_crypto());
  auto sealing = PassphraseSeal::create("kunci cadangan kantor");
  ASSERT_TRUE(sealing) << sealing.error().message;
  const std::string key = "-----BEGIN PRIVATE KEY-----\nMIGH...\n-----END PRIVATE KEY-----\n";
  const std::string sealed = sealing->seal(key);
  EXPECT_EQ(sealed.find("PRIVATE KEY"), std::string::npos);
  EXPECT_NE(sealing->seal(key), sealed) << "every file has its own nonce";

  auto opening = PassphraseSeal::from_salt("kunci cadangan kantor", sealing->salt_hex());
  ASSERT_TRUE(opening);
  EXPECT_EQ(*opening->open(sealed), key);

  auto wrong = PassphraseSeal::from_salt("kunci cadangan kantur", sealing->salt_hex());
  ASSERT_TRUE(wrong);
  EXPECT_FALSE(wrong->open(sealed));
  std::string changed = sealed;
  changed[changed.size() / 2] ^= 1;
  EXPECT_FALSE(opening->open(changed));
  EXPECT_FALSE(opening->open(sealed.substr(0, 10)));
}

TEST(PassphraseSeal, RefusesShortPassphrasesAndMalformedSalts) {
  ASSERT_TRUE(init_crypto());
  EXPECT_FALSE(PassphraseSeal::create("pendek"));
  EXPECT_FALSE(PassphraseSeal::from_salt("kunci cadangan kantor", "zz"));
}

}  // namespace
}  // namespace sp::auth
