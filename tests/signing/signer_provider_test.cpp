// The local signer provider reads each person's key once, and again only when it is replaced on
// disk; a person without a key cannot sign.
#include "signing/signer_provider.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "signing/local_pki.hpp"

namespace sp::signing {
namespace {

namespace fs = std::filesystem;

TEST(LocalSignerProvider, KeepsAKeyUntilItIsReplacedAndRefusesThoseWithout) {
  const fs::path dir = fs::temp_directory_path() / ("satupintu-signers-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const std::string name = personal_signer(4);
  ASSERT_TRUE(
      init_local_pki(dir.string(), {{"kampar", name, "Kadis Kampar", "DPMPTSP Kabupaten Kampar", "Kepala Dinas"}})
          .ok());
  auto provider = local_signer_provider(dir.string());
  EXPECT_TRUE(provider->can_sign("kampar", name));
  EXPECT_FALSE(provider->can_sign("kampar", personal_signer(5)));
  EXPECT_FALSE(provider->can_sign("purwakarta", name));
  auto missing = provider->signer("kampar", personal_signer(5));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "no_signer");

  auto first = provider->signer("kampar", name);
  ASSERT_TRUE(first.ok()) << first.error().message;
  auto again = provider->signer("kampar", name);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(first->get(), again->get());  // read once
  EXPECT_TRUE((*first)->sign_detached("isi dokumen").ok());

  // A new certificate for the same person (the operator imported a renewed one) is read again.
  const std::string old_certificate = (*first)->certificate().sha256;
  fs::remove(dir / "kampar" / (name + ".crt"));
  fs::remove(dir / "kampar" / (name + ".key"));
  ASSERT_TRUE(
      init_local_pki(dir.string(), {{"kampar", name, "Kadis Kampar", "DPMPTSP Kabupaten Kampar", "Kepala Dinas"}})
          .ok());
  auto renewed = provider->signer("kampar", name);
  ASSERT_TRUE(renewed.ok());
  EXPECT_NE(renewed->get(), first->get());
  EXPECT_NE((*renewed)->certificate().sha256, old_certificate);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace sp::signing
