#pragma once
// Accounts: users (applicants, officers, admins) and the SOP roles officers hold. Grows as the
// account services move behind the seam (issue 15).
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sp::store {

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
};

}  // namespace sp::store
