#pragma once
// One-time links by e-mail, shared by the account services (registration, approvals, resets).
// Internal to service/: the link's token is stored only as its hash.
#include <string>

#include "service/app_context.hpp"
#include "service/mail_templates.hpp"
#include "store/records.hpp"

namespace sp::store {
class Transaction;
}

namespace sp::service {

// Issues a one-time token for the user (`set_password` or `reset_password`) and returns the
// link to e-mail.
std::string issue_one_time_token(store::Transaction& tx, AppContext& ctx, long long user_id,
                                 const std::string& purpose);
// Has an undecided (pending) registration run past Settings::pending_registration_days? It then
// no longer counts: its address and NIK are free again.
bool registration_expired(AppContext& ctx, const store::UserRecord& user, Instant now);
// An applicant's own account event (registered, confirmed, asked an office for approval) in the
// office's audit chain: by the applicant, at the SOP's account step 1.
void append_applicant_account_event(store::Transaction& tx, const std::string& office, const char* kind,
                                    const char* action, long long user_id, Instant now);
// The password-reset mail with a fresh one-time link.
Result<Mail> reset_link_mail(store::Transaction& tx, AppContext& ctx, const store::UserRecord& user);

}  // namespace sp::service
