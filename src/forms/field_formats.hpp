#pragma once
// The formats of Indonesian identifiers and contact data that forms ask for. Each check answers
// the value as it is stored (separators removed, a phone number in +62 form) or an Error whose
// code names the rule broken ("invalid_phone"), so a client can say it in its own language.
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace sp::forms {

bool plausible_email(std::string_view email);
// 08xx / 62xx / +62xx, with spaces, dots, dashes or brackets between digits: "+62812345678".
Result<std::string> normalize_phone(std::string_view phone);
// NPWP: 15 digits (99.999.999.9-999.999), or 16 since 2024 (the NIK serves as NPWP).
Result<std::string> normalize_npwp(std::string_view npwp);
// NIB from OSS: 13 digits.
Result<std::string> normalize_nib(std::string_view nib);
// STR number: 6 to 40 letters, digits, dots, slashes and dashes, at least 6 of them digits.
// Registers have used several shapes (KKI, MTKI, the lifetime STR since 2024), so the check is
// on shape only; the registry check confirms it exists.
Result<std::string> check_str_number(std::string_view str);

}  // namespace sp::forms
