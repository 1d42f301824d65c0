#pragma once
// NIK (Nomor Induk Kependudukan): 16 digits = province (2) + regency (2) + district (2) +
// birth date DDMMYY (women add 40 to the day) + serial (4). Personal data under UU PDP 27/2022:
// never shown on public pages.
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace sp::auth {

// Checks shape, a real province code and a plausible birth date; the error says which part.
Result<std::string> check_nik(std::string_view nik);

// "3214********0001": for officer screens that must not show the whole number.
std::string mask_nik(std::string_view nik);

}  // namespace sp::auth
