#pragma once
// `satupintu sop simulate`: walk an SOP's main path assuming every step uses its full time
// standard, to show how long the SOP really takes across weekends, holidays and cuti bersama.
#include <optional>
#include <vector>

#include "calendar/working_calendar.hpp"
#include "catalog/sop.hpp"
#include "core/result.hpp"

namespace sp {

struct SimulatedStep {
  StepIndex step = 0;
  Instant start;
  std::optional<Instant> deadline;  // none when the step has no time standard
};

struct Simulation {
  std::vector<SimulatedStep> steps;
  Instant finish;
  std::int64_t working_days = 0;   // working days touched, start and finish days included
  std::int64_t calendar_days = 0;  // calendar days from start to finish, both included
};

// The main path takes each step's first outcome that moves forward (never a return or a
// send-back). Fails when the calendar cannot answer (a date outside its range).
Result<Simulation> simulate_sop(const Sop& sop, const WorkingCalendar& cal, Instant start);

}  // namespace sp
