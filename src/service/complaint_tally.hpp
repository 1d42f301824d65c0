#pragma once
// The office's complaints in figures, for the Mutu Baku dashboard and the monthly report: filed
// and answered in a period, how many of those answered kept to the office's standard and the
// median working time to answer them, and what is open and overdue now.
#include <string>

#include "calendar/working_calendar.hpp"
#include "core/instant.hpp"

namespace sp::store {
class Transaction;
}

namespace sp::service {

struct ComplaintTallyView {
  long long filed = 0, answered = 0, answered_on_time = 0;
  long long median_answer_minutes = 0;  // nearest rank, of those answered in the period; 0 when none
  long long open = 0, overdue = 0;      // unanswered at `now`, and of those past their deadline
};

// "Pengaduan: diterima 3, dijawab 2 (2 tepat waktu, median 1 jam 5 menit kerja), belum dijawab 1
// (0 terlambat)": the line the reports print.
std::string complaint_tally_words(const ComplaintTallyView& c);

// Complaints filed and answered in [from, to); open (filed, not yet answered) and overdue at
// `now`, which lies in the period.
ComplaintTallyView complaint_tally(store::Transaction& tx, const WorkingCalendar& cal, const std::string& office,
                                   Instant from, Instant to, Instant now);

}  // namespace sp::service
