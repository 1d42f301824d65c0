#include "service/role_grants.hpp"

#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "service/audit_log.hpp"
#include "service/session_bridge.hpp"
#include "signing/local_pki.hpp"
#include "store/database.hpp"
#include "store/row_access.hpp"

namespace sp::service {

std::vector<std::string> roles_of(soci::session& s, long long user_id) {
  std::vector<std::string> roles;
  soci::rowset<std::string> rs = (s.prepare << "SELECT role FROM user_roles WHERE user_id = :u ORDER BY role",
                                  soci::use(user_id));
  for (const auto& r : rs) roles.push_back(r);
  return roles;
}

namespace {

bool adds_signing_role(const std::vector<std::string>& signing, const std::vector<std::string>& before,
                       const std::vector<std::string>& after) {
  return std::any_of(after.begin(), after.end(), [&](const std::string& r) {
    return std::find(signing.begin(), signing.end(), r) != signing.end() &&
           std::find(before.begin(), before.end(), r) == before.end();
  });
}

// Replaces the roles inside the caller's transaction, with the audit event.
void apply_roles(soci::session& s, const std::string& office, long long user_id, const std::vector<std::string>& roles,
                 long long actor_id, Instant now, nlohmann::json extra) {
  const auto before = roles_of(s, user_id);
  s << "DELETE FROM user_roles WHERE user_id = :u", soci::use(user_id);
  for (const auto& r : roles)
    s << "INSERT INTO user_roles (user_id, office, role) VALUES (:u, :o, :r)", soci::use(user_id), soci::use(office),
        soci::use(r);
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
  append_event(s, e);
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
  auto name = ctx.db.read([&](soci::session& s) -> Result<std::string> {
    std::string n;
    s << "SELECT full_name FROM users WHERE id = :u", soci::use(user_id), soci::into(n);
    return n;
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
      return make_error("invalid_field", "roles: '" + r + "' is not an officer role of this office's SOPs");
  return true;
}

Result<RoleChange> set_officer_roles(AppContext& ctx, const Principal& admin, long long user_id,
                                     const std::vector<std::string>& roles) {
  if (admin.kind != UserKind::Admin) return make_error("forbidden", "only an office admin changes officers' roles");
  if (admin.user_id == user_id)
    return make_error("forbidden", "nobody changes their own roles: another admin of the office does");
  if (auto ok = check_office_roles(ctx.catalog, admin.office, roles); !ok) return ok.error();
  const auto signing = signing_roles(ctx.catalog, admin.office);
  const Instant now = ctx.clock.now();
  auto done = ctx.db.write([&](soci::session& s) -> Result<RoleChange> {
    std::string kind;
    s << "SELECT kind FROM users WHERE id = :i AND office = :o AND kind <> 'applicant'", soci::use(user_id),
        soci::use(admin.office), soci::into(kind);
    if (!s.got_data()) return make_error("not_found", "no officer with this id in your office");
    // An officer without a role could do nothing; an admin may hold none.
    if (roles.empty() && kind != "admin") return make_error("invalid_field", "roles: an officer keeps at least one role");
    RoleChange change;
    if (!adds_signing_role(signing, roles_of(s, user_id), roles)) {
      apply_roles(s, admin.office, user_id, roles, admin.user_id, now, nlohmann::json::object());
      change.applied = true;
      return change;
    }
    const std::string list = nlohmann::json(roles).dump();
    const long long t = now.unix_seconds;
    s << "INSERT INTO role_grants (user_id, office, roles, requested_by, requested_at, status) "
         "VALUES (:u, :o, :r, :b, :t, 'pending') RETURNING id",
        soci::use(user_id), soci::use(admin.office), soci::use(list), soci::use(admin.user_id), soci::use(t),
        soci::into(change.grant_id);
    AuditEvent e;
    e.office = admin.office;
    e.kind = "officer_roles_requested";
    e.actor_id = admin.user_id;
    e.action = "officer_roles_requested";
    e.at = now;
    e.payload = {{"user_id", user_id}, {"grant_id", change.grant_id}, {"roles", roles}};
    append_event(s, e);
    return change;
  });
  // Sessions on this server see the new roles at once; other servers within the cache's 5 s.
  if (done && done->applied) ctx.sessions.erase_user(user_id);
  return done;
}

Result<std::vector<RoleGrant>> pending_role_grants(AppContext& ctx, const Principal& admin) {
  if (admin.kind != UserKind::Admin) return make_error("forbidden", "only an office admin sees role requests");
  return ctx.db.read([&](soci::session& s) -> Result<std::vector<RoleGrant>> {
    std::vector<RoleGrant> out;
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT g.id, g.user_id, g.requested_by, g.requested_at, u.full_name, r.full_name, g.roles "
                      "FROM role_grants g JOIN users u ON u.id = g.user_id JOIN users r ON r.id = g.requested_by "
                      "WHERE g.office = :o AND g.status = 'pending' ORDER BY g.id",
         soci::use(admin.office));
    for (const auto& row : rows) {
      RoleGrant g{store::int_at(row, 0), store::int_at(row, 1), store::int_at(row, 2), store::int_at(row, 3),
                  row.get<std::string>(4), row.get<std::string>(5), {}};
      const auto roles = nlohmann::json::parse(row.get<std::string>(6), nullptr, false);
      if (roles.is_array())
        for (const auto& r : roles)
          if (r.is_string()) g.roles.push_back(r.get<std::string>());
      out.push_back(std::move(g));
    }
    return out;
  });
}

Result<bool> approve_role_grant(AppContext& ctx, const Principal& admin, long long grant_id) {
  if (admin.kind != UserKind::Admin) return make_error("forbidden", "only an office admin approves role requests");
  const Instant now = ctx.clock.now();
  long long user_id = 0;
  std::vector<std::string> roles;
  auto done = ctx.db.write([&](soci::session& s) -> Result<bool> {
    long long requested_by = 0;
    std::string office, status, list;
    s << "SELECT user_id, office, requested_by, status, roles FROM role_grants WHERE id = :i", soci::use(grant_id),
        soci::into(user_id), soci::into(office), soci::into(requested_by), soci::into(status), soci::into(list);
    if (!s.got_data() || office != admin.office) return make_error("not_found", "no such role request in your office");
    if (status != "pending") return make_error("conflict", "the request was already decided");
    if (requested_by == admin.user_id)
      return make_error("forbidden", "a second admin approves the request, not the admin who made it");
    if (user_id == admin.user_id) return make_error("forbidden", "nobody approves roles for their own account");
    const auto parsed = nlohmann::json::parse(list, nullptr, false);
    if (parsed.is_array())
      for (const auto& r : parsed)
        if (r.is_string()) roles.push_back(r.get<std::string>());
    const long long t = now.unix_seconds;
    s << "UPDATE role_grants SET status = 'approved', decided_by = :b, decided_at = :t WHERE id = :i",
        soci::use(admin.user_id), soci::use(t), soci::use(grant_id);
    apply_roles(s, office, user_id, roles, admin.user_id, now,
                {{"grant_id", grant_id}, {"requested_by", requested_by}, {"approved_by", admin.user_id}});
    return true;
  });
  if (!done) return done;
  ctx.sessions.erase_user(user_id);
  issue_development_certificate(ctx, admin.office, user_id, roles);
  return true;
}

Result<bool> operator_set_roles(AppContext& ctx, const std::string& office, const std::string& email,
                                const std::vector<std::string>& roles) {
  if (auto ok = check_office_roles(ctx.catalog, office, roles); !ok) return ok.error();
  const Instant now = ctx.clock.now();
  long long user_id = 0;
  auto done = ctx.db.write([&](soci::session& s) -> Result<bool> {
    s << "SELECT id FROM users WHERE email = :e AND office = :o AND kind <> 'applicant'", soci::use(email),
        soci::use(office), soci::into(user_id);
    if (!s.got_data()) return make_error("not_found", "no officer " + email + " in office " + office);
    // Actor 0: the deployment operator, from the command line.
    apply_roles(s, office, user_id, roles, 0, now, {{"by", "operator"}});
    return true;
  });
  if (!done) return done;
  ctx.sessions.erase_user(user_id);
  issue_development_certificate(ctx, office, user_id, roles);
  return true;
}

}  // namespace sp::service
