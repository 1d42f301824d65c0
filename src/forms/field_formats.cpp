#include "forms/field_formats.hpp"

#include <algorithm>
#include <optional>

namespace sp::forms {

namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }

// The digits of `s` once the separators people type are removed; nullopt when anything else
// is there.
std::optional<std::string> digits_between_separators(std::string_view s, std::string_view separators) {
  std::string out;
  for (char c : s) {
    if (digit(c))
      out.push_back(c);
    else if (separators.find(c) == std::string_view::npos)
      return std::nullopt;
  }
  return out;
}

}  // namespace

bool plausible_email(std::string_view e) {
  const auto at = e.find('@');
  if (e.size() > 254 || at == std::string_view::npos || at == 0 || e.find('@', at + 1) != std::string_view::npos)
    return false;
  const std::string_view domain = e.substr(at + 1);
  if (domain.find('.') == std::string_view::npos || domain.front() == '.' || domain.back() == '.') return false;
  // `.invalid` is reserved never to resolve (RFC 2606): no mail could ever reach it.
  if (domain == "invalid" || domain.ends_with(".invalid")) return false;
  return std::none_of(e.begin(), e.end(), [](unsigned char c) { return c <= ' ' || c == 127; });
}

Result<std::string> normalize_phone(std::string_view phone) {
  const auto bad = [] {
    return make_error("invalid_phone", "an Indonesian phone number: 08..., 62... or +62..., 9 to 14 digits");
  };
  if (phone.size() > 32) return bad();
  std::string_view rest = phone;
  const bool plus = !rest.empty() && rest.front() == '+';
  if (plus) rest.remove_prefix(1);
  auto d = digits_between_separators(rest, " .-()");
  if (!d) return bad();
  std::string national;
  if (d->rfind("62", 0) == 0)
    national = d->substr(2);
  else if (!plus && d->rfind("0", 0) == 0)
    national = d->substr(1);
  else
    return bad();
  // Subscriber numbers: 8 to 12 digits after the country code, never starting with 0.
  if (national.size() < 8 || national.size() > 12 || national.front() == '0') return bad();
  return "+62" + national;
}

Result<std::string> normalize_npwp(std::string_view npwp) {
  auto d = digits_between_separators(npwp, " .-");
  if (npwp.size() > 40 || !d || (d->size() != 15 && d->size() != 16))
    return make_error("invalid_npwp", "an NPWP has 15 digits (99.999.999.9-999.999) or 16 (the NIK)");
  return *d;
}

Result<std::string> normalize_nib(std::string_view nib) {
  auto d = digits_between_separators(nib, " ");
  if (nib.size() > 40 || !d || d->size() != 13) return make_error("invalid_nib", "a NIB from OSS has 13 digits");
  return *d;
}

Result<std::string> check_str_number(std::string_view str) {
  const auto allowed = [](char c) {
    return digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.' || c == '/' || c == '-';
  };
  const auto digits = std::count_if(str.begin(), str.end(), digit);
  if (str.size() < 6 || str.size() > 40 || !std::all_of(str.begin(), str.end(), allowed) || digits < 6)
    return make_error("invalid_str_number",
                      "an STR number: 6 to 40 letters, digits, dots, slashes or dashes, with at least 6 digits");
  return std::string(str);
}

}  // namespace sp::forms
