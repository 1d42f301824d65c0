#include "service/numbering.hpp"

#include <array>

#include "store/numbering_repository.hpp"
#include "store/transaction.hpp"

namespace sp::service {

long long next_number(store::Transaction& tx, const std::string& office, NumberKind kind, int year) {
  return tx.numbering().next(office, kind == NumberKind::Registration ? "registration" : "permit", year);
}

std::string format_number(const std::string& format, long long seq, int year, int month) {
  static constexpr std::array<const char*, 12> kRoman{"I", "II", "III", "IV", "V", "VI",
                                                     "VII", "VIII", "IX", "X", "XI", "XII"};
  std::string out;
  for (std::size_t i = 0; i < format.size();) {
    if (format[i] != '{') {
      out += format[i++];
      continue;
    }
    const auto close = format.find('}', i);
    if (close == std::string::npos) {
      out += format.substr(i);
      break;
    }
    const std::string key = format.substr(i + 1, close - i - 1);
    if (key == "seq") out += std::to_string(seq);
    else if (key.rfind("seq:", 0) == 0) {
      const std::size_t width = static_cast<std::size_t>(std::max(0, std::atoi(key.c_str() + 4)));
      std::string digits = std::to_string(seq);
      if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
      out += digits;
    } else if (key == "year") out += std::to_string(year);
    else if (key == "month") out += (month < 10 ? "0" : "") + std::to_string(month);
    else if (key == "roman_month") out += kRoman[static_cast<std::size_t>((month + 11) % 12)];
    else out += "{" + key + "}";
    i = close + 1;
  }
  return out;
}

}  // namespace sp::service
