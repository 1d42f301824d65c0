#include "service/principal.hpp"

#include <algorithm>

namespace sp::service {

std::string_view user_kind_key(UserKind k) {
  switch (k) {
    case UserKind::Applicant: return "applicant";
    case UserKind::Officer: return "officer";
    case UserKind::Admin: return "admin";
  }
  return "";
}

bool Principal::holds(std::string_view role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

}  // namespace sp::service
