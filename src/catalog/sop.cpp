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
