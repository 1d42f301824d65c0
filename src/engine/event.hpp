#pragma once
// What one transition did: who, in which role, at which step, which action and outcome, the
// note, when, and how much working time the step took against its standard. Events are the
// audit trail and the timeline.
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.hpp"
#include "engine/application_state.hpp"

namespace sp {

enum class EventKind : std::uint8_t { Created, Acted, Resubmitted, Withdrawn };
std::string_view event_kind_key(EventKind k);  // "created", "acted", "resubmitted", "withdrawn"

struct Event {
  EventKind kind = EventKind::Acted;
  UserId actor;
  RoleIndex role = 0;
  StepIndex step = 0;        // the step acted on
  std::string_view action;   // outcome code (points into the immutable Sop), or the kind's key
  std::string note;
  Instant at;
  WorkingMinutes elapsed{0};  // working time since the step (or the return) began
  TimeLimit allowed;          // the step's time standard
  bool overdue = false;       // acted after the step's deadline
  Phase phase_after = Phase::AtStep;
  StepIndex step_after = 0;
  FinalOutcome outcome = FinalOutcome::None;
  const std::vector<std::string>* produces = nullptr;  // document kinds, into the Sop; may be null
};

}  // namespace sp
