#include "engine/sop_simulation.hpp"

#include "engine/engine.hpp"

namespace sp {

const Outcome* main_path_outcome(const Step& step, StepIndex here) {
  for (const auto& o : step.outcomes) {
    if (o.target.kind == Target::Kind::Step && o.target.step > here) return &o;
    if (o.target.kind == Target::Kind::Finish ||
        (o.target.kind == Target::Kind::End && o.target.outcome == FinalOutcome::Issued))
      return &o;
  }
  return nullptr;
}

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
    const Outcome* next = main_path_outcome(step, i);
    if (!next || next->target.kind != Target::Kind::Step) break;
    i = next->target.step;
  }
  sim.finish = now;
  const Date first = to_local(start, cal.zone()).date, last = to_local(now, cal.zone()).date;
  sim.working_days = cal.working_days_between(first, last);
  sim.calendar_days = to_day_number(last) - to_day_number(first) + 1;
  return sim;
}

}  // namespace sp
