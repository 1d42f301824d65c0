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

// The outcome of `step` (at index `here`) on the main path: the first that moves forward or
// issues, never a return, a send-back or a refusal's end; null when there is none.
const Outcome* main_path_outcome(const Step& step, StepIndex here);

// The main path takes each step's main-path outcome. Fails when the calendar cannot answer (a
// date outside its range).
Result<Simulation> simulate_sop(const Sop& sop, const WorkingCalendar& cal, Instant start);

}  // namespace sp
