#pragma once
// The SOP engine: the state machine of one application. Pure and deterministic: no I/O, no
// clock reads. The caller passes the SOP, the office's working calendar, the current state and
// the time of the action; the engine returns the event and updates the state, or returns an
// Error (with a stable `code`) and leaves the state untouched.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/working_calendar.hpp"
#include "catalog/sop.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "engine/application_state.hpp"
#include "engine/event.hpp"

namespace sp {

using RoleSet = std::uint32_t;  // bit i = Sop::roles[i]
constexpr RoleSet role_bit(RoleIndex r) { return RoleSet{1} << r; }

struct Command {
  enum class Kind : std::uint8_t { Act, Resubmit, Withdraw };
  Kind kind = Kind::Act;
  std::uint16_t outcome = 0;  // for Act: index into the current step's outcomes
  UserId actor;
  RoleIndex role = 0;  // the role the actor acts in; the caller has checked the actor holds it
  Instant at;
  std::string note;
};

struct AllowedAction {
  Command::Kind kind;
  std::uint16_t outcome = 0;
  std::string_view code;
  std::string_view label;
  bool note_required = false;
};

// Opens an application at the SOP's first application step (account steps are done once per
// applicant, outside any application).
Result<Event> start_application(const Sop& sop, const WorkingCalendar& cal, UserId applicant, Instant at,
                                ApplicationState& state);

// Applies one command. Error codes: "closed", "not_at_step", "not_your_step", "unknown_action",
// "note_required", "time_before_step", "calendar".
Result<Event> apply(const Sop& sop, const WorkingCalendar& cal, ApplicationState& state, Command cmd);

// Looks up an outcome of the current step by code.
std::optional<std::uint16_t> find_outcome(const Sop& sop, const ApplicationState& state, std::string_view code);

// What a holder of `roles` may do now.
std::vector<AllowedAction> allowed_actions(const Sop& sop, const ApplicationState& state, RoleSet roles);

// The roles that may act now (the step's actor and its assistants; the applicant while returned).
RoleSet acting_roles(const Sop& sop, const ApplicationState& state);

// The deadline of a time standard counted from `start` (working days or working minutes), or
// nullopt when there is no standard.
Result<std::optional<Instant>> deadline_for(const TimeLimit& limit, const WorkingCalendar& cal, Instant start);
inline Result<std::optional<Instant>> step_deadline(const Step& step, const WorkingCalendar& cal, Instant start) {
  return deadline_for(step.time, cal, start);
}

bool is_overdue(const ApplicationState& state, Instant now);
// Working time left until the deadline (negative when overdue); nullopt without a deadline.
std::optional<WorkingMinutes> time_left(const ApplicationState& state, const WorkingCalendar& cal, Instant now);

}  // namespace sp
