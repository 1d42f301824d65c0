#pragma once
// One account for every office; each office decides whether to let an applicant apply there.
// Where an office's SOP has account steps (Purwakarta: registration, approval within 1 working
// hour, credentials), its approver decides once per applicant, the first time the applicant
// registers or applies there; elsewhere (Kampar) the standing is approved when made, and the
// account is active once its e-mail is confirmed by the link.
#include <string>
#include <vector>

#include "core/result.hpp"
#include "service/app_context.hpp"
#include "service/principal.hpp"

namespace sp::store {
class Transaction;
}

namespace sp::service {

// Does the office's SOP ask for account approval (a step in account scope done by an officer)?
bool approval_required(const Catalog& catalog, const std::string& office);
// Role codes whose holders may approve accounts in an office (the actors of its account steps,
// else of its first office step).
std::vector<std::string> account_approver_roles(const Catalog& catalog, const std::string& office);
bool may_approve_accounts(const Catalog& catalog, const Principal& p, const std::string& office);

// An applicant's standing with one office, as they see it.
struct OfficeStanding {
  std::string office, office_name;
  bool approval_required = false;
  std::string status;  // pending, approved, rejected
  long long requested_at = 0, decided_at = 0;
  std::string note;  // the reason of a rejection
};

// The applicant's standing with every office they registered at or applied to.
Result<std::vector<OfficeStanding>> office_standings(AppContext& ctx, const Principal& who);
// The applicant asks an office to approve their account (again, after a rejection). Where the
// office needs no approval the standing is approved at once. Errors: forbidden (not an
// applicant), invalid_field (unknown office).
Result<OfficeStanding> request_office_approval(AppContext& ctx, const Principal& who, const std::string& office);
// Inside an application's transaction: the standing an applicant gets with the office the first
// time they apply there (asked for where the office needs approval).
void link_applicant_to_office(store::Transaction& tx, AppContext& ctx, UserId applicant, const std::string& office,
                              Instant now);
// Why the applicant may not yet submit in the office, or nullopt when they may. Errors:
// office_approval_pending, office_approval_rejected.
std::optional<Error> submission_refusal(store::Transaction& tx, AppContext& ctx, UserId applicant,
                                        const std::string& office);

// An approver of `who`'s office decides an applicant's standing there. A registration made at
// this office is thereby approved as an account (its NIK confirmed, a set-password link mailed);
// an account already in use is told it may now apply here. Rejecting needs a reason.
Result<bool> decide_account(AppContext& ctx, const Principal& who, UserId user_id, bool approve,
                            const std::string& note);

}  // namespace sp::service
