#include "catalog/time_limit.hpp"

#include <cctype>
#include <charconv>

namespace sp {

namespace {
std::string lower_trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  std::string out;
  bool space = false;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}
}  // namespace

Result<TimeLimit> parse_time_limit(std::string_view text) {
  const std::string t = lower_trimmed(text);
  if (t.empty()) return TimeLimit{};
  if (t == "-") {
    TimeLimit none;
    none.dash = true;
    return none;
  }
  const auto bad = [&](const std::string& why) {
    return make_error("bad duration '" + std::string(text.substr(0, 40)) + "': " + why);
  };
  std::size_t digits = 0;
  while (digits < t.size() && std::isdigit(static_cast<unsigned char>(t[digits]))) ++digits;
  if (digits == 0) return bad("expected a number, e.g. '15 menit', '1 jam' or '7 hari kerja'");
  if (digits > 9) return bad("number too large");
  std::int64_t amount = 0;
  std::from_chars(t.data(), t.data() + digits, amount);
  std::string_view unit = std::string_view(t).substr(digits);
  if (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  TimeLimit out;
  std::int64_t max = 0;
  if (unit == "menit" || unit == "minute" || unit == "minutes") {
    out.unit = TimeLimit::Unit::Minutes;
    max = 100000;
  } else if (unit == "jam" || unit == "hour" || unit == "hours") {
    out.unit = TimeLimit::Unit::Hours;
    max = 10000;
  } else if (unit == "hari kerja" || unit == "working day" || unit == "working days") {
    out.unit = TimeLimit::Unit::WorkingDays;
    max = 2000;
  } else if (unit == "hari" || unit == "day" || unit == "days") {
    return bad("say 'hari kerja' (working days); calendar days are not a time standard");
  } else {
    return bad("unit must be 'menit', 'jam' or 'hari kerja'");
  }
  if (amount < 1) return bad("amount must be at least 1 (use '-' for no time standard)");
  if (amount > max) return bad("amount must be at most " + std::to_string(max));
  out.amount = amount;
  return out;
}

std::string format_time_limit(const TimeLimit& t) {
  switch (t.unit) {
    case TimeLimit::Unit::None: return t.dash ? "-" : "";
    case TimeLimit::Unit::Minutes: return std::to_string(t.amount) + " menit";
    case TimeLimit::Unit::Hours: return std::to_string(t.amount) + " jam";
    case TimeLimit::Unit::WorkingDays: return std::to_string(t.amount) + " hari kerja";
  }
  return "-";
}

void TimeTotal::add(const TimeLimit& t) {
  if (t.is_days()) days += t.days().count;
  else if (!t.is_none()) minutes += t.minutes().count;
}

std::string format_time_total(const TimeTotal& t) {
  if (t.empty()) return "-";
  std::string out;
  if (t.days) out = std::to_string(t.days) + " hari kerja";
  if (t.minutes) {
    if (!out.empty()) out += " + ";
    const std::int64_t h = t.minutes / 60, m = t.minutes % 60;
    if (h) out += std::to_string(h) + " jam";
    if (m) out += std::string(h ? " " : "") + std::to_string(m) + " menit";
  }
  return out;
}

}  // namespace sp
