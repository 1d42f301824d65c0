// Registration, approval, passwords, sign-in and -out, officers.
#include "http/api.hpp"
#include "http/handler_support.hpp"
#include "http/json_body.hpp"
#include "service/accounts.hpp"
#include "service/officer_care.hpp"
#include "service/office_approvals.hpp"
#include "service/role_grants.hpp"
#include "service/walk_ins.hpp"

namespace sp::http {

namespace {

std::string session_cookie(const RequestContext& ctx, const std::string& value, long long max_age) {
  std::string c = "sp_session=" + value + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age);
  if (ctx.request.tls || ctx.app.settings.secure_cookies) c += "; Secure";
  return c;
}

nlohmann::json me_json(const Catalog& catalog, const service::Principal& p) {
  return {{"id", p.user_id.value},       {"kind", service::user_kind_key(p.kind)}, {"office", p.office},
          {"roles", p.roles},      {"full_name", p.full_name},               {"email", p.email},
          // Serves the office's counter: registers walk-in applicants and acts for them.
          {"counter", service::may_serve_walk_ins(catalog, p, p.office)},
          {"csrf_token", p.via_cookie ? nlohmann::json(p.csrf_token) : nlohmann::json(nullptr)}};
}

HttpResponse register_account(RequestContext& ctx) {
  SP_TRY(j, parse_object(ctx.request.body, {"office", "full_name", "nik", "email", "phone", "profession"},
                         {"office", "full_name", "nik", "email", "phone", "profession"}));
  service::Registration reg;
  for (auto [name, out] : {std::pair{"office", &reg.office}, {"full_name", &reg.full_name}, {"nik", &reg.nik},
                           {"email", &reg.email}, {"phone", &reg.phone}, {"profession", &reg.profession}}) {
    SP_TRY(v, string_field(j, name, true, 300));
    *out = v;
  }
  SP_TRY(id, service::register_applicant(ctx.app, reg));
  (void)id;  // never shown: the answer is the same whether or not the address had an account
  const bool approval = service::approval_required(ctx.app.catalog, reg.office);
  return json_response({{"status", "received"},
                        {"approval_required", approval},
                        {"message", approval ? "Pendaftaran diterima. Periksa e-mail Anda: pemberitahuan dikirim ke "
                                               "alamat itu, dan tautan pembuatan kata sandi menyusul setelah petugas "
                                               "menyetujui."
                                             : "Pendaftaran diterima. Periksa e-mail Anda: tautan untuk membuat kata "
                                               "sandi dan mengaktifkan akun dikirim ke alamat itu."}},
                       202);
}

HttpResponse set_password(RequestContext& ctx) {
  SP_TRY(j, parse_object(ctx.request.body, {"token", "password"}, {"token", "password"}));
  SP_TRY(token, string_field(j, "token", true, 200));
  SP_TRY(password, string_field(j, "password", true, 1000));
  SP_TRY(ok, service::set_password_with_token(ctx.app, token, password));
  (void)ok;
  return json_response({{"status", "password_set"}});
}

HttpResponse change_password(RequestContext& ctx) {
  SP_TRY(j, parse_object(ctx.request.body, {"current_password", "new_password"}, {"current_password", "new_password"}));
  SP_TRY(current, string_field(j, "current_password", true, 1000));
  SP_TRY(next, string_field(j, "new_password", true, 1000));
  SP_TRY(ok, service::change_password(ctx.app, *ctx.principal, current, next,
                                      client_address(ctx.request, ctx.app.settings.trust_forwarded_for)));
  (void)ok;
  // Every session ended with the old password, this one too: the cookie goes with it.
  HttpResponse res = json_response({{"status", "password_changed"}, {"signed_out", true}});
  if (ctx.principal->via_cookie) res.headers.emplace_back("Set-Cookie", session_cookie(ctx, "", 0));
  return res;
}

HttpResponse reset_password(RequestContext& ctx) {
  SP_TRY(j, parse_object(ctx.request.body, {"email"}, {"email"}));
  SP_TRY(email, string_field(j, "email", true, 300));
  SP_TRY(ok, service::request_password_reset(ctx.app, email));
  (void)ok;
  return json_response({{"status", "accepted"},
                        {"message", "Bila e-mail terdaftar, tautan atur ulang kata sandi telah dikirim."}},
                       202);
}

HttpResponse sign_in(RequestContext& ctx) {
  SP_TRY(j, parse_object(ctx.request.body, {"email", "password", "kind"}, {"email", "password"}));
  SP_TRY(email, string_field(j, "email", true, 300));
  SP_TRY(password, string_field(j, "password", true, 1000));
  SP_TRY(kind_text, string_field(j, "kind", false, 10));
  if (!kind_text.empty() && kind_text != "cookie" && kind_text != "bearer")
    return problem_from(field_error("kind", "not_an_option", "cookie or bearer"));
  const auto kind = kind_text == "bearer" ? service::SessionKind::Bearer : service::SessionKind::Cookie;
  SP_TRY(login, service::login(ctx.app, email, password, kind,
                               client_address(ctx.request, ctx.app.settings.trust_forwarded_for)));
  auto who = service::authenticate(ctx.app, login.token);
  if (!who) return problem_from(who.error());
  who->via_cookie = kind == service::SessionKind::Cookie;
  nlohmann::json body{{"user", me_json(ctx.app.catalog, *who)}, {"expires_at", login.expires_at}};
  HttpResponse res;
  if (kind == service::SessionKind::Bearer) {
    body["token"] = login.token;
    res = json_response(body);
  } else {
    res = json_response(body);
    res.headers.emplace_back("Set-Cookie",
                             session_cookie(ctx, login.token, login.expires_at - ctx.app.clock.now().unix_seconds));
  }
  return res;
}

HttpResponse sign_out(RequestContext& ctx) {
  auto cookie = ctx.request.cookie("sp_session");
  auto bearer = ctx.request.bearer_token();
  const std::string token = cookie && ctx.principal->via_cookie ? *cookie : bearer.value_or("");
  SP_TRY(ok, service::logout(ctx.app, token));
  (void)ok;
  HttpResponse res;
  res.status = 204;
  res.content_type.clear();
  res.headers.emplace_back("Set-Cookie", session_cookie(ctx, "", 0));
  return res;
}

HttpResponse list_accounts(RequestContext& ctx) {
  const auto it = ctx.request.query.find("status");
  const std::string status = it == ctx.request.query.end() ? "" : it->second;
  if (!status.empty() && status != "pending" && status != "active" && status != "rejected" && status != "disabled" &&
      status != "unconfirmed")
    return problem_from(field_error("status", "not_an_option", "pending, unconfirmed, active, rejected or disabled"));
  SP_TRY(list, service::list_accounts(ctx.app, *ctx.principal, status));
  nlohmann::json out = nlohmann::json::array();
  for (const auto& a : list)
    out.push_back({{"id", a.id.value}, {"kind", a.kind}, {"full_name", a.full_name}, {"email", a.email}, {"phone", a.phone},
                   {"profession", a.profession}, {"status", a.status}, {"nik", a.nik_masked}, {"roles", a.roles},
                   {"nip", a.kind == "applicant" ? nlohmann::json(nullptr) : nlohmann::json(a.nip)},
                   {"created_at", a.created_at},
                   {"approval_requested_at",
                    a.approval_requested_at ? nlohmann::json(a.approval_requested_at) : nlohmann::json(nullptr)},
                   {"approval_due_at", a.approval_due_at ? nlohmann::json(a.approval_due_at) : nlohmann::json(nullptr)},
                   {"approval_overdue", a.approval_due_at != 0 && a.approval_due_at < ctx.app.clock.now().unix_seconds}});
  return json_response({{"items", out}});
}

HttpResponse decide(RequestContext& ctx) {
  auto id = id_param(ctx, "id");
  if (!id) return problem(404, "not_found", "no such account");
  SP_TRY(j, parse_object(ctx.request.body, {"approve", "note"}, {"approve"}));
  SP_TRY(approve, bool_field(j, "approve", true));
  SP_TRY(note, string_field(j, "note", false, 2000));
  SP_TRY(ok, service::decide_account(ctx.app, *ctx.principal, UserId{*id}, *approve, note));
  (void)ok;
  return json_response({{"id", *id}, {"status", *approve ? "active" : "rejected"}});
}

nlohmann::json standing_json(const service::OfficeStanding& s) {
  const auto or_null = [](long long v) { return v ? nlohmann::json(v) : nlohmann::json(nullptr); };
  return {{"office", s.office},
          {"office_name", s.office_name},
          {"approval_required", s.approval_required},
          {"status", s.status},
          {"requested_at", or_null(s.requested_at)},
          {"decided_at", or_null(s.decided_at)},
          {"note", s.note.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.note)}};
}

HttpResponse my_offices(RequestContext& ctx) {
  SP_TRY(list, service::office_standings(ctx.app, *ctx.principal));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& s : list) items.push_back(standing_json(s));
  return json_response({{"items", items}});
}

HttpResponse request_office_approval(RequestContext& ctx) {
  SP_TRY(j, parse_object(ctx.request.body, {}, {}));
  (void)j;
  SP_TRY(standing, service::request_office_approval(ctx.app, *ctx.principal, ctx.params.at("office")));
  return json_response(standing_json(standing));
}

HttpResponse register_walk_in(RequestContext& ctx) {
  SP_TRY(j, parse_object(ctx.request.body, {"full_name", "nik", "email", "phone", "profession"}, {"full_name", "nik"}));
  service::WalkIn w;
  for (auto [name, out] : {std::pair{"full_name", &w.full_name}, {"nik", &w.nik}, {"email", &w.email},
                           {"phone", &w.phone}, {"profession", &w.profession}}) {
    SP_TRY(v, string_field(j, name, false, 300));
    *out = v;
  }
  SP_TRY(account, service::register_walk_in(ctx.app, *ctx.principal, w));
  return json_response({{"id", account.id.value},
                        {"full_name", account.full_name},
                        {"nik", account.nik_masked},
                        {"email", account.email.empty() ? nlohmann::json(nullptr) : nlohmann::json(account.email)},
                        {"phone", account.phone.empty() ? nlohmann::json(nullptr) : nlohmann::json(account.phone)},
                        {"created", account.created},
                        {"link_mailed", account.link_mailed}},
                       account.created ? 201 : 200);
}

HttpResponse create_officer(RequestContext& ctx) {
  SP_TRY(j, parse_object(ctx.request.body, {"full_name", "email", "roles", "admin"}, {"full_name", "email"}));
  service::OfficerSpec spec;
  SP_TRY(name, string_field(j, "full_name", true, 200));
  SP_TRY(email, string_field(j, "email", true, 300));
  SP_TRY(admin, bool_field(j, "admin", false));
  spec.full_name = name;
  spec.email = email;
  spec.admin = admin.value_or(false);
  SP_TRY(roles, string_list_field(j, "roles", false, 50, 100));
  spec.roles = roles;
  SP_TRY(id, service::create_officer(ctx.app, *ctx.principal, spec));
  return json_response({{"id", id.value}}, 201);
}

HttpResponse set_roles(RequestContext& ctx) {
  auto id = id_param(ctx, "id");
  if (!id) return problem(404, "not_found", "no such officer");
  SP_TRY(j, parse_object(ctx.request.body, {"roles"}, {"roles"}));
  SP_TRY(roles, string_list_field(j, "roles", true, 50, 100));
  SP_TRY(change, service::set_officer_roles(ctx.app, *ctx.principal, UserId{*id}, roles));
  if (change.applied) return json_response({{"id", *id}, {"roles", roles}, {"status", "applied"}});
  return json_response({{"id", *id},
                        {"roles", roles},
                        {"status", "pending"},
                        {"grant_id", change.grant_id},
                        {"message", "Peran penandatangan berlaku setelah disetujui admin kedua kantor ini."}},
                       202);
}

// An admin's care of an officer: out of use, back in use, a password reset, the NIP.
HttpResponse officer_status(RequestContext& ctx, bool active) {
  auto id = id_param(ctx, "id");
  if (!id) return problem(404, "not_found", "no such officer");
  SP_TRY(ok, service::set_officer_active(ctx.app, *ctx.principal, UserId{*id}, active));
  (void)ok;
  return json_response({{"id", *id}, {"status", active ? "active" : "disabled"}});
}

HttpResponse reset_officer_password(RequestContext& ctx) {
  auto id = id_param(ctx, "id");
  if (!id) return problem(404, "not_found", "no such officer");
  SP_TRY(ok, service::reset_officer_password(ctx.app, *ctx.principal, UserId{*id}));
  (void)ok;
  return json_response({{"id", *id}, {"status", "link_sent"}});
}

HttpResponse set_officer_nip(RequestContext& ctx) {
  auto id = id_param(ctx, "id");
  if (!id) return problem(404, "not_found", "no such officer");
  SP_TRY(j, parse_object(ctx.request.body, {"nip"}, {"nip"}));
  // Typed with spaces as it is often printed ("19700101 199503 1 001"); stored as 18 digits.
  SP_TRY(typed, string_field(j, "nip", true, 40));
  std::string nip;
  for (char c : typed)
    if (c != ' ') nip += c;
  SP_TRY(ok, service::set_officer_nip(ctx.app, *ctx.principal, UserId{*id}, nip));
  (void)ok;
  return json_response({{"id", *id}, {"nip", nip}});
}

HttpResponse list_role_grants(RequestContext& ctx) {
  SP_TRY(grants, service::pending_role_grants(ctx.app, *ctx.principal));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& g : grants)
    items.push_back({{"id", g.id}, {"user_id", g.user_id}, {"officer_name", g.officer_name}, {"roles", g.roles},
                     {"requested_by", g.requested_by}, {"requested_by_name", g.requested_by_name},
                     {"requested_at", g.requested_at}});
  return json_response({{"items", items}});
}

HttpResponse approve_role_grant(RequestContext& ctx) {
  auto id = id_param(ctx, "id");
  if (!id) return problem(404, "not_found", "no such role request");
  SP_TRY(j, parse_object(ctx.request.body, {}, {}));
  (void)j;
  SP_TRY(ok, service::approve_role_grant(ctx.app, *ctx.principal, *id));
  (void)ok;
  return json_response({{"id", *id}, {"status", "approved"}});
}

}  // namespace

void add_account_routes(Router& r) {
  r.add("POST", "/api/v1/accounts", Access::Public, register_account);
  r.add("POST", "/api/v1/accounts/password", Access::Public, set_password);
  r.add("POST", "/api/v1/accounts/password-reset", Access::Public, reset_password);
  r.add("POST", "/api/v1/session", Access::Public, sign_in);
  r.add("DELETE", "/api/v1/session", Access::SignedIn, sign_out);
  r.add("POST", "/api/v1/me/password", Access::SignedIn, change_password);
  r.add("GET", "/api/v1/me", Access::SignedIn,
        [](RequestContext& ctx) { return json_response(me_json(ctx.app.catalog, *ctx.principal)); });
  r.add("GET", "/api/v1/me/offices", Access::SignedIn, my_offices);
  r.add("POST", "/api/v1/me/offices/{office}/approval-request", Access::SignedIn, request_office_approval);
  r.add("GET", "/api/v1/office/accounts", Access::SignedIn, list_accounts);
  r.add("POST", "/api/v1/office/accounts/{id}/decision", Access::SignedIn, decide);
  r.add("POST", "/api/v1/office/walk-ins", Access::SignedIn, register_walk_in);
  r.add("POST", "/api/v1/office/officers", Access::SignedIn, create_officer);
  r.add("PUT", "/api/v1/office/officers/{id}/roles", Access::SignedIn, set_roles);
  r.add("POST", "/api/v1/office/officers/{id}/deactivation", Access::SignedIn,
        [](RequestContext& ctx) { return officer_status(ctx, false); });
  r.add("POST", "/api/v1/office/officers/{id}/activation", Access::SignedIn,
        [](RequestContext& ctx) { return officer_status(ctx, true); });
  r.add("POST", "/api/v1/office/officers/{id}/password-reset", Access::SignedIn, reset_officer_password);
  r.add("PUT", "/api/v1/office/officers/{id}/nip", Access::SignedIn, set_officer_nip);
  r.add("GET", "/api/v1/office/role-grants", Access::SignedIn, list_role_grants);
  r.add("POST", "/api/v1/office/role-grants/{id}/approval", Access::SignedIn, approve_role_grant);
}

}  // namespace sp::http
