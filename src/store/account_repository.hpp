#pragma once
// Accounts: users (applicants, officers, admins), the SOP roles officers hold, sessions, one-time
// links and failed sign-ins.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/records.hpp"

namespace sp::store {

// An applicant's standing with one office: `pending` while the office decides (where its SOP has
// account steps), `approved`, or `rejected` with the reason.
struct OfficeApproval {
  std::string office, status;
  Instant requested;
  Instant decided;  // zero while pending
  std::string note;
};

// An account as an office lists it, with when it asked the office for approval (applicants).
struct ListedAccount {
  UserRecord user;
  Instant approval_requested;
};

class AccountRepository {
 public:
  virtual ~AccountRepository() = default;
  // The roles a user holds now, sorted.
  virtual std::vector<std::string> roles(long long user_id) = 0;
  // Replaces every role of the user with `roles` (in `office`).
  virtual void replace_roles(long long user_id, const std::string& office, const std::vector<std::string>& roles) = 0;
  // "officer" or "admin" for a staff account of `office`; nullopt for anyone else.
  virtual std::optional<std::string> staff_kind(long long user_id, const std::string& office) = 0;
  // The id of the staff account with this e-mail in `office`.
  virtual std::optional<long long> staff_id_by_email(const std::string& email, const std::string& office) = 0;
  virtual std::optional<std::string> full_name(long long user_id) = 0;
  // Active accounts holding `role` in `office`, by id: (id, full name).
  virtual std::vector<std::pair<long long, std::string>> active_holders(const std::string& office,
                                                                        const std::string& role) = 0;
  // Is there an account whose e-mail ends with `suffix` (e.g. the demo's ".demo")?
  virtual bool any_email_ending(const std::string& suffix) = 0;

  // Users. E-mail addresses are stored in lower case.
  virtual std::optional<UserRecord> find(long long user_id) = 0;
  virtual std::optional<UserRecord> by_email(const std::string& email) = 0;
  // The active account that holds this NIK.
  virtual std::optional<UserRecord> active_by_nik(const std::string& nik) = 0;
  // Inserts an account and returns its id.
  virtual long long insert(const NewUser& user) = 0;
  // Starts an expired or rejected registration again, in place, as pending with `user`'s facts.
  virtual void renew_registration(long long user_id, const NewUser& user) = 0;
  // The accounts of an office (with `status`, or any when empty), leaving out registrations
  // created before `pending_cutoff` and still pending; `nik` is the confirmed or claimed one.
  // Staff are the office's own; applicants are those with a standing there, listed as `pending`
  // (the office decides), `rejected`, `unconfirmed` (approved, e-mail not yet confirmed),
  // `active` or `disabled`.
  virtual std::vector<ListedAccount> of_office(const std::string& office, const std::string& status,
                                               Instant pending_cutoff) = 0;

  // An applicant's standing with an office, and with every office.
  virtual std::optional<OfficeApproval> approval(long long user_id, const std::string& office) = 0;
  virtual std::vector<OfficeApproval> approvals_of(long long user_id) = 0;
  // Records a standing with `status` unless one exists; true when it was made now.
  virtual bool link_office(long long user_id, const std::string& office, const std::string& status, Instant at) = 0;
  // Asks again (`pending`, from `at`) or decides (`by` the officer, 0: by the rules).
  virtual void set_approval(long long user_id, const std::string& office, const std::string& status, Instant at,
                            long long by, const std::string& note) = 0;
  // Does an active account hold the NIK this registration claims?
  virtual bool claimed_nik_taken(long long user_id) = 0;
  // The claimed NIK becomes the account's.
  virtual void confirm_nik(long long user_id) = 0;
  virtual void decide(long long user_id, const std::string& status, Instant at, long long by,
                      const std::string& note) = 0;
  // Sets the password of an active account.
  virtual void set_password(long long user_id, const std::string& hash) = 0;
  // An officer's account put out of use (`disabled`) or back in use (`active`).
  virtual void set_status(long long user_id, const std::string& status) = 0;
  // An officer's NIP (empty: none recorded).
  virtual void set_nip(long long user_id, const std::string& nip) = 0;
  virtual std::string nip(long long user_id) = 0;

  // One-time links, by the hash of their token.
  virtual void add_token(const std::string& token_hash, long long user_id, const std::string& purpose,
                         Instant expires) = 0;
  virtual std::optional<OneTimeToken> token(const std::string& token_hash) = 0;
  virtual void use_token(const std::string& token_hash, Instant at) = 0;

  // Sessions, by the hash of their token.
  virtual void add_session(const SessionRecord& s) = 0;
  // The session with the active account behind it.
  virtual std::optional<SessionAccount> session(const std::string& token_hash) = 0;
  virtual void delete_session(const std::string& token_hash) = 0;
  virtual void delete_sessions_of(long long user_id) = 0;

  // Failed sign-ins of an e-mail address since `since`: from `address`, or (nullopt) anywhere.
  virtual FailureCount failures(const std::string& email, const std::optional<std::string>& address,
                                Instant since) = 0;
  virtual void add_failure(const std::string& email, const std::string& address, Instant at) = 0;
  // Forgets the failures of an e-mail address: from `address`, or (nullopt) all.
  virtual void clear_failures(const std::string& email, const std::optional<std::string>& address) = 0;
};

}  // namespace sp::store
