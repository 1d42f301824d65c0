#pragma once
// The Mutu Baku dashboard as the service gives it: how the office keeps to its SOPs' time
// standards, per permit, step and officer, the trend by month, and the files overdue now.
#include <optional>
#include <string>
#include <vector>

#include "service/complaint_tally.hpp"

namespace sp::service {

// Working minutes taken at a step by the steps in a group: the count, how many kept to the
// standard, and the median and 90th percentile (nearest rank: the smallest value with at least
// half, or nine tenths, of the values at or below it).
struct StepTimes {
  long long handled = 0, on_time = 0;
  long long median_minutes = 0, p90_minutes = 0;
};

struct MutuBakuOfficerView {
  long long id = 0;
  std::string name;
  StepTimes times;
};

struct MutuBakuStepView {
  std::string sop_code, permit_code, permit_name;
  int step = 0;
  std::string title, role;      // role: the actor's name on the SOP
  std::string standard;         // "1 jam", "7 hari kerja"; "" without one
  // The standard in working minutes, working days at the period's mean working day; none without one.
  std::optional<long long> standard_minutes;
  StepTimes times;
  std::vector<MutuBakuOfficerView> officers;  // most steps first
};

struct MutuBakuMonthView {
  std::string month;  // YYYY-MM
  long long handled = 0, on_time = 0;
};

struct OverdueFileView {
  long long id = 0;
  std::string registration_number, permit_name;
  int step = 0;
  std::string step_title, role;
  std::string deadline;           // ISO 8601 with the office's offset
  long long overdue_minutes = 0;  // working time since the deadline
};

struct MutuBakuView {
  std::string office, office_name, from, to, permit;
  std::string as_of;  // ISO 8601 with the office's offset: "overdue now" is at this instant
  long long handled = 0, on_time = 0;
  std::vector<MutuBakuStepView> steps;   // by permit, then step number
  std::vector<MutuBakuMonthView> trend;  // the twelve months ending with the period's last, oldest first
  long long overdue_total = 0;
  std::vector<OverdueFileView> overdue;  // longest overdue first, at most kMaxOverdueListed
  ComplaintTallyView complaints;         // filed and answered in the period; open and overdue now
};

}  // namespace sp::service
