#pragma once
// An instant is a point on the UTC time line, in whole seconds. Storage and the engine only
// ever hold instants; local time exists only at the edges, through a ZoneOffset.
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/civil_time.hpp"
#include "core/result.hpp"

namespace sp {

struct Instant {
  std::int64_t unix_seconds = 0;
  friend auto operator<=>(const Instant&, const Instant&) = default;
};

// Indonesia's three zones; there is no daylight saving time, so an offset is the whole story.
struct ZoneOffset {
  int seconds = 7 * 3600;
  friend bool operator==(const ZoneOffset&, const ZoneOffset&) = default;
};

// "WIB", "WITA", "WIT", or an IANA name for an Indonesian zone ("Asia/Jakarta", "Asia/Makassar",
// "Asia/Jayapura", "Asia/Pontianak").
Result<ZoneOffset> parse_zone(std::string_view name);
std::string_view zone_abbreviation(ZoneOffset z);  // "WIB", "WITA", "WIT" or "" for others

struct LocalDateTime {
  Date date;
  int minute_of_day = 0;
  int second = 0;
};

LocalDateTime to_local(Instant t, ZoneOffset z);
Instant from_local(const Date& d, int minute_of_day, ZoneOffset z);

// ISO 8601 with an explicit offset or Z: "2026-03-13T09:00+07:00", "2026-03-13T02:00:00Z".
Result<Instant> parse_instant(std::string_view text);
// "2026-03-13T09:00:00+07:00"
std::string format_instant(Instant t, ZoneOffset z);
// "Jumat, 2026-03-13 09:00 WIB": for people.
std::string format_local_readable(Instant t, ZoneOffset z);

}  // namespace sp
