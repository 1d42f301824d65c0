#pragma once
// The state of one application (permohonan) running through its SOP. Plain data: the engine
// computes the next state, storage persists it.
#include <cstdint>
#include <optional>

#include "catalog/sop.hpp"
#include "core/instant.hpp"
#include "core/working_duration.hpp"

namespace sp {

enum class Phase : std::uint8_t {
  AtStep,         // waiting for the current step's actor
  WithApplicant,  // returned as incomplete; the SLA clock is stopped until resubmission
  Closed,         // a final outcome was reached
};
std::string_view phase_key(Phase p);  // "at_step", "with_applicant", "closed"

struct ApplicationState {
  StepIndex step = 0;  // current step; while WithApplicant, the step that returned the file
  Phase phase = Phase::AtStep;
  FinalOutcome outcome = FinalOutcome::None;
  Verdict verdict = Verdict::Grant;
  Instant created;
  // When the current step (or the return) began; once closed, when it closed (the office's
  // reports count files by the month they were decided).
  Instant step_started;
  std::optional<Instant> deadline;  // the current step's deadline, when it has a time standard
  WorkingMinutes office_time{0};     // working time with the office: the SLA clock
  WorkingMinutes applicant_time{0};  // working time the file spent back with the applicant
  std::uint32_t version = 0;         // increases by one per transition (optimistic locking)
};

}  // namespace sp
