#pragma once
// The office admin's care of the officers of their office: out of use and back, a password
// reset, the NIP. Officers are created in accounts.hpp; their roles change in role_grants.hpp.
#include <string>

#include "core/result.hpp"
#include "service/app_context.hpp"
#include "service/principal.hpp"

namespace sp::service {

// An admin's care of the officers of their office (never of themselves, nor of other admins):
// an account put out of use (its sessions end at once) or back in use; a password reset (the
// old password stops working, sessions end, and a set-password link goes by e-mail); the NIP
// recorded (18 digits, as the civil service numbers them; empty clears it).
Result<bool> set_officer_active(AppContext& ctx, const Principal& admin, UserId officer, bool active);
Result<bool> reset_officer_password(AppContext& ctx, const Principal& admin, UserId officer);
Result<bool> set_officer_nip(AppContext& ctx, const Principal& admin, UserId officer, const std::string& nip);
// The NIP's own rule: 18 digits, a birth date (YYYYMMDD), an appointment month (YYYYMM), the
// sex digit (1 or 2) and a sequence number. Empty when it holds, else what is wrong.
std::string nip_problem(const std::string& nip);

}  // namespace sp::service
