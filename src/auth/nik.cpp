#include "auth/nik.hpp"

#include <algorithm>
#include <array>

#include "core/civil_time.hpp"

namespace sp::auth {

namespace {
// Province codes (Kemendagri): Sumatra 11-21, Java 31-36, Bali-Nusa 51-53, Kalimantan 61-65,
// Sulawesi 71-76, Maluku 81-82, Papua 91-97.
constexpr std::array<int, 38> kProvinces{11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53,
                                         61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96};
int two(std::string_view s, std::size_t at) { return (s[at] - '0') * 10 + (s[at + 1] - '0'); }
}  // namespace

Result<std::string> check_nik(std::string_view nik) {
  if (nik.size() != 16 || !std::all_of(nik.begin(), nik.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return make_error("invalid_nik", "NIK must be 16 digits");
  const int province = two(nik, 0);
  if (std::find(kProvinces.begin(), kProvinces.end(), province) == kProvinces.end())
    return make_error("invalid_nik", "NIK does not start with a known province code");
  if (two(nik, 2) == 0 || two(nik, 4) == 0) return make_error("invalid_nik", "NIK has no regency or district code");
  int day = two(nik, 6);
  if (day > 40) day -= 40;  // women
  const int month = two(nik, 8);
  // Two-digit year: any year fits one of 19xx/20xx; check the day against a leap year.
  if (!is_valid_date(2000, month, day)) return make_error("invalid_nik", "NIK's birth date part is not a real date");
  if (nik.substr(12) == "0000") return make_error("invalid_nik", "NIK's serial part cannot be 0000");
  return std::string(nik);
}

std::string mask_nik(std::string_view nik) {
  if (nik.size() != 16) return "****************";
  return std::string(nik.substr(0, 4)) + "********" + std::string(nik.substr(12));
}

}  // namespace sp::auth
