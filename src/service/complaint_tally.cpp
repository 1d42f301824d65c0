#include "service/complaint_tally.hpp"

#include <algorithm>
#include <vector>

#include "catalog/time_limit.hpp"
#include "store/complaint_repository.hpp"
#include "store/store.hpp"

namespace sp::service {

std::string complaint_tally_words(const ComplaintTallyView& c) {
  std::string out = "Pengaduan: diterima " + std::to_string(c.filed) + ", dijawab " + std::to_string(c.answered);
  if (c.answered)
    out += " (" + std::to_string(c.answered_on_time) + " tepat waktu, median " +
           format_time_total(TimeTotal{0, c.median_answer_minutes}) + " kerja)";
  return out + ", belum dijawab " + std::to_string(c.open) + " (" + std::to_string(c.overdue) + " terlambat)";
}

ComplaintTallyView complaint_tally(store::Transaction& tx, const WorkingCalendar& cal, const std::string& office,
                                   Instant from, Instant to, Instant now) {
  ComplaintTallyView v;
  std::vector<long long> minutes;
  const auto in = [&](Instant t) { return !(t < from) && t < to; };
  for (const auto& c : tx.complaints().of_period(office, from, to)) {
    if (in(c.filed)) ++v.filed;
    if (c.answered && in(*c.answered)) {
      ++v.answered;
      v.answered_on_time += *c.answered < c.due || *c.answered == c.due ? 1 : 0;
      minutes.push_back(cal.elapsed(c.filed, *c.answered).count);
    }
    if (c.filed < now && (!c.answered || now < *c.answered)) {
      ++v.open;
      v.overdue += c.due < now ? 1 : 0;
    }
  }
  if (!minutes.empty()) {
    std::sort(minutes.begin(), minutes.end());
    v.median_answer_minutes = minutes[(minutes.size() + 1) / 2 - 1];  // nearest rank: ceil(n / 2)
  }
  return v;
}

}  // namespace sp::service
