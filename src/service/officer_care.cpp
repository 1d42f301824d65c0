#include "service/officer_care.hpp"

#include <algorithm>

#include "core/civil_time.hpp"
#include "service/account_links.hpp"
#include "service/audit_log.hpp"
#include "service/outbox.hpp"
#include "store/account_repository.hpp"
#include "store/store.hpp"

namespace sp::service {

std::string nip_problem(const std::string& nip) {
  if (nip.size() != 18 || !std::all_of(nip.begin(), nip.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return "a NIP is 18 digits";
  const auto num = [&](std::size_t at, std::size_t n) { return std::stoi(nip.substr(at, n)); };
  if (!is_valid_date(num(0, 4), num(4, 2), num(6, 2)) || num(0, 4) < 1900)
    return "a NIP starts with the officer's birth date (YYYYMMDD)";
  if (num(12, 2) < 1 || num(12, 2) > 12 || num(8, 4) < num(0, 4))
    return "digits 9 to 14 of a NIP are the month of appointment (YYYYMM)";
  if (nip[14] != '1' && nip[14] != '2') return "digit 15 of a NIP is 1 or 2";
  return "";
}

namespace {

// The officer of the admin's office that `officer` names, for the admin to look after.
Result<store::UserRecord> officer_in_care(store::Transaction& tx, const Principal& admin, UserId officer) {
  if (admin.kind != UserKind::Admin) return make_error("forbidden", "only an office admin looks after officers");
  auto user = tx.accounts().find(officer.value);
  if (!user || user->office != admin.office || (user->kind != "officer" && user->kind != "admin"))
    return make_error("not_found", "no such officer in your office");
  if (user->id == admin.user_id.value) return make_error("forbidden", "an admin does not change their own account here");
  if (user->kind == "admin") return make_error("forbidden", "office admins are looked after by the deployment operator");
  return *user;
}

void officer_event(store::Transaction& tx, const Principal& admin, const char* kind, long long user_id, Instant now,
                   nlohmann::json payload = nlohmann::json::object()) {
  AuditEvent e = admin_event(admin.office, admin.user_id.value, kind, now);
  payload["user_id"] = user_id;
  e.payload = std::move(payload);
  append_event(tx, e);
}

}  // namespace

Result<bool> set_officer_active(AppContext& ctx, const Principal& admin, UserId officer, bool active) {
  const Instant now = ctx.clock.now();
  return ctx.store.write([&](store::Transaction& tx) -> Result<bool> {
    auto user = officer_in_care(tx, admin, officer);
    if (!user) return user.error();
    const std::string want = active ? "active" : "disabled";
    if (user->status == want) return true;  // already so: nothing to record
    if (user->status != "active" && user->status != "disabled")
      return make_error("conflict", "the account is " + user->status + ", not in use or out of use");
    tx.accounts().set_status(user->id, want);
    if (!active) {
      // Out of use at once: no session of the account is honoured from now on.
      tx.accounts().delete_sessions_of(user->id);
      ctx.sessions.erase_user(officer);
    }
    officer_event(tx, admin, active ? "officer_reactivated" : "officer_deactivated", user->id, now);
    return true;
  });
}

Result<bool> reset_officer_password(AppContext& ctx, const Principal& admin, UserId officer) {
  const Instant now = ctx.clock.now();
  return ctx.store.write([&](store::Transaction& tx) -> Result<bool> {
    auto user = officer_in_care(tx, admin, officer);
    if (!user) return user.error();
    if (user->status != "active")
      return make_error("conflict", "the account is out of use; put it back in use before resetting its password");
    // A reset is for a lost or exposed password: the old one stops working at once.
    tx.accounts().set_password(user->id, "");
    tx.accounts().delete_sessions_of(user->id);
    ctx.sessions.erase_user(officer);
    auto mail = reset_link_mail(tx, ctx, *user);
    if (!mail) return mail.error();
    enqueue_mail(tx, user->email, *mail, now);
    officer_event(tx, admin, "officer_password_reset", user->id, now);
    return true;
  });
}

Result<bool> set_officer_nip(AppContext& ctx, const Principal& admin, UserId officer, const std::string& nip) {
  if (!nip.empty())
    if (auto p = nip_problem(nip); !p.empty()) return field_error("nip", "invalid_nip", p);
  const Instant now = ctx.clock.now();
  return ctx.store.write([&](store::Transaction& tx) -> Result<bool> {
    auto user = officer_in_care(tx, admin, officer);
    if (!user) return user.error();
    tx.accounts().set_nip(user->id, nip);
    officer_event(tx, admin, "officer_nip_recorded", user->id, now, {{"nip", nip}});
    return true;
  });
}

}  // namespace sp::service
