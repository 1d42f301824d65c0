#pragma once
// Reading dynamic rows (soci::row) the same way on both backends: SQLite reports INTEGER columns
// as int or long long depending on the declared type, PostgreSQL as its own types, so integer
// access goes through one function that accepts any integer representation.
#include <soci/soci.h>

#include <optional>
#include <string>
#include <string_view>

#include "core/instant.hpp"

namespace sp::store {

inline long long int_at(const soci::row& r, std::size_t i, long long fallback = 0) {
  if (r.get_indicator(i) != soci::i_ok) return fallback;
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_integer: return r.get<int>(i);
    case soci::dt_long_long: return r.get<long long>(i);
    case soci::dt_unsigned_long_long: return static_cast<long long>(r.get<unsigned long long>(i));
    case soci::dt_double: return static_cast<long long>(r.get<double>(i));
    case soci::dt_string: return std::stoll(r.get<std::string>(i));
    default: return fallback;
  }
}

inline std::string text_at(const soci::row& r, std::size_t i, const std::string& fallback = {}) {
  if (r.get_indicator(i) != soci::i_ok) return fallback;
  return r.get<std::string>(i);
}

inline bool is_null(const soci::row& r, std::size_t i) { return r.get_indicator(i) != soci::i_ok; }

// A nullable integer column (an id that may be absent).
inline std::optional<long long> optional_int_at(const soci::row& r, std::size_t i) {
  if (is_null(r, i)) return std::nullopt;
  return int_at(r, i);
}

// A nullable instant column (UTC seconds): of a dynamic row, or bound with its indicator.
inline std::optional<Instant> instant_at(const soci::row& r, std::size_t i) {
  if (is_null(r, i)) return std::nullopt;
  return Instant{int_at(r, i)};
}
inline std::optional<Instant> instant_if(soci::indicator ind, long long unix_seconds) {
  if (ind != soci::i_ok) return std::nullopt;
  return Instant{unix_seconds};
}

}  // namespace sp::store

namespace sp::store {

// An account without an e-mail address (a walk-in applicant registered at the counter) is kept
// under a reserved address that no mail can reach (RFC 2606 `.invalid`), made unique by the
// account's NIK, because the column is NOT NULL UNIQUE on both backends. Only store/ sees it:
// everywhere else such an account has an empty e-mail.
inline constexpr std::string_view kNoEmailDomain = "@no-email.invalid";
inline std::string stored_email(const std::string& email, const std::string& nik) {
  return email.empty() ? "nik-" + nik + std::string(kNoEmailDomain) : email;
}
inline std::string email_of(const std::string& stored) {
  return stored.ends_with(kNoEmailDomain) ? std::string() : stored;
}

}  // namespace sp::store
