#include "service/accounts.hpp"

#include <algorithm>

#include "auth/nik.hpp"
#include "core/civil_time.hpp"
#include "core/text.hpp"
#include "forms/field_formats.hpp"
#include "engine/engine.hpp"
#include "auth/secrets.hpp"
#include "service/account_links.hpp"
#include "service/audit_log.hpp"
#include "service/office_approvals.hpp"
#include "service/outbox.hpp"
#include "service/role_grants.hpp"
#include "store/account_repository.hpp"
#include "store/store.hpp"

namespace sp::service {

namespace {

// Mail that anyone can make the server send to an address (registration notices, password
// links), at most this many of a kind per address and hour.
constexpr int kNoticesPerHour = 3;

// A length outside its bounds, with the bounds for a client to say.
Error bad_length(const std::string& field, long long min, long long max) {
  return field_error(field, "length", "give " + std::to_string(min) + " to " + std::to_string(max) + " characters", min,
                     max);
}

Result<bool> check_registration(const Registration& r, const Catalog& catalog) {
  if (!catalog.office(r.office)) return field_error("office", "unknown", "no office with code '" + r.office + "'");
  if (r.full_name.empty() || r.full_name.size() > 200) return bad_length("full_name", 1, 200);
  if (auto nik = auth::check_nik(r.nik); !nik) return field_error("nik", "invalid_nik", nik.error().message);
  if (!forms::plausible_email(r.email)) return field_error("email", "invalid_email", "not an e-mail address");
  if (auto phone = forms::normalize_phone(r.phone); !phone) return field_error("phone", "invalid_phone", phone.error().message);
  if (r.profession.empty() || r.profession.size() > 100) return bad_length("profession", 1, 100);
  return true;
}

Result<UserId> user_id_of(Result<long long> stored) {
  if (!stored) return stored.error();
  return UserId{*stored};
}

}  // namespace

namespace {

std::string local_time_text(AppContext& ctx, const std::string& office, Instant at) {
  const WorkingCalendar* cal = ctx.catalog.calendar(office);
  return format_local_readable(at, cal ? cal->zone() : ZoneOffset{});
}

// An undecided registration created before this instant has expired, freeing its address.
// Derived from created_at wherever it matters, never stored.
long long pending_cutoff(AppContext& ctx, Instant now) {
  return now.unix_seconds - ctx.settings.pending_registration_days * 86400;
}

}  // namespace

bool registration_expired(AppContext& ctx, const store::UserRecord& user, Instant now) {
  return user.status == "pending" && user.created.unix_seconds < pending_cutoff(ctx, now);
}

std::string issue_one_time_token(store::Transaction& tx, AppContext& ctx, long long user_id,
                                 const std::string& purpose) {
  const std::string token = auth::random_token();
  const Instant expires{ctx.clock.now().unix_seconds + ctx.settings.one_time_token_hours * 3600};
  tx.accounts().add_token(auth::sha256_hex(token), user_id, purpose, expires);
  return ctx.settings.public_base_url + "/akun/kata-sandi?token=" + token;
}

void append_applicant_account_event(store::Transaction& tx, const std::string& office, const char* kind,
                                    const char* action, long long user_id, Instant now) {
  AuditEvent e;
  e.office = office;
  e.kind = kind;
  e.actor_id = user_id;
  e.role = "pemohon";
  e.step = 1;
  e.action = action;
  e.at = now;
  e.payload = {{"user_id", user_id}};
  append_event(tx, e);
}

Result<Mail> reset_link_mail(store::Transaction& tx, AppContext& ctx, const store::UserRecord& user) {
  const std::string link = issue_one_time_token(tx, ctx, user.id, "reset_password");
  return ctx.mail.render("reset_kata_sandi", {{"name", user.full_name}, {"link", link},
                                              {"hours", std::to_string(ctx.settings.one_time_token_hours)}});
}

Result<UserId> register_applicant(AppContext& ctx, const Registration& input) {
  Registration r = input;
  r.email = ascii_lower(r.email);
  if (auto ok = check_registration(r, ctx.catalog); !ok) return ok.error();
  r.phone = *forms::normalize_phone(r.phone);  // stored in one form: +62...
  const Instant now = ctx.clock.now();
  const Office* office = ctx.catalog.office(r.office);
  return user_id_of(ctx.store.write([&](store::Transaction& tx) -> Result<long long> {
    auto& accounts = tx.accounts();
    const auto existing = accounts.by_email(r.email);
    if (existing && !registration_expired(ctx, *existing, now) && existing->status != "rejected") {
      // The address has an account (or a registration waiting): nothing changes; its owner
      // learns that someone tried.
      const std::string& status = existing->status;
      const std::string state = status == "pending"  ? "belum aktif (menunggu konfirmasi e-mail atau persetujuan)"
                                : status == "active" ? "aktif"
                                                     : "nonaktif";
      auto mail = ctx.mail.render("pendaftaran_sudah_ada", {{"name", existing->full_name}, {"office", office->name},
                                                            {"when", local_time_text(ctx, r.office, now)},
                                                            {"status", state}});
      if (!mail) return mail.error();
      (void)enqueue_mail_limited(tx, r.email, *mail, now, kNoticesPerHour);
      return 0LL;
    }
    store::NewUser user;
    user.kind = "applicant";
    user.office = r.office;
    user.full_name = r.full_name;
    user.email = r.email;
    user.phone = r.phone;
    user.profession = r.profession;
    user.status = "pending";
    user.nik = r.nik;
    user.created = now;
    long long id = 0;
    if (existing) {
      // An expired or rejected registration of this address is renewed in place.
      id = existing->id;
      accounts.renew_registration(id, user);
    } else {
      id = accounts.insert(user);
    }
    // The NIK's owner, if it already has an account, hears of a registration under it.
    if (const auto owner = accounts.active_by_nik(r.nik)) {
      auto mail = ctx.mail.render("nik_didaftarkan", {{"name", owner->full_name}, {"office", office->name},
                                                      {"when", local_time_text(ctx, r.office, now)}});
      if (!mail) return mail.error();
      (void)enqueue_mail_limited(tx, owner->email, *mail, now, kNoticesPerHour);
    }
    // Where the office's SOP asks for it, its approver decides first and the set-password link
    // follows the approval; elsewhere the link comes now, and using it confirms the address and
    // makes the account active.
    const bool needs_approval = approval_required(ctx.catalog, r.office);
    const std::string standing = needs_approval ? "pending" : "approved";
    if (!accounts.link_office(id, r.office, standing, now)) accounts.set_approval(id, r.office, standing, now, 0, "");
    std::map<std::string, std::string> vars{{"name", r.full_name}, {"office", office->name},
                                            {"days", std::to_string(ctx.settings.pending_registration_days)}};
    if (!needs_approval) {
      vars["link"] = issue_one_time_token(tx, ctx, id, "set_password");
      vars["hours"] = std::to_string(ctx.settings.one_time_token_hours);
    }
    auto mail = ctx.mail.render(needs_approval ? "pendaftaran_diterima" : "pendaftaran_konfirmasi", vars);
    if (!mail) return mail.error();
    (void)enqueue_mail_limited(tx, r.email, *mail, now, kNoticesPerHour);
    append_applicant_account_event(tx, r.office, "account_registered", "registrasi", id, now);
    return id;
  }));
}

Result<std::vector<AccountSummary>> list_accounts(AppContext& ctx, const Principal& who, const std::string& status) {
  if (!may_approve_accounts(ctx.catalog, who, who.office) && who.kind != UserKind::Admin)
    return make_error("forbidden", "only the office admin or an approving officer can list accounts");
  // Registrations past their expiry (see registration_expired()) are not listed as waiting.
  const Instant cutoff{pending_cutoff(ctx, ctx.clock.now())};
  // The approval's time standard: the office's account-approval step (e.g. "1 jam").
  std::optional<TimeLimit> standard;
  for (const auto& sop : ctx.catalog.sops())
    if (sop.office == who.office)
      for (const auto& st : sop.steps)
        if (st.scope == StepScope::Account && st.actor != sop.applicant && !st.time.is_none()) standard = st.time;
  const WorkingCalendar* cal = ctx.catalog.calendar(who.office);
  return ctx.store.read([&](store::Transaction& tx) -> Result<std::vector<AccountSummary>> {
    std::vector<AccountSummary> out;
    for (const auto& listed : tx.accounts().of_office(who.office, status, cutoff)) {
      const store::UserRecord& u = listed.user;
      AccountSummary a;
      a.id = UserId{u.id};
      a.kind = u.kind;
      a.office = u.office;
      a.full_name = u.full_name;
      a.email = u.email;
      a.phone = u.phone;
      a.profession = u.profession;
      a.status = u.status;
      a.nik_masked = u.nik.empty() ? "" : auth::mask_nik(u.nik);
      a.nip = u.nip;
      a.created_at = u.created.unix_seconds;
      a.roles = tx.accounts().roles(u.id);
      if (standard && cal && a.kind == "applicant" && a.status == "pending") {
        a.approval_requested_at = listed.approval_requested.unix_seconds;
        auto due = deadline_for(*standard, *cal, listed.approval_requested);
        if (due && *due) a.approval_due_at = (*due)->unix_seconds;
      }
      out.push_back(std::move(a));
    }
    return out;
  });
}

Result<bool> set_password_with_token(AppContext& ctx, const std::string& token, const std::string& password) {
  if (auto p = auth::password_problem(password); !p.empty()) return field_error("password", "length", p, 10, 256);
  auto hash = auth::hash_password(password);  // slow: outside the transaction
  if (!hash) return hash.error();
  const Instant now = ctx.clock.now();
  return ctx.store.write([&](store::Transaction& tx) -> Result<bool> {
    auto& accounts = tx.accounts();
    const std::string th = auth::sha256_hex(token);
    const auto t = accounts.token(th);
    if (!t || t->used || t->expires < now)
      return make_error("invalid_token", "this link is invalid, already used or expired; ask for a new one");
    const long long user_id = t->user_id;
    const auto user = accounts.find(user_id);
    if (!user) return make_error("invalid_token", "this link is invalid, already used or expired; ask for a new one");
    if (user->status == "pending") {
      // The registration's own link: using it confirms the address, and the account is in use
      // (where the office approves accounts, the link is mailed only once it has).
      const auto standing = accounts.approval(user_id, user->office);
      if (registration_expired(ctx, *user, now) || !standing || standing->status != "approved")
        return make_error("invalid_token", "this link is invalid, already used or expired; ask for a new one");
      if (accounts.claimed_nik_taken(user_id))
        return make_error("conflict", "this NIK already belongs to an active account; sign in with that account, "
                                      "or ask the office to correct the NIK");
      accounts.confirm_nik(user_id);
      accounts.decide(user_id, "active", now, user_id, "");
      append_applicant_account_event(tx, user->office, "account_confirmed", "konfirmasi_email", user_id, now);
    }
    accounts.use_token(th, now);
    accounts.set_password(user_id, *hash);
    // A new password ends every existing session, and lifts the sign-in throttle: the owner
    // proved control of the mailbox.
    accounts.delete_sessions_of(user_id);
    accounts.clear_failures(user->email, std::nullopt);
    ctx.sessions.erase_user(UserId{user_id});
    return true;
  });
}

namespace {

// The wait before another attempt after `failures` recent failures, or 0: none for the first
// `allowed`, then 30 s doubling to the window's length.
long long throttle_seconds(int failures, int allowed, long long window_seconds) {
  if (failures < allowed) return 0;
  const int doublings = std::min(failures - allowed, 20);
  return std::min(window_seconds, 30LL << doublings);
}

// The refusal while a throttle holds: how long to wait, for the message and Retry-After.
Error too_many_attempts(long long wait_seconds, const std::string& what, const std::string& advice) {
  Error e = make_error("too_many_attempts",
                       "too many " + what + "; try again in " + std::to_string(wait_seconds) + " s" + advice);
  e.retry_after_seconds = wait_seconds;
  return e;
}

// A hash to check against when the account does not exist or has no password, so that both
// cost one Argon2id verification like a real account.
const std::string& dummy_password_hash() {
  static const std::string hash = [] {
    auto h = auth::hash_password(auth::random_token());
    return h ? *h : std::string();
  }();
  return hash;
}

}  // namespace

Result<LoginResult> login(AppContext& ctx, const std::string& email_in, const std::string& password,
                          SessionKind kind, const std::string& address) {
  const std::string email = ascii_lower(email_in);
  const Instant now = ctx.clock.now();
  const long long window = ctx.settings.login_failure_window_minutes * 60;
  const long long window_start = now.unix_seconds - window;
  struct Found {
    long long id = 0;
    std::string hash;
    int here = 0, everywhere = 0;
    long long last_here = 0, last_everywhere = 0;
  };
  auto found = ctx.store.read([&](store::Transaction& tx) -> Result<Found> {
    auto& accounts = tx.accounts();
    Found f;
    const auto here = accounts.failures(email, address, Instant{window_start});
    const auto everywhere = accounts.failures(email, std::nullopt, Instant{window_start});
    f.here = here.count;
    f.last_here = here.latest.unix_seconds;
    f.everywhere = everywhere.count;
    f.last_everywhere = everywhere.latest.unix_seconds;
    if (const auto user = accounts.by_email(email); user && user->status == "active") {
      f.id = user->id;
      f.hash = user->password_hash;
    }
    return f;
  });
  if (!found) return found.error();
  // Per address and account: the owner's own address is not slowed by an attacker's failures
  // elsewhere. Per account from everywhere, a far higher bar against guessing from many
  // addresses; the reset link always lets the owner in.
  const int allowed = ctx.settings.login_failures_allowed;
  const long long until = std::max(found->last_here + throttle_seconds(found->here, allowed, window),
                                   found->last_everywhere + throttle_seconds(found->everywhere, allowed * 10, window));
  if (until > now.unix_seconds)
    return too_many_attempts(until - now.unix_seconds, "failed sign-ins", ", or set a new password with the reset link");
  const bool exists = found->id != 0 && !found->hash.empty();
  const bool matches = auth::verify_password(password, exists ? found->hash : dummy_password_hash()) && exists;
  if (!matches) {
    (void)ctx.store.write([&](store::Transaction& tx) -> Result<bool> {
      tx.accounts().add_failure(email, address, now);
      return true;
    });
    return make_error("bad_credentials", "wrong e-mail or password");
  }
  LoginResult out;
  out.token = auth::random_token();
  out.csrf_token = auth::random_token();
  out.user_id = UserId{found->id};
  out.expires_at = now.unix_seconds + (kind == SessionKind::Cookie ? ctx.settings.session_hours * 3600
                                                                   : ctx.settings.bearer_days * 86400);
  auto stored = ctx.store.write([&](store::Transaction& tx) -> Result<bool> {
    tx.accounts().add_session({auth::sha256_hex(out.token), out.user_id.value,
                               kind == SessionKind::Cookie ? "cookie" : "bearer", out.csrf_token, now,
                               Instant{out.expires_at}});
    tx.accounts().clear_failures(email, address);
    return true;
  });
  if (!stored) return stored.error();
  return out;
}

Result<bool> change_password(AppContext& ctx, const Principal& who, const std::string& current,
                             const std::string& next, const std::string& address) {
  if (auto p = auth::password_problem(next); !p.empty()) return field_error("new_password", "length", p, 10, 256);
  if (next == current) return field_error("new_password", "unchanged", "the new password must differ from the current one");
  const Instant now = ctx.clock.now();
  const long long window = ctx.settings.login_failure_window_minutes * 60;
  struct Found {
    std::string email, hash;
    int failures = 0;
    long long last = 0;
  };
  auto found = ctx.store.read([&](store::Transaction& tx) -> Result<Found> {
    const auto user = tx.accounts().find(who.user_id.value);
    if (!user || user->status != "active") return make_error("unauthenticated", "sign in first");
    const auto f = tx.accounts().failures(user->email, address, Instant{now.unix_seconds - window});
    return Found{user->email, user->password_hash, f.count, f.latest.unix_seconds};
  });
  if (!found) return found.error();
  const long long until = found->last + throttle_seconds(found->failures, ctx.settings.login_failures_allowed, window);
  if (until > now.unix_seconds) return too_many_attempts(until - now.unix_seconds, "wrong passwords", "");
  if (found->hash.empty() || !auth::verify_password(current, found->hash)) {
    (void)ctx.store.write([&](store::Transaction& tx) -> Result<bool> {
      tx.accounts().add_failure(found->email, address, now);
      return true;
    });
    return field_error("current_password", "wrong_password", "the current password is not right");
  }
  auto hash = auth::hash_password(next);  // slow: outside the transaction
  if (!hash) return hash.error();
  return ctx.store.write([&](store::Transaction& tx) -> Result<bool> {
    tx.accounts().set_password(who.user_id.value, *hash);
    tx.accounts().delete_sessions_of(who.user_id.value);
    tx.accounts().clear_failures(found->email, address);
    ctx.sessions.erase_user(who.user_id);
    return true;
  });
}

Result<bool> logout(AppContext& ctx, const std::string& token) {
  const std::string th = auth::sha256_hex(token);
  ctx.sessions.erase(th);
  return ctx.store.write([&](store::Transaction& tx) -> Result<bool> {
    tx.accounts().delete_session(th);
    return true;
  });
}

Result<bool> request_password_reset(AppContext& ctx, const std::string& email_in) {
  const std::string email = ascii_lower(email_in);
  if (!forms::plausible_email(email)) return field_error("email", "invalid_email", "not an e-mail address");
  const Instant now = ctx.clock.now();
  return ctx.store.write([&](store::Transaction& tx) -> Result<bool> {
    const auto user = tx.accounts().by_email(email);
    if (!user) return true;
    // A registration waiting only for its address to be confirmed gets its link again (the
    // first mail may be lost); one waiting for an office's approval gets none yet.
    const bool unconfirmed = user->status == "pending" && !registration_expired(ctx, *user, now) && [&] {
      const auto standing = tx.accounts().approval(user->id, user->office);
      return standing && standing->status == "approved";
    }();
    if (user->status != "active" && !unconfirmed) return true;
    auto mail = reset_link_mail(tx, ctx, *user);
    if (!mail) return mail.error();
    // Per account: a few links an hour; the answer stays the same either way.
    (void)enqueue_mail_limited(tx, email, *mail, now, kNoticesPerHour);
    return true;
  });
}

Result<Principal> authenticate(AppContext& ctx, const std::string& token) {
  if (token.empty() || token.size() > 200) return make_error("unauthenticated", "log in first");
  const Instant now = ctx.clock.now();
  const std::string th = auth::sha256_hex(token);
  if (auto cached = ctx.sessions.find(th, now.unix_seconds)) return *cached;
  return ctx.store.read([&](store::Transaction& tx) -> Result<Principal> {
    const auto found = tx.accounts().session(th);
    if (!found || found->session.expires < now)
      return make_error("unauthenticated", "the session is unknown or has expired; log in again");
    const store::UserRecord& u = found->user;
    Principal p;
    p.user_id.value = u.id;
    p.office = u.office;
    p.full_name = u.full_name;
    p.email = u.email;
    p.csrf_token = found->session.csrf_token;
    p.kind = u.kind == "admin" ? UserKind::Admin : u.kind == "officer" ? UserKind::Officer : UserKind::Applicant;
    p.via_cookie = found->session.kind == "cookie";
    p.roles = tx.accounts().roles(p.user_id.value);
    const long long expires = found->session.expires.unix_seconds;
    ctx.sessions.put(th, p, expires, now.unix_seconds);
    return p;
  });
}

Result<UserId> create_active_user(AppContext& ctx, const std::string& office, UserKind kind,
                                     const OfficerSpec& spec, const std::string& password,
                                     const Registration* applicant) {
  auto hash = auth::hash_password(password);
  if (!hash) return hash.error();
  const Instant now = ctx.clock.now();
  return user_id_of(ctx.store.write([&](store::Transaction& tx) -> Result<long long> {
    store::NewUser user;
    user.kind = std::string(user_kind_key(kind));
    user.office = office;
    user.full_name = spec.full_name;
    user.email = ascii_lower(spec.email);
    if (applicant) {
      user.nik = applicant->nik;
      user.phone = applicant->phone;
      user.profession = applicant->profession;
    }
    user.status = "active";
    user.password_hash = *hash;
    user.created = now;
    const long long id = tx.accounts().insert(user);
    if (!spec.roles.empty()) tx.accounts().replace_roles(id, office, spec.roles);
    // A set-up applicant stands approved with its office (the operator vouches for it).
    if (applicant) tx.accounts().link_office(id, office, "approved", now);
    return id;
  }));
}

namespace {

// A staff account of `office`, active with no password yet: the link to set one is mailed.
// `actor`: the admin who created it, or none for the deployment operator.
Result<UserId> insert_staff(AppContext& ctx, const std::string& office, const OfficerSpec& spec,
                               std::optional<long long> actor) {
  if (spec.full_name.empty() || spec.full_name.size() > 200) return bad_length("full_name", 1, 200);
  if (!forms::plausible_email(spec.email)) return field_error("email", "invalid_email", "not an e-mail address");
  const Office* o = ctx.catalog.office(office);
  if (!o) return field_error("office", "unknown", "no office with code '" + office + "'");
  const Instant now = ctx.clock.now();
  return user_id_of(ctx.store.write([&](store::Transaction& tx) -> Result<long long> {
    const std::string email = ascii_lower(spec.email);
    if (tx.accounts().by_email(email)) return make_error("already_registered", "an account with this e-mail already exists");
    const std::string k = spec.admin ? "admin" : "officer";
    store::NewUser user;
    user.kind = k;
    user.office = office;
    user.full_name = spec.full_name;
    user.email = email;
    user.status = "active";
    user.created = now;
    user.decided_by = actor;
    const long long id = tx.accounts().insert(user);
    if (!spec.roles.empty()) tx.accounts().replace_roles(id, office, spec.roles);
    const std::string link = issue_one_time_token(tx, ctx, id, "set_password");
    auto mail = ctx.mail.render("akun_disetujui", {{"name", spec.full_name}, {"office", o->name}, {"link", link},
                                                   {"hours", std::to_string(ctx.settings.one_time_token_hours)}});
    if (!mail) return mail.error();
    enqueue_mail(tx, email, *mail, now);
    AuditEvent e;
    e.office = office;
    e.kind = "officer_created";
    e.actor_id = actor;
    e.action = k;
    e.at = now;
    e.payload = {{"user_id", id}, {"roles", spec.roles}};
    if (!actor) e.payload["by"] = "operator";
    append_event(tx, e);
    return id;
  }));
}

}  // namespace

Result<UserId> create_officer(AppContext& ctx, const Principal& admin, const OfficerSpec& spec) {
  if (admin.kind != UserKind::Admin) return make_error("forbidden", "only an office admin can create officers");
  // An admin approves another admin's requests, so admins are appointed by the deployment
  // operator (`satupintu officer add-admin`), never by an admin.
  if (spec.admin) return make_error("forbidden", "office admins are appointed by the deployment operator");
  if (spec.roles.empty()) return field_error("roles", "required", "give at least one of the office's SOP roles");
  if (auto ok = check_office_roles(ctx.catalog, admin.office, spec.roles); !ok) return ok.error();
  for (const auto& r : signing_roles(ctx.catalog, admin.office))
    if (std::find(spec.roles.begin(), spec.roles.end(), r) != spec.roles.end())
      return field_error("roles", "signing_role", "'" + r + "' signs decisions: create the officer without it, then request it as a "
                              "role change, which a second admin of the office approves");
  return insert_staff(ctx, admin.office, spec, admin.user_id.value);
}

Result<UserId> operator_add_admin(AppContext& ctx, const std::string& office, const std::string& full_name,
                                     const std::string& email) {
  return insert_staff(ctx, office, OfficerSpec{full_name, email, {}, true}, std::nullopt);
}

}  // namespace sp::service
