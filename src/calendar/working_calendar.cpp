#include "calendar/working_calendar.hpp"

#include <algorithm>

namespace sp {

namespace {
std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}
std::uint8_t intern(std::vector<DayHours>& patterns, const DayHours& h) {
  for (std::size_t i = 0; i < patterns.size(); ++i)
    if (patterns[i] == h) return static_cast<std::uint8_t>(i);
  patterns.push_back(h);
  return static_cast<std::uint8_t>(patterns.size() - 1);
}
}  // namespace

WorkingCalendar::WorkingCalendar(const CalendarSpec& spec) : zone_(spec.zone) {
  first_day_ = to_day_number(spec.first);
  const std::int64_t n = std::max<std::int64_t>(1, to_day_number(spec.last) - first_day_ + 1);

  closures_ = spec.holidays.closures;
  std::stable_sort(closures_.begin(), closures_.end(),
                   [](const Closure& a, const Closure& b) { return a.date < b.date; });

  patterns_.push_back(DayHours{});
  pattern_.resize(static_cast<std::size_t>(n));
  cum_.resize(static_cast<std::size_t>(n) + 1);
  working_before_.resize(static_cast<std::size_t>(n) + 1);
  for (std::int64_t d = 0; d < n; ++d) {
    const Date date = from_day_number(first_day_ + d);
    const Weekday w = weekday_of(first_day_ + d);
    const bool ramadan = std::any_of(spec.holidays.ramadan.begin(), spec.holidays.ramadan.end(),
                                     [&](const DatedPeriod& p) { return p.contains(date); });
    const DayHours& hours = ramadan ? spec.ramadan.on(w) : spec.normal.on(w);
    const bool closed = hours.intervals.empty() || closure_on(date) != nullptr;
    const auto i = static_cast<std::size_t>(d);
    pattern_[i] = closed ? 0 : intern(patterns_, hours);
    const std::int64_t secs = std::int64_t{patterns_[pattern_[i]].minutes()} * 60;
    cum_[i + 1] = cum_[i] + secs;
    working_before_[i + 1] = working_before_[i] + (secs > 0 ? 1 : 0);
    if (secs > 0) working_days_.push_back(static_cast<std::int32_t>(d));
  }
}

const Closure* WorkingCalendar::closure_on(const Date& d) const {
  auto it = std::lower_bound(closures_.begin(), closures_.end(), d,
                             [](const Closure& c, const Date& x) { return c.date < x; });
  return it != closures_.end() && it->date == d ? &*it : nullptr;
}

bool WorkingCalendar::is_working_day(const Date& d) const {
  const auto i = day_index(d);
  return i >= 0 && i < days() && !pattern_of(i).intervals.empty();
}

const DayHours& WorkingCalendar::hours_on(const Date& d) const {
  const auto i = day_index(d);
  return i >= 0 && i < days() ? pattern_of(i) : patterns_[0];
}

bool WorkingCalendar::is_working_time(Instant t) const {
  const std::int64_t local = t.unix_seconds + zone_.seconds;
  const std::int64_t d = floor_div(local, 86400) - first_day_;
  if (d < 0 || d >= days()) return false;
  const std::int64_t sec = local - (first_day_ + d) * 86400;
  for (const auto& iv : pattern_of(d).intervals)
    if (sec >= std::int64_t{iv.start} * 60 && sec < std::int64_t{iv.end} * 60) return true;
  return false;
}

std::int64_t WorkingCalendar::position(Instant t) const {
  const std::int64_t local = t.unix_seconds + zone_.seconds;
  const std::int64_t d = floor_div(local, 86400) - first_day_;
  if (d < 0) return 0;
  if (d >= days()) return cum_.back();
  const std::int64_t sec = local - (first_day_ + d) * 86400;
  std::int64_t p = cum_[static_cast<std::size_t>(d)];
  for (const auto& iv : pattern_of(d).intervals) {
    const std::int64_t s = std::int64_t{iv.start} * 60, e = std::int64_t{iv.end} * 60;
    if (sec <= s) break;
    p += std::min(sec, e) - s;
  }
  return p;
}

Instant WorkingCalendar::instant_at(std::int64_t d, std::int64_t p) const {
  std::int64_t rem = p - cum_[static_cast<std::size_t>(d)];
  const std::int64_t day_start = (first_day_ + d) * 86400 - zone_.seconds;
  const auto& ivs = pattern_of(d).intervals;
  for (const auto& iv : ivs) {
    const std::int64_t len = std::int64_t{iv.end - iv.start} * 60;
    if (rem <= len) return Instant{day_start + std::int64_t{iv.start} * 60 + rem};
    rem -= len;
  }
  // Unreachable for a working day; for safety, the close of the day.
  return Instant{day_start + (ivs.empty() ? 0 : std::int64_t{ivs.back().end} * 60)};
}

namespace {
Error out_of_range(const WorkingCalendar& c) {
  return make_error("deadline falls outside the working calendar (" + format_date(c.first_date()) + " to " +
                    format_date(c.last_date()) + ")");
}
}  // namespace

bool WorkingCalendar::in_range(Instant t) const {
  const std::int64_t local = t.unix_seconds + zone_.seconds;
  return local >= first_day_ * 86400 && local < (first_day_ + days()) * 86400;
}

Result<Instant> WorkingCalendar::add(Instant t, WorkingMinutes n) const {
  if (n.count < 0) return make_error("working time to add must not be negative");
  if (!in_range(t) || n.count > cum_.back() / 60) return out_of_range(*this);
  if (n.count == 0) return t;
  const std::int64_t p = position(t) + n.count * 60;
  // The first day whose end position reaches p holds the earliest instant with position p.
  const auto first = cum_.begin() + 1;
  auto it = std::lower_bound(first, cum_.end(), p);
  if (it == cum_.end()) return out_of_range(*this);
  return instant_at(it - first, p);
}

Result<Instant> WorkingCalendar::add(Instant t, WorkingDays n) const {
  if (n.count < 0) return make_error("working days to add must not be negative");
  if (!in_range(t) || n.count > static_cast<std::int64_t>(working_days_.size())) return out_of_range(*this);
  if (n.count == 0) return t;
  const std::int64_t p = position(t);
  // The working day in which `t` falls, or the next one when `t` is outside office hours.
  const auto first = cum_.begin() + 1;
  auto it = std::upper_bound(first, cum_.end(), p);
  if (it == cum_.end()) return out_of_range(*this);
  const std::int64_t d0 = it - first;
  const std::int64_t into_day = p - cum_[static_cast<std::size_t>(d0)];
  const std::int64_t k = working_before_[static_cast<std::size_t>(d0)] + n.count - (into_day == 0 ? 1 : 0);
  if (k >= static_cast<std::int64_t>(working_days_.size())) return out_of_range(*this);
  const std::int64_t target = working_days_[static_cast<std::size_t>(k)];
  const std::int64_t len = cum_[static_cast<std::size_t>(target) + 1] - cum_[static_cast<std::size_t>(target)];
  const std::int64_t offset = into_day == 0 ? len : std::min(into_day, len);
  return instant_at(target, cum_[static_cast<std::size_t>(target)] + offset);
}

WorkingMinutes WorkingCalendar::elapsed(Instant from, Instant to) const {
  return WorkingMinutes{(position(to) - position(from)) / 60};
}

std::int64_t WorkingCalendar::working_days_between(const Date& from, const Date& to) const {
  const std::int64_t a = std::clamp<std::int64_t>(day_index(from), 0, days());
  const std::int64_t b = std::clamp<std::int64_t>(day_index(to) + 1, 0, days());
  if (b <= a) return 0;
  return working_before_[static_cast<std::size_t>(b)] - working_before_[static_cast<std::size_t>(a)];
}

}  // namespace sp
