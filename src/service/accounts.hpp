#pragma once
// Accounts (SOP steps 1-3: registration, approval, credentials): applicant self-registration,
// approval or rejection by an officer of the office, set-password links by e-mail (a password
// is never e-mailed), login with throttling, sessions and bearer tokens, password reset, and
// officers created by the office admin.
#include <string>
#include <vector>

#include "core/result.hpp"
#include "service/app_context.hpp"
#include "service/principal.hpp"

namespace sp::service {

struct Registration {
  // The office the applicant registers at. The account serves every office; this one approves
  // it where its SOP asks for that (else the e-mailed link activates it).
  std::string office;
  std::string full_name;
  std::string nik;
  std::string email;
  std::string phone;
  std::string profession;
};

enum class SessionKind : std::uint8_t { Cookie, Bearer };

struct LoginResult {
  std::string token;  // shown once; only its hash is stored
  std::string csrf_token;
  UserId user_id;
  long long expires_at = 0;
};

struct OfficerSpec {
  std::string full_name;
  std::string email;
  std::vector<std::string> roles;  // the office's SOP role codes
  bool admin = false;
};

struct AccountSummary {
  UserId id;
  std::string kind, office, full_name, email, phone, profession, status, nik_masked;
  std::string nip;  // officers: the NIP as recorded (empty: none)
  long long created_at = 0;
  std::vector<std::string> roles;
  // Applicants awaiting this office: when the approval is due by the SOP's account step
  // (Purwakarta step 2: 1 jam, in working time, from the request), or 0 when it sets no time.
  long long approval_due_at = 0;
  long long approval_requested_at = 0;  // applicants awaiting this office: since when
};

// Registration answers alike whether or not the address or NIK already has an account, so it
// tells an outsider nothing; the e-mail tells the address's owner what happened. Success: the
// new (or renewed) pending registration's id, or 0 when the address already has an account
// (its owner is told by mail). A pending registration expires after
// Settings::pending_registration_days; a NIK is held only by an approved account, so a pending
// registration never blocks the NIK's owner. Errors: invalid_field (the data itself).
Result<UserId> register_applicant(AppContext& ctx, const Registration& r);
Result<std::vector<AccountSummary>> list_accounts(AppContext& ctx, const Principal& who, const std::string& status);
Result<bool> set_password_with_token(AppContext& ctx, const std::string& token, const std::string& password);
// Signs in. Takes about as long whether or not the account exists (the password is always
// hashed). Failures are throttled per account and client `address`, with growing waits:
// too_many_attempts carries retry_after_seconds. Failures from other addresses do not lock the
// owner out, except when an account draws very many from everywhere; a password set through a
// reset link clears its failures.
Result<LoginResult> login(AppContext& ctx, const std::string& email, const std::string& password, SessionKind kind,
                          const std::string& address);
Result<bool> logout(AppContext& ctx, const std::string& token);
// A signed-in user replaces their password, proving the current one (wrong guesses count as
// failed sign-ins from `address`, under the same throttle). Every session of the account ends,
// this one too: whoever else held a session is out, and the owner signs in with the new one.
Result<bool> change_password(AppContext& ctx, const Principal& who, const std::string& current,
                             const std::string& next, const std::string& address);
// Always succeeds for a well-formed address, so it does not reveal which e-mails exist.
Result<bool> request_password_reset(AppContext& ctx, const std::string& email);
Result<Principal> authenticate(AppContext& ctx, const std::string& token);
// An admin creates an officer of their office; signing roles and admin accounts are refused
// here (see role_grants.hpp). The officer sets a password through the e-mailed link.
Result<UserId> create_officer(AppContext& ctx, const Principal& admin, const OfficerSpec& spec);
// The deployment operator (command line) appoints an office admin.
Result<UserId> operator_add_admin(AppContext& ctx, const std::string& office, const std::string& full_name,
                                     const std::string& email);
// For `satupintu demo` and first set-up: an active account with a password, no e-mail.
Result<UserId> create_active_user(AppContext& ctx, const std::string& office, UserKind kind,
                                     const OfficerSpec& spec, const std::string& password,
                                     const Registration* applicant = nullptr);

}  // namespace sp::service
