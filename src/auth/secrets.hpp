#pragma once
// Password hashing (Argon2id through libsodium), random tokens and token hashing. Tokens are
// 256-bit random values sent to the client once; only their SHA-256 is stored.
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace sp::auth {

// Must be called once before any other function here (initialises libsodium).
bool init_crypto();

// Argon2id, libsodium's "interactive" limits (about 60 ms): keep it off hot paths.
Result<std::string> hash_password(std::string_view password);
bool verify_password(std::string_view password, const std::string& stored_hash);
// A readable reason when a password is too weak to accept, or empty.
std::string password_problem(std::string_view password);

// 32 random bytes, base64url without padding (43 characters).
std::string random_token();
// Lower-case hex SHA-256.
std::string sha256_hex(std::string_view data);
// Constant-time comparison of two strings.
bool same_secret(std::string_view a, std::string_view b);

}  // namespace sp::auth
