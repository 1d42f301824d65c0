#include "engine/engine.hpp"

namespace sp {

std::string_view phase_key(Phase p) {
  switch (p) {
    case Phase::AtStep: return "at_step";
    case Phase::WithApplicant: return "with_applicant";
    case Phase::Closed: return "closed";
  }
  return "";
}

std::string_view event_kind_key(EventKind k) {
  switch (k) {
    case EventKind::Created: return "created";
    case EventKind::Acted: return "acted";
    case EventKind::Resubmitted: return "resubmitted";
    case EventKind::Withdrawn: return "withdrawn";
  }
  return "";
}

Result<std::optional<Instant>> deadline_for(const TimeLimit& limit, const WorkingCalendar& cal, Instant start) {
  if (limit.is_none()) return std::optional<Instant>{};
  auto r = limit.is_days() ? cal.add(start, limit.days()) : cal.add(start, limit.minutes());
  if (!r) return make_error("calendar", r.error().message);
  return std::optional<Instant>{*r};
}

namespace {

// Enters `target` at `at`: sets the step, its start and deadline.
Result<bool> enter_step(const Sop& sop, const WorkingCalendar& cal, ApplicationState& s, StepIndex target, Instant at) {
  auto deadline = step_deadline(sop.steps[target], cal, at);
  if (!deadline) return deadline.error();
  s.step = target;
  s.phase = Phase::AtStep;
  s.step_started = at;
  s.deadline = *deadline;
  return true;
}

Event base_event(const ApplicationState& s, const Sop& sop, const Command& cmd, EventKind kind) {
  Event e;
  e.kind = kind;
  e.actor = cmd.actor;
  e.role = cmd.role;
  e.step = s.step;
  e.at = cmd.at;
  e.allowed = sop.steps[s.step].time;
  e.overdue = s.phase == Phase::AtStep && s.deadline && cmd.at > *s.deadline;
  return e;
}

bool may_act_on(const Step& step, RoleIndex role) {
  if (step.actor == role) return true;
  for (RoleIndex r : step.assisted_by)
    if (r == role) return true;
  return false;
}

}  // namespace

Result<Event> start_application(const Sop& sop, const WorkingCalendar& cal, UserId applicant, Instant at,
                                ApplicationState& state) {
  if (sop.steps.empty()) return make_error("invalid_sop", "the SOP has no steps");
  ApplicationState s;
  s.created = at;
  auto entered = enter_step(sop, cal, s, sop.first_application_step(), at);
  if (!entered) return entered.error();
  Event e;
  e.kind = EventKind::Created;
  e.actor = applicant;
  e.role = sop.applicant;
  e.step = s.step;
  e.action = event_kind_key(EventKind::Created);
  e.at = at;
  e.allowed = sop.steps[s.step].time;
  e.phase_after = s.phase;
  e.step_after = s.step;
  s.version = 1;
  state = s;
  return e;
}

Result<Event> apply(const Sop& sop, const WorkingCalendar& cal, ApplicationState& state, Command cmd) {
  if (state.phase == Phase::Closed)
    return make_error("closed", "the application is closed (" + std::string(final_outcome_label(state.outcome)) + ")");
  if (cmd.at < state.step_started) return make_error("time_before_step", "the action is dated before the step began");
  ApplicationState s = state;
  const Step& step = sop.steps[s.step];
  const WorkingMinutes spent = cal.elapsed(s.step_started, cmd.at);
  Event e;

  switch (cmd.kind) {
    case Command::Kind::Withdraw: {
      if (cmd.role != sop.applicant) return make_error("not_your_step", "only the applicant can withdraw an application");
      if (sop.after_signature(s.step))
        return make_error("signed", "the decision has been signed: an application can be withdrawn only before "
                                    "signature; a signed permit ends only by revocation by the head of office");
      e = base_event(s, sop, cmd, EventKind::Withdrawn);
      e.action = event_kind_key(EventKind::Withdrawn);
      (s.phase == Phase::WithApplicant ? s.applicant_time : s.office_time) += spent;
      s.phase = Phase::Closed;
      s.outcome = FinalOutcome::Withdrawn;
      s.step_started = cmd.at;
      s.deadline.reset();
      break;
    }
    case Command::Kind::Resubmit: {
      if (s.phase != Phase::WithApplicant)
        return make_error("not_at_step", "the file is not with the applicant, so there is nothing to resubmit");
      if (cmd.role != sop.applicant) return make_error("not_your_step", "only the applicant can resubmit the file");
      e = base_event(s, sop, cmd, EventKind::Resubmitted);
      e.action = event_kind_key(EventKind::Resubmitted);
      s.applicant_time += spent;
      // The clock restarts: the returning step begins again with its full time standard.
      auto entered = enter_step(sop, cal, s, s.step, cmd.at);
      if (!entered) return entered.error();
      break;
    }
    case Command::Kind::Act: {
      if (s.phase != Phase::AtStep)
        return make_error("not_at_step", "the file is with the applicant; it must be resubmitted first");
      if (!may_act_on(step, cmd.role))
        return make_error("not_your_step", "step " + std::to_string(step.number) + " belongs to " +
                                               sop.roles[step.actor].name);
      if (cmd.outcome >= step.outcomes.size())
        return make_error("unknown_action", "step " + std::to_string(step.number) + " has no such action");
      const Outcome& o = step.outcomes[cmd.outcome];
      if (o.note_required && cmd.note.find_first_not_of(" \t\r\n") == std::string::npos)
        return make_error("note_required", "'" + o.label + "' needs a note giving the reason");
      e = base_event(s, sop, cmd, EventKind::Acted);
      e.action = o.code;
      e.produces = &o.produces;
      (step.actor == sop.applicant ? s.applicant_time : s.office_time) += spent;
      if (o.sets_verdict) s.verdict = *o.sets_verdict;
      switch (o.target.kind) {
        case Target::Kind::Step: {
          auto entered = enter_step(sop, cal, s, o.target.step, cmd.at);
          if (!entered) return entered.error();
          break;
        }
        case Target::Kind::ReturnToApplicant:
          s.phase = Phase::WithApplicant;
          s.step_started = cmd.at;
          s.deadline.reset();
          break;
        case Target::Kind::Finish:
          s.phase = Phase::Closed;
          s.outcome = s.verdict == Verdict::Refuse ? FinalOutcome::Rejected : FinalOutcome::Issued;
          s.step_started = cmd.at;
          s.deadline.reset();
          break;
        case Target::Kind::End:
          s.phase = Phase::Closed;
          s.outcome = o.target.outcome;
          s.step_started = cmd.at;
          s.deadline.reset();
          break;
      }
      break;
    }
  }
  e.note = std::move(cmd.note);
  e.elapsed = spent;
  e.phase_after = s.phase;
  e.step_after = s.step;
  e.outcome = s.outcome;
  ++s.version;
  state = s;
  return e;
}

std::optional<std::uint16_t> find_outcome(const Sop& sop, const ApplicationState& state, std::string_view code) {
  const auto& outcomes = sop.steps[state.step].outcomes;
  for (std::size_t i = 0; i < outcomes.size(); ++i)
    if (outcomes[i].code == code) return static_cast<std::uint16_t>(i);
  return std::nullopt;
}

RoleSet acting_roles(const Sop& sop, const ApplicationState& state) {
  if (state.phase == Phase::Closed) return 0;
  if (state.phase == Phase::WithApplicant) return role_bit(sop.applicant);
  const Step& step = sop.steps[state.step];
  RoleSet set = role_bit(step.actor);
  for (RoleIndex r : step.assisted_by) set |= role_bit(r);
  return set;
}

std::vector<AllowedAction> allowed_actions(const Sop& sop, const ApplicationState& state, RoleSet roles) {
  std::vector<AllowedAction> out;
  if (state.phase == Phase::Closed) return out;
  const bool applicant = roles & role_bit(sop.applicant);
  if (state.phase == Phase::WithApplicant) {
    if (applicant) out.push_back({Command::Kind::Resubmit, 0, "resubmitted", "Kirim ulang berkas", false});
  } else if (roles & acting_roles(sop, state)) {
    const auto& outcomes = sop.steps[state.step].outcomes;
    for (std::size_t i = 0; i < outcomes.size(); ++i)
      out.push_back({Command::Kind::Act, static_cast<std::uint16_t>(i), outcomes[i].code, outcomes[i].label,
                     outcomes[i].note_required});
  }
  if (applicant && !sop.after_signature(state.step))
    out.push_back({Command::Kind::Withdraw, 0, "withdrawn", "Cabut permohonan", false});
  return out;
}

bool is_overdue(const ApplicationState& state, Instant now) {
  return state.phase == Phase::AtStep && state.deadline && now > *state.deadline;
}

std::optional<WorkingMinutes> time_left(const ApplicationState& state, const WorkingCalendar& cal, Instant now) {
  if (state.phase != Phase::AtStep || !state.deadline) return std::nullopt;
  return cal.elapsed(now, *state.deadline);
}

}  // namespace sp
