#include "core/instant.hpp"

#include <charconv>
#include <cstdio>

namespace sp {

Result<ZoneOffset> parse_zone(std::string_view n) {
  if (n == "WIB" || n == "Asia/Jakarta" || n == "Asia/Pontianak") return ZoneOffset{7 * 3600};
  if (n == "WITA" || n == "Asia/Makassar") return ZoneOffset{8 * 3600};
  if (n == "WIT" || n == "Asia/Jayapura") return ZoneOffset{9 * 3600};
  return make_error("unknown time zone '" + std::string(n.substr(0, 40)) +
                    "' (use WIB, WITA, WIT or Asia/Jakarta, Asia/Pontianak, Asia/Makassar, Asia/Jayapura)");
}

std::string_view zone_abbreviation(ZoneOffset z) {
  switch (z.seconds) {
    case 7 * 3600: return "WIB";
    case 8 * 3600: return "WITA";
    case 9 * 3600: return "WIT";
    default: return "";
  }
}

namespace {
std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
}  // namespace

LocalDateTime to_local(Instant t, ZoneOffset z) {
  const std::int64_t local = t.unix_seconds + z.seconds;
  const std::int64_t day = floor_div(local, 86400);
  const std::int64_t sec_of_day = local - day * 86400;
  return LocalDateTime{from_day_number(day), static_cast<int>(sec_of_day / 60), static_cast<int>(sec_of_day % 60)};
}

Instant from_local(const Date& d, int minute_of_day, ZoneOffset z) {
  return Instant{to_day_number(d) * 86400 + std::int64_t{minute_of_day} * 60 - z.seconds};
}

Result<Instant> parse_instant(std::string_view t) {
  const std::string shown(t.substr(0, 60));
  const auto bad = [&] {
    return make_error("instant must look like 2026-03-13T09:00+07:00 (ISO 8601 with an offset), got '" + shown + "'");
  };
  if (t.size() < 16 || (t[10] != 'T' && t[10] != ' ')) return bad();
  auto date = parse_date(t.substr(0, 10));
  if (!date) return date.error();
  auto clock = parse_clock(t.substr(11, 5));
  if (!clock || *clock >= 1440) return bad();
  std::string_view rest = t.substr(16);
  int seconds = 0;
  if (!rest.empty() && rest[0] == ':') {
    if (rest.size() < 3) return bad();
    auto [p, ec] = std::from_chars(rest.data() + 1, rest.data() + 3, seconds);
    if (ec != std::errc{} || p != rest.data() + 3 || seconds > 59) return bad();
    rest.remove_prefix(3);
    // A fraction of a second (JavaScript's toISOString writes ".000") is allowed and dropped:
    // instants are kept to the second.
    if (!rest.empty() && rest[0] == '.') {
      std::size_t digits = 1;
      while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
      if (digits == 1 || digits > 10) return bad();
      rest.remove_prefix(digits);
    }
  }
  int offset = 0;
  if (rest == "Z") {
    offset = 0;
  } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
    auto hm = parse_clock(rest.substr(1, 5));
    if (!hm || *hm > 14 * 60) return bad();
    offset = (rest[0] == '-' ? -1 : 1) * *hm * 60;
  } else {
    return bad();
  }
  const Instant local = from_local(*date, *clock, ZoneOffset{0});
  return Instant{local.unix_seconds + seconds - offset};
}

std::string format_instant(Instant t, ZoneOffset z) {
  const LocalDateTime l = to_local(t, z);
  const int off = z.seconds / 60;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%sT%s:%02d%c%02d:%02d", format_date(l.date).c_str(),
                format_clock(l.minute_of_day).c_str(), l.second, off < 0 ? '-' : '+',
                (off < 0 ? -off : off) / 60, (off < 0 ? -off : off) % 60);
  return buf;
}

std::string format_local_readable(Instant t, ZoneOffset z) {
  const LocalDateTime l = to_local(t, z);
  std::string out(weekday_name_id(weekday_of(to_day_number(l.date))));
  out += ", " + format_date(l.date) + " " + format_clock(l.minute_of_day);
  const auto abbr = zone_abbreviation(z);
  if (!abbr.empty()) out += " " + std::string(abbr);
  return out;
}

}  // namespace sp
