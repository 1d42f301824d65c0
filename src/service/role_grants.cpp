#include "service/role_grants.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "service/audit_log.hpp"
#include "signing/local_pki.hpp"
#include "store/account_repository.hpp"
#include "store/role_grant_repository.hpp"
#include "store/store.hpp"

namespace sp::service {

namespace {

bool adds_signing_role(const std::vector<std::string>& signing, const std::vector<std::string>& before,
                       const std::vector<std::string>& after) {
  return std::any_of(after.begin(), after.end(), [&](const std::string& r) {
    return std::find(signing.begin(), signing.end(), r) != signing.end() &&
           std::find(before.begin(), before.end(), r) == before.end();
  });
}

// Replaces the roles inside the caller's transaction, with the audit event.
void apply_roles(store::Transaction& tx, const std::string& office, long long user_id,
                 const std::vector<std::string>& roles, long long actor_id, Instant now, nlohmann::json extra) {
  const auto before = tx.accounts().roles(user_id);
  tx.accounts().replace_roles(user_id, office, roles);
  AuditEvent e;
  e.office = office;
  e.kind = "officer_roles_changed";
  if (actor_id) e.actor_id = actor_id;  // none: the deployment operator
  e.action = "officer_roles_changed";
  e.at = now;
  extra["user_id"] = user_id;
  extra["before"] = before;
  extra["roles"] = roles;
  e.payload = std::move(extra);
  append_event(tx, e);
}

// After a signing role is granted: with the development CA (tests, demo) the officer gets a
// certificate in their own name at once; in production the operator installs the one their CA
// issued (`satupintu pki import --user`), and until then their signing steps are refused.
void issue_development_certificate(AppContext& ctx, const std::string& office, long long user_id,
                                   const std::vector<std::string>& roles) {
  const auto signing = signing_roles(ctx.catalog, office);
  const bool signs = std::any_of(roles.begin(), roles.end(), [&](const std::string& r) {
    return std::find(signing.begin(), signing.end(), r) != signing.end();
  });
  if (!signs || !signing::has_development_ca(ctx.settings.pki_dir)) return;
  auto name = ctx.store.read([&](store::Transaction& tx) -> Result<std::string> {
    return tx.accounts().full_name(user_id).value_or("");
  });
  const Office* o = ctx.catalog.office(office);
  if (!name || !o) return;
  auto made = signing::init_local_pki(ctx.settings.pki_dir, {{office, signing::personal_signer(user_id), *name,
                                                               "DPMPTSP " + o->regency, "Pejabat penandatangan"}});
  if (!made) spdlog::error("no development certificate for officer {}: {}", user_id, made.error().message);
}

}  // namespace

std::vector<std::string> signing_roles(const Catalog& catalog, const std::string& office) {
  std::vector<std::string> out;
  for (const auto& sop : catalog.sops())
    if (sop.office == office)
      for (const auto& st : sop.steps)
        if (st.signs && std::find(out.begin(), out.end(), sop.roles[st.actor].code) == out.end())
          out.push_back(sop.roles[st.actor].code);
  return out;
}

Result<bool> check_office_roles(const Catalog& catalog, const std::string& office, const std::vector<std::string>& roles) {
  std::vector<std::string> known;
  for (const auto& sop : catalog.sops())
    if (sop.office == office)
      for (std::size_t i = 0; i < sop.roles.size(); ++i)
        if (i != sop.applicant) known.push_back(sop.roles[i].code);
  for (const auto& r : roles)
    if (std::find(known.begin(), known.end(), r) == known.end())
      return field_error("roles", "unknown", "'" + r + "' is not an officer role of this office's SOPs");
  return true;
}

Result<RoleChange> set_officer_roles(AppContext& ctx, const Principal& admin, UserId officer,
                                     const std::vector<std::string>& roles) {
  const long long user_id = officer.value;
  if (admin.kind != UserKind::Admin) return make_error("forbidden", "only an office admin changes officers' roles");
  if (admin.user_id.value == user_id)
    return make_error("forbidden", "nobody changes their own roles: another admin of the office does");
  if (auto ok = check_office_roles(ctx.catalog, admin.office, roles); !ok) return ok.error();
  const auto signing = signing_roles(ctx.catalog, admin.office);
  const Instant now = ctx.clock.now();
  auto done = ctx.store.write([&](store::Transaction& tx) -> Result<RoleChange> {
    const auto kind = tx.accounts().staff_kind(user_id, admin.office);
    if (!kind) return make_error("not_found", "no officer with this id in your office");
    // An officer without a role could do nothing; an admin may hold none.
    if (roles.empty() && *kind != "admin") return field_error("roles", "required", "an officer keeps at least one role");
    RoleChange change;
    if (!adds_signing_role(signing, tx.accounts().roles(user_id), roles)) {
      apply_roles(tx, admin.office, user_id, roles, admin.user_id.value, now, nlohmann::json::object());
      change.applied = true;
      return change;
    }
    store::RoleGrantRecord grant;
    grant.user_id = user_id;
    grant.office = admin.office;
    grant.roles = roles;
    grant.requested_by = admin.user_id.value;
    grant.requested = now;
    change.grant_id = tx.role_grants().request(grant);
    AuditEvent e;
    e.office = admin.office;
    e.kind = "officer_roles_requested";
    e.actor_id = admin.user_id.value;
    e.action = "officer_roles_requested";
    e.at = now;
    e.payload = {{"user_id", user_id}, {"grant_id", change.grant_id}, {"roles", roles}};
    append_event(tx, e);
    return change;
  });
  // Sessions on this server see the new roles at once; other servers within the cache's 5 s.
  if (done && done->applied) ctx.sessions.erase_user(UserId{user_id});
  return done;
}

Result<std::vector<RoleGrant>> pending_role_grants(AppContext& ctx, const Principal& admin) {
  if (admin.kind != UserKind::Admin) return make_error("forbidden", "only an office admin sees role requests");
  return ctx.store.read([&](store::Transaction& tx) -> Result<std::vector<RoleGrant>> {
    std::vector<RoleGrant> out;
    for (auto& p : tx.role_grants().pending(admin.office))
      out.push_back({p.grant.id, p.grant.user_id, p.grant.requested_by, p.grant.requested.unix_seconds,
                     std::move(p.officer_name), std::move(p.requested_by_name), std::move(p.grant.roles)});
    return out;
  });
}

Result<bool> approve_role_grant(AppContext& ctx, const Principal& admin, long long grant_id) {
  if (admin.kind != UserKind::Admin) return make_error("forbidden", "only an office admin approves role requests");
  const Instant now = ctx.clock.now();
  long long user_id = 0;
  std::vector<std::string> roles;
  auto done = ctx.store.write([&](store::Transaction& tx) -> Result<bool> {
    const auto grant = tx.role_grants().find(grant_id);
    if (!grant || grant->office != admin.office) return make_error("not_found", "no such role request in your office");
    if (grant->status != "pending") return make_error("conflict", "the request was already decided");
    if (grant->requested_by == admin.user_id.value)
      return make_error("forbidden", "a second admin approves the request, not the admin who made it");
    if (grant->user_id == admin.user_id.value) return make_error("forbidden", "nobody approves roles for their own account");
    user_id = grant->user_id;
    roles = grant->roles;
    tx.role_grants().approve(grant_id, admin.user_id.value, now);
    apply_roles(tx, grant->office, user_id, roles, admin.user_id.value, now,
                {{"grant_id", grant_id}, {"requested_by", grant->requested_by}, {"approved_by", admin.user_id.value}});
    return true;
  });
  if (!done) return done;
  ctx.sessions.erase_user(UserId{user_id});
  issue_development_certificate(ctx, admin.office, user_id, roles);
  return true;
}

Result<bool> operator_set_roles(AppContext& ctx, const std::string& office, const std::string& email,
                                const std::vector<std::string>& roles) {
  if (auto ok = check_office_roles(ctx.catalog, office, roles); !ok) return ok.error();
  const Instant now = ctx.clock.now();
  long long user_id = 0;
  auto done = ctx.store.write([&](store::Transaction& tx) -> Result<bool> {
    const auto id = tx.accounts().staff_id_by_email(email, office);
    if (!id) return make_error("not_found", "no officer " + email + " in office " + office);
    user_id = *id;
    // Actor 0: the deployment operator, from the command line.
    apply_roles(tx, office, user_id, roles, 0, now, {{"by", "operator"}});
    return true;
  });
  if (!done) return done;
  ctx.sessions.erase_user(UserId{user_id});
  issue_development_certificate(ctx, office, user_id, roles);
  return true;
}

}  // namespace sp::service
