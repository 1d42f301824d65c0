#include "catalog/sop.hpp"

namespace sp {

std::string_view final_outcome_key(FinalOutcome o) {
  switch (o) {
    case FinalOutcome::None: return "none";
    case FinalOutcome::Issued: return "issued";
    case FinalOutcome::Rejected: return "rejected";
    case FinalOutcome::Withdrawn: return "withdrawn";
  }
  return "none";
}

std::string_view final_outcome_label(FinalOutcome o) {
  switch (o) {
    case FinalOutcome::None: return "Dalam proses";
    case FinalOutcome::Issued: return "Izin diterbitkan";
    case FinalOutcome::Rejected: return "Permohonan ditolak";
    case FinalOutcome::Withdrawn: return "Permohonan dicabut";
  }
  return "";
}

StepIndex Sop::first_application_step() const {
  for (std::size_t i = 0; i < steps.size(); ++i)
    if (steps[i].scope == StepScope::Application) return static_cast<StepIndex>(i);
  return 0;
}

bool Sop::after_signature(StepIndex step) const {
  // The steps reachable from the first application step without passing a signing step (the
  // signing step itself is reached, but not left); any other step lies after a signature.
  std::vector<bool> before(steps.size(), false);
  std::vector<StepIndex> todo{first_application_step()};
  while (!todo.empty()) {
    const StepIndex at = todo.back();
    todo.pop_back();
    if (at >= steps.size() || before[at]) continue;
    before[at] = true;
    if (steps[at].signs) continue;
    for (const auto& o : steps[at].outcomes)
      if (o.target.kind == Target::Kind::Step) todo.push_back(o.target.step);
  }
  return step < steps.size() && !before[step];
}

std::optional<StepIndex> Sop::step_by_number(int number) const {
  for (std::size_t i = 0; i < steps.size(); ++i)
    if (steps[i].number == number) return static_cast<StepIndex>(i);
  return std::nullopt;
}

std::optional<RoleIndex> Sop::role_by_code(std::string_view c) const {
  for (std::size_t i = 0; i < roles.size(); ++i)
    if (roles[i].code == c) return static_cast<RoleIndex>(i);
  return std::nullopt;
}

}  // namespace sp
