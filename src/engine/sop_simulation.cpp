#include "engine/sop_simulation.hpp"

#include "engine/engine.hpp"

namespace sp {

namespace {
// The first outcome that leads forward or ends the SOP; nullopt when none does.
std::optional<Target> main_path_target(const Step& step, StepIndex here) {
  for (const auto& o : step.outcomes) {
    if (o.target.kind == Target::Kind::Step && o.target.step > here) return o.target;
    if (o.target.kind == Target::Kind::Finish ||
        (o.target.kind == Target::Kind::End && o.target.outcome == FinalOutcome::Issued))
      return o.target;
  }
  return std::nullopt;
}
}  // namespace

Result<Simulation> simulate_sop(const Sop& sop, const WorkingCalendar& cal, Instant start) {
  Simulation sim;
  Instant now = start;
  StepIndex i = 0;
  for (std::size_t guard = 0; !sop.steps.empty() && guard <= sop.steps.size(); ++guard) {
    const Step& step = sop.steps[i];
    auto deadline = step_deadline(step, cal, now);
    if (!deadline) return deadline.error();
    sim.steps.push_back({i, now, *deadline});
    if (*deadline) now = **deadline;
    auto next = main_path_target(step, i);
    if (!next || next->kind != Target::Kind::Step) break;
    i = next->step;
  }
  sim.finish = now;
  const Date first = to_local(start, cal.zone()).date, last = to_local(now, cal.zone()).date;
  sim.working_days = cal.working_days_between(first, last);
  sim.calendar_days = to_day_number(last) - to_day_number(first) + 1;
  return sim;
}

}  // namespace sp
