#pragma once
// Who is making a request, as established from a session or bearer token.
#include <string>
#include <vector>

#include "core/ids.hpp"

namespace sp::service {

enum class UserKind : std::uint8_t { Applicant, Officer, Admin };
std::string_view user_kind_key(UserKind k);

struct Principal {
  UserId user_id;
  UserKind kind = UserKind::Applicant;
  std::string office;               // officers and admins: their office
  std::vector<std::string> roles;   // officers: the office's SOP role codes they hold
  std::string full_name;
  std::string email;
  std::string csrf_token;           // the session's CSRF token (cookie sessions)
  bool via_cookie = false;

  bool holds(std::string_view role) const;
};

}  // namespace sp::service
