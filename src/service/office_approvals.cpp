#include "service/office_approvals.hpp"

#include <algorithm>

#include "service/account_links.hpp"
#include "service/audit_log.hpp"
#include "service/outbox.hpp"
#include "store/account_repository.hpp"
#include "store/store.hpp"

namespace sp::service {

bool approval_required(const Catalog& catalog, const std::string& office) {
  for (const auto& sop : catalog.sops()) {
    if (sop.office != office) continue;
    for (const auto& st : sop.steps)
      if (st.scope == StepScope::Account && st.actor != sop.applicant) return true;
  }
  return false;
}

std::vector<std::string> account_approver_roles(const Catalog& catalog, const std::string& office) {
  std::vector<std::string> roles;
  const auto add = [&](const Sop& sop, RoleIndex r) {
    if (std::find(roles.begin(), roles.end(), sop.roles[r].code) == roles.end()) roles.push_back(sop.roles[r].code);
  };
  for (const auto& sop : catalog.sops()) {
    if (sop.office != office) continue;
    bool found = false;
    for (const auto& st : sop.steps)
      if (st.scope == StepScope::Account && st.actor != sop.applicant) add(sop, st.actor), found = true;
    if (!found)
      for (const auto& st : sop.steps)
        if (st.actor != sop.applicant) {
          add(sop, st.actor);
          break;
        }
  }
  return roles;
}

bool may_approve_accounts(const Catalog& catalog, const Principal& p, const std::string& office) {
  if (office.empty() || p.office != office) return false;
  if (p.kind == UserKind::Admin) return true;
  if (p.kind != UserKind::Officer) return false;
  for (const auto& r : account_approver_roles(catalog, office))
    if (p.holds(r)) return true;
  return false;
}

namespace {

OfficeStanding standing_of(const Catalog& catalog, const store::OfficeApproval& a) {
  OfficeStanding s;
  s.office = a.office;
  const Office* o = catalog.office(a.office);
  s.office_name = o ? o->name : a.office;
  s.approval_required = approval_required(catalog, a.office);
  s.status = a.status;
  s.requested_at = a.requested.unix_seconds;
  s.decided_at = a.decided.unix_seconds;
  s.note = a.note;
  return s;
}

// The approval request as the office's audit chain records it: the SOP's account-approval step
// starts (its time standard counts from here).
void append_request_event(store::Transaction& tx, UserId applicant, const std::string& office, Instant now) {
  append_applicant_account_event(tx, office, "office_approval_requested", "permintaan_persetujuan", applicant.value,
                                 now);
}

}  // namespace

Result<std::vector<OfficeStanding>> office_standings(AppContext& ctx, const Principal& who) {
  if (who.kind != UserKind::Applicant) return make_error("forbidden", "only applicants have a standing with offices");
  return ctx.store.read([&](store::Transaction& tx) -> Result<std::vector<OfficeStanding>> {
    std::vector<OfficeStanding> out;
    for (const auto& a : tx.accounts().approvals_of(who.user_id.value))
      if (ctx.catalog.office(a.office)) out.push_back(standing_of(ctx.catalog, a));
    return out;
  });
}

Result<OfficeStanding> request_office_approval(AppContext& ctx, const Principal& who, const std::string& office) {
  if (who.kind != UserKind::Applicant) return make_error("forbidden", "only applicants ask an office to approve them");
  if (!ctx.catalog.office(office)) return field_error("office", "unknown", "no office with code '" + office + "'");
  const Instant now = ctx.clock.now();
  const bool required = approval_required(ctx.catalog, office);
  return ctx.store.write([&](store::Transaction& tx) -> Result<OfficeStanding> {
    auto& accounts = tx.accounts();
    const auto current = accounts.approval(who.user_id.value, office);
    if (!current) {
      accounts.link_office(who.user_id.value, office, required ? "pending" : "approved", now);
      if (required) append_request_event(tx, who.user_id, office, now);
    } else if (current->status == "rejected") {
      // Asked again, e.g. after correcting what the office named; where the office no longer
      // asks for approval, the rules approve it.
      if (required) {
        accounts.set_approval(who.user_id.value, office, "pending", now, 0, "");
        append_request_event(tx, who.user_id, office, now);
      } else {
        accounts.set_approval(who.user_id.value, office, "approved", now, 0, "");
      }
    }
    return standing_of(ctx.catalog, *accounts.approval(who.user_id.value, office));
  });
}

void link_applicant_to_office(store::Transaction& tx, AppContext& ctx, UserId applicant, const std::string& office,
                              Instant now) {
  const bool required = approval_required(ctx.catalog, office);
  if (tx.accounts().link_office(applicant.value, office, required ? "pending" : "approved", now) && required)
    append_request_event(tx, applicant, office, now);
}

std::optional<Error> submission_refusal(store::Transaction& tx, AppContext& ctx, UserId applicant,
                                        const std::string& office) {
  if (!approval_required(ctx.catalog, office)) return std::nullopt;
  const auto a = tx.accounts().approval(applicant.value, office);
  if (a && a->status == "approved") return std::nullopt;
  const Office* o = ctx.catalog.office(office);
  const std::string name = o ? o->name : office;
  if (a && a->status == "rejected")
    return make_error("office_approval_rejected", name + " did not approve your account (" + a->note +
                                                     "); correct what it names and ask again from your home page");
  if (!a)
    return make_error("office_approval_pending",
                      name + " approves accounts before files are submitted there; ask for it from your home page");
  return make_error("office_approval_pending",
                    "your account awaits approval by " + name + "; the file can be submitted once it is approved");
}

Result<bool> decide_account(AppContext& ctx, const Principal& who, UserId account, bool approve,
                            const std::string& note) {
  const long long user_id = account.value;
  if (!approve && note.find_first_not_of(" \t\r\n") == std::string::npos)
    return make_error("note_required", "rejecting an account needs a reason");
  const std::string& office = who.office;
  if (!may_approve_accounts(ctx.catalog, who, office))
    return make_error("forbidden", "only an approving officer of the office can decide accounts");
  const Instant now = ctx.clock.now();
  return ctx.store.write([&](store::Transaction& tx) -> Result<bool> {
    auto& accounts = tx.accounts();
    const auto user = accounts.find(user_id);
    const auto standing = user && user->kind == "applicant" ? accounts.approval(user_id, office) : std::nullopt;
    if (!standing) return make_error("not_found", "no such applicant account in this office");
    // A registration not yet in use is approved as an account; one in use is let in here.
    const bool registration = user->status == "pending";
    if (registration && registration_expired(ctx, *user, now))
      return make_error("conflict", "the registration expired before it was decided");
    if (standing->status != "pending")
      return make_error("conflict", "the account was already decided here (" + standing->status + ")");
    if (!registration && user->status != "active")
      return make_error("conflict", "the account is not in use (" + user->status + ")");
    if (registration) {
      if (approve) {
        // The NIK becomes the account's only now: one active account per NIK.
        if (accounts.claimed_nik_taken(user_id))
          return make_error("conflict", "this NIK already belongs to an active account; reject the registration, "
                                        "giving that as the reason");
        accounts.confirm_nik(user_id);
      }
      accounts.decide(user_id, approve ? "active" : "rejected", now, who.user_id.value, note);
    }
    accounts.set_approval(user_id, office, approve ? "approved" : "rejected", now, who.user_id.value, note);
    const Office* o = ctx.catalog.office(office);
    std::map<std::string, std::string> vars{{"name", user->full_name}, {"office", o->name}};
    std::string template_name;
    if (registration && approve) {
      template_name = "akun_disetujui";
      vars["link"] = issue_one_time_token(tx, ctx, user_id, "set_password");
      vars["hours"] = std::to_string(ctx.settings.one_time_token_hours);
    } else if (registration) {
      template_name = "akun_ditolak";
      vars["reason"] = note;
    } else {
      template_name = approve ? "akses_kantor_disetujui" : "akses_kantor_ditolak";
      vars["reason"] = note;
    }
    auto mail = ctx.mail.render(template_name, vars);
    if (!mail) return mail.error();
    enqueue_mail(tx, user->email, *mail, now);
    AuditEvent e;
    e.office = office;
    e.kind = approve ? "account_approved" : "account_rejected";
    e.actor_id = who.user_id.value;
    e.step = 2;
    e.action = approve ? "disetujui" : "ditolak";
    e.note = note;
    e.at = now;
    e.payload = {{"user_id", user_id}, {"registration", registration}};
    append_event(tx, e);
    return true;
  });
}

}  // namespace sp::service
