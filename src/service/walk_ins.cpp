#include "service/walk_ins.hpp"

#include "auth/nik.hpp"
#include "core/text.hpp"
#include "forms/field_formats.hpp"
#include "service/account_links.hpp"
#include "service/application_record.hpp"
#include "service/audit_log.hpp"
#include "service/outbox.hpp"
#include "store/account_repository.hpp"
#include "store/store.hpp"

namespace sp::service {

bool may_serve_walk_ins(const Catalog& catalog, const Principal& p, const std::string& office) {
  if (p.kind != UserKind::Officer || p.office != office) return false;
  for (const auto& sop : catalog.sops())
    if (sop.office == office)
      for (const auto& code : p.roles)
        if (auto r = sop.role_by_code(code); r && (counter_roles(sop) & role_bit(*r))) return true;
  return false;
}

namespace {

Result<WalkIn> checked(const WalkIn& input) {
  WalkIn w = input;
  w.email = ascii_lower(w.email);
  if (w.full_name.find_first_not_of(' ') == std::string::npos || w.full_name.size() > 200)
    return field_error("full_name", "length", "give 1 to 200 characters", 1, 200);
  if (auto nik = auth::check_nik(w.nik); !nik) return field_error("nik", "invalid_nik", nik.error().message);
  if (!w.email.empty() && !forms::plausible_email(w.email))
    return field_error("email", "invalid_email", "not an e-mail address");
  if (!w.phone.empty()) {
    auto phone = forms::normalize_phone(w.phone);
    if (!phone) return field_error("phone", "invalid_phone", phone.error().message);
    w.phone = *phone;
  }
  if (w.email.empty() && w.phone.empty())
    return field_error("phone", "required", "give an e-mail address or a phone number to reach the applicant");
  if (w.profession.size() > 100) return field_error("profession", "length", "give at most 100 characters", 0, 100);
  return w;
}

std::string counter_role_code(const Catalog& catalog, const Principal& p) {
  for (const auto& sop : catalog.sops())
    if (sop.office == p.office)
      for (const auto& code : p.roles)
        if (auto r = sop.role_by_code(code); r && (counter_roles(sop) & role_bit(*r))) return code;
  return "";
}

}  // namespace

Result<WalkInAccount> register_walk_in(AppContext& ctx, const Principal& officer, const WalkIn& input) {
  const std::string& office = officer.office;
  if (!may_serve_walk_ins(ctx.catalog, officer, office))
    return make_error("forbidden", "only the counter (the SOP's first office step) registers walk-in applicants");
  auto w = checked(input);
  if (!w) return w.error();
  const Instant now = ctx.clock.now();
  const Office* o = ctx.catalog.office(office);
  return ctx.store.write([&](store::Transaction& tx) -> Result<WalkInAccount> {
    auto& accounts = tx.accounts();
    WalkInAccount out;
    if (const auto existing = accounts.active_by_nik(w->nik)) {
      // The same person: their account serves here too. Seen at the counter with their KTP,
      // they stand approved with this office, unless it refused them.
      const auto standing = accounts.approval(existing->id, office);
      if (standing && standing->status == "rejected")
        return make_error("conflict", "this office refused this account (" + standing->note +
                                          "); decide it again on the accounts page first");
      if (!standing) accounts.link_office(existing->id, office, "approved", now);
      if (!standing || standing->status == "pending")
        accounts.set_approval(existing->id, office, "approved", now, officer.user_id.value, "");
      out.id = UserId{existing->id};
      out.full_name = existing->full_name;
      out.email = existing->email;
      out.phone = existing->phone;
    } else {
      if (!w->email.empty() && accounts.by_email(w->email))
        return make_error("conflict", "this e-mail address belongs to another account; leave it out, or use the "
                                      "applicant's own address");
      store::NewUser user;
      user.kind = "applicant";
      user.office = office;
      user.full_name = w->full_name;
      user.email = w->email;
      user.phone = w->phone;
      user.profession = w->profession;
      user.status = "active";
      user.nik = w->nik;
      user.created = now;
      user.decided_by = officer.user_id.value;
      const long long id = accounts.insert(user);
      accounts.link_office(id, office, "approved", now);
      accounts.set_approval(id, office, "approved", now, officer.user_id.value, "");
      if (!w->email.empty()) {
        auto mail = ctx.mail.render("akun_loket", {{"name", w->full_name},
                                                   {"office", o->name},
                                                   {"link", issue_one_time_token(tx, ctx, id, "set_password")},
                                                   {"hours", std::to_string(ctx.settings.one_time_token_hours)}});
        if (!mail) return mail.error();
        enqueue_mail(tx, w->email, *mail, now);
        out.link_mailed = true;
      }
      out.id = UserId{id};
      out.full_name = w->full_name;
      out.email = w->email;
      out.phone = w->phone;
      out.created = true;
    }
    out.nik_masked = auth::mask_nik(w->nik);
    AuditEvent e;
    e.office = office;
    e.kind = "walk_in_registered";
    e.actor_id = officer.user_id.value;
    e.role = counter_role_code(ctx.catalog, officer);
    e.step = 1;
    e.action = "pendaftaran_loket";
    e.at = now;
    e.payload = {{"user_id", out.id.value}, {"for_applicant", out.id.value}, {"created", out.created}};
    append_event(tx, e);
    return out;
  });
}

}  // namespace sp::service
