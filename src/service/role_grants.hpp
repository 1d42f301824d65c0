#pragma once
// Officers' roles, with separation of duties. Nobody changes their own roles. A role that signs
// decisions (a step with `signs: true`, e.g. kepala_dinas) is granted only when a second admin
// of the office approves the request, or when the deployment operator sets it from the command
// line: otherwise one admin could make themself the signer of the office's permits.
#include <string>
#include <vector>

#include "core/result.hpp"
#include "service/app_context.hpp"
#include "service/principal.hpp"

namespace sp::service {

// The office's SOP roles whose steps sign.
std::vector<std::string> signing_roles(const Catalog& catalog, const std::string& office);
// Every role must be an officer role of one of the office's SOPs. Error: invalid_field.
Result<bool> check_office_roles(const Catalog& catalog, const std::string& office, const std::vector<std::string>& roles);

struct RoleChange {
  bool applied = false;    // the roles are in force now
  long long grant_id = 0;  // otherwise: the request waiting for a second admin
};

// An admin replaces an officer's roles. Applied at once unless it adds a signing role, which
// waits for a second admin (approve_role_grant). Errors: forbidden (not an admin, or the admin's
// own account), not_found (no such officer in the office), invalid_field (unknown or no roles).
Result<RoleChange> set_officer_roles(AppContext& ctx, const Principal& admin, UserId user_id,
                                     const std::vector<std::string>& roles);

struct RoleGrant {
  long long id = 0, user_id = 0, requested_by = 0, requested_at = 0;
  std::string officer_name, requested_by_name;
  std::vector<std::string> roles;
};
// The office's requests waiting for a second admin. Error: forbidden (not an admin).
Result<std::vector<RoleGrant>> pending_role_grants(AppContext& ctx, const Principal& admin);
// A second admin approves: the roles apply. Errors: forbidden (not an admin of the office, the
// requester, or the officer concerned), not_found, conflict (already decided).
Result<bool> approve_role_grant(AppContext& ctx, const Principal& admin, long long grant_id);

// The deployment operator (command line) sets an officer's roles directly, signing roles too.
// Errors: not_found (no such officer of the office), invalid_field.
Result<bool> operator_set_roles(AppContext& ctx, const std::string& office, const std::string& email,
                                const std::vector<std::string>& roles);

}  // namespace sp::service
