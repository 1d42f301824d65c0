#include "service/accounts.hpp"

#include <soci/soci.h>

#include <algorithm>

#include "auth/nik.hpp"
#include "engine/engine.hpp"
#include "auth/secrets.hpp"
#include "service/audit_log.hpp"
#include "service/outbox.hpp"
#include "service/role_grants.hpp"
#include "service/session_bridge.hpp"
#include "store/database.hpp"
#include "store/row_access.hpp"

namespace sp::service {

namespace {

// Mail that anyone can make the server send to an address (registration notices, password
// links), at most this many of a kind per address and hour.
constexpr int kNoticesPerHour = 3;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

Error invalid(const std::string& field, const std::string& message) {
  return make_error("invalid_field", field + ": " + message);
}

Result<bool> check_registration(const Registration& r, const Catalog& catalog) {
  if (!catalog.office(r.office)) return invalid("office", "no office with code '" + r.office + "'");
  if (r.full_name.empty() || r.full_name.size() > 200) return invalid("full_name", "give 1 to 200 characters");
  if (auto nik = auth::check_nik(r.nik); !nik) return invalid("nik", nik.error().message);
  if (!plausible_email(r.email)) return invalid("email", "not an e-mail address");
  const bool phone_ok = r.phone.size() >= 8 && r.phone.size() <= 16 &&
                        std::all_of(r.phone.begin() + (r.phone[0] == '+' ? 1 : 0), r.phone.end(),
                                    [](char c) { return c >= '0' && c <= '9'; });
  if (!phone_ok) return invalid("phone", "give 8 to 15 digits, optionally starting with +");
  if (r.profession.empty() || r.profession.size() > 100) return invalid("profession", "give 1 to 100 characters");
  return true;
}

// Issues a one-time token for the user and returns the link to e-mail.
std::string issue_one_time_token(soci::session& s, AppContext& ctx, long long user_id, const std::string& purpose) {
  const std::string token = auth::random_token();
  const std::string hash = auth::sha256_hex(token);
  const long long expires = ctx.clock.now().unix_seconds + ctx.settings.one_time_token_hours * 3600;
  s << "INSERT INTO one_time_tokens (token_hash, user_id, purpose, expires_at) VALUES (:h, :u, :p, :e)",
      soci::use(hash), soci::use(user_id), soci::use(purpose), soci::use(expires);
  return ctx.settings.public_base_url + "/akun/kata-sandi?token=" + token;
}

bool may_approve_accounts(const Catalog& catalog, const Principal& p, const std::string& office) {
  if (p.office != office) return false;
  if (p.kind == UserKind::Admin) return true;
  if (p.kind != UserKind::Officer) return false;
  for (const auto& r : account_approver_roles(catalog, office))
    if (p.holds(r)) return true;
  return false;
}

}  // namespace

bool plausible_email(const std::string& e) {
  const auto at = e.find('@');
  if (e.size() > 254 || at == std::string::npos || at == 0 || e.find('@', at + 1) != std::string::npos) return false;
  const std::string domain = e.substr(at + 1);
  if (domain.find('.') == std::string::npos || domain.front() == '.' || domain.back() == '.') return false;
  return std::none_of(e.begin(), e.end(), [](unsigned char c) { return c <= ' ' || c == 127; });
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

bool expired(AppContext& ctx, const std::string& status, long long created_at, Instant now) {
  return status == "pending" && created_at < pending_cutoff(ctx, now);
}

}  // namespace

Result<long long> register_applicant(AppContext& ctx, const Registration& input) {
  Registration r = input;
  r.email = lower(r.email);
  if (auto ok = check_registration(r, ctx.catalog); !ok) return ok.error();
  const Instant now = ctx.clock.now();
  const Office* office = ctx.catalog.office(r.office);
  return ctx.db->write([&](soci::session& s) -> Result<long long> {
    const long long t = now.unix_seconds;
    long long id = 0, created = 0;
    std::string status, name;
    s << "SELECT id, status, full_name, created_at FROM users WHERE email = :e", soci::use(r.email), soci::into(id),
        soci::into(status), soci::into(name), soci::into(created);
    if (s.got_data() && !expired(ctx, status, created, now) && status != "rejected") {
      // The address has an account (or a registration waiting): nothing changes; its owner
      // learns that someone tried.
      const std::string state = status == "pending" ? "masih menunggu persetujuan" : status == "active" ? "aktif" : "nonaktif";
      auto mail = ctx.mail.render("pendaftaran_sudah_ada", {{"name", name}, {"office", office->name},
                                                            {"when", local_time_text(ctx, r.office, now)},
                                                            {"status", state}});
      if (!mail) return mail.error();
      (void)enqueue_mail_limited(s, r.email, *mail, now, kNoticesPerHour);
      return 0LL;
    }
    if (s.got_data()) {
      // An expired or rejected registration of this address is renewed in place.
      s << "UPDATE users SET office = :o, full_name = :f, claimed_nik = :n, nik = NULL, phone = :p, profession = :pr, "
           "status = 'pending', created_at = :t, decided_at = NULL, decided_by = NULL, decision_note = NULL "
           "WHERE id = :id",
          soci::use(r.office), soci::use(r.full_name), soci::use(r.nik), soci::use(r.phone), soci::use(r.profession),
          soci::use(t), soci::use(id);
    } else {
      s << "INSERT INTO users (kind, office, full_name, claimed_nik, email, phone, profession, status, created_at) "
           "VALUES ('applicant', :o, :f, :n, :e, :p, :pr, 'pending', :t) RETURNING id",
          soci::use(r.office), soci::use(r.full_name), soci::use(r.nik), soci::use(r.email), soci::use(r.phone),
          soci::use(r.profession), soci::use(t), soci::into(id);
    }
    // The NIK's owner, if it already has an account, hears of a registration under it.
    std::string owner_email, owner_name;
    s << "SELECT email, full_name FROM users WHERE nik = :n AND status = 'active'", soci::use(r.nik),
        soci::into(owner_email), soci::into(owner_name);
    if (s.got_data()) {
      auto mail = ctx.mail.render("nik_didaftarkan", {{"name", owner_name}, {"office", office->name},
                                                      {"when", local_time_text(ctx, r.office, now)}});
      if (!mail) return mail.error();
      (void)enqueue_mail_limited(s, owner_email, *mail, now, kNoticesPerHour);
    }
    auto mail = ctx.mail.render("pendaftaran_diterima", {{"name", r.full_name}, {"office", office->name},
                                                         {"days", std::to_string(ctx.settings.pending_registration_days)}});
    if (!mail) return mail.error();
    (void)enqueue_mail_limited(s, r.email, *mail, now, kNoticesPerHour);
    AuditEvent e;
    e.office = r.office;
    e.kind = "account_registered";
    e.actor_id = id;
    e.role = "pemohon";
    e.step = 1;
    e.action = "registrasi";
    e.at = now;
    e.payload = {{"user_id", id}};
    append_event(s, e);
    return id;
  });
}

Result<std::vector<AccountSummary>> list_accounts(AppContext& ctx, const Principal& who, const std::string& status) {
  if (!may_approve_accounts(ctx.catalog, who, who.office) && who.kind != UserKind::Admin)
    return make_error("forbidden", "only the office admin or an approving officer can list accounts");
  // Registrations past their expiry (see expired()) are not listed as waiting.
  const long long cutoff = pending_cutoff(ctx, ctx.clock.now());
  return ctx.db->read([&](soci::session& s) -> Result<std::vector<AccountSummary>> {
    std::vector<AccountSummary> out;
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT id, kind, office, full_name, email, phone, profession, status, COALESCE(nik, claimed_nik), "
                      "created_at FROM users WHERE office = :o AND (:st = '' OR status = :st2) "
                      "AND NOT (status = 'pending' AND created_at < :cutoff) ORDER BY id",
         soci::use(who.office), soci::use(status), soci::use(status), soci::use(cutoff));
    for (const auto& row : rows) {
      AccountSummary a;
      a.id = store::int_at(row, 0);
      a.kind = row.get<std::string>(1);
      a.office = store::text_at(row, 2, "");
      a.full_name = row.get<std::string>(3);
      a.email = row.get<std::string>(4);
      a.phone = store::text_at(row, 5, "");
      a.profession = store::text_at(row, 6, "");
      a.status = row.get<std::string>(7);
      a.nik_masked = !store::is_null(row, 8) ? auth::mask_nik(row.get<std::string>(8)) : "";
      a.created_at = store::int_at(row, 9);
      out.push_back(a);
    }
    for (auto& a : out) a.roles = roles_of(s, a.id);
    // The approval's time standard: the office's account-approval step (e.g. "1 jam").
    std::optional<TimeLimit> standard;
    for (const auto& sop : ctx.catalog.sops())
      if (sop.office == who.office)
        for (const auto& st : sop.steps)
          if (st.scope == StepScope::Account && st.actor != sop.applicant && !st.time.is_none()) standard = st.time;
    const WorkingCalendar* cal = ctx.catalog.calendar(who.office);
    if (standard && cal)
      for (auto& a : out) {
        if (a.status != "pending" || a.kind != "applicant") continue;
        auto due = deadline_for(*standard, *cal, Instant{a.created_at});
        if (due && *due) a.approval_due_at = (*due)->unix_seconds;
      }
    return out;
  });
}

Result<bool> decide_account(AppContext& ctx, const Principal& who, long long user_id, bool approve,
                            const std::string& note) {
  if (!approve && note.find_first_not_of(" \t\r\n") == std::string::npos)
    return make_error("note_required", "rejecting an account needs a reason");
  const Instant now = ctx.clock.now();
  return ctx.db->write([&](soci::session& s) -> Result<bool> {
    std::string office, status, kind, name, email;
    soci::indicator office_ind = soci::i_null;
    long long created = 0;
    s << "SELECT office, status, kind, full_name, email, created_at FROM users WHERE id = :id", soci::use(user_id),
        soci::into(office, office_ind), soci::into(status), soci::into(kind), soci::into(name), soci::into(email),
        soci::into(created);
    if (!s.got_data() || kind != "applicant") return make_error("not_found", "no such applicant account");
    if (office_ind != soci::i_ok || !may_approve_accounts(ctx.catalog, who, office))
      return make_error("forbidden", "only an approving officer of the office can decide this account");
    if (expired(ctx, status, created, now))
      return make_error("conflict", "the registration expired before it was decided");
    if (status != "pending") return make_error("conflict", "the account was already decided (" + status + ")");
    const std::string next = approve ? "active" : "rejected";
    const long long t = now.unix_seconds;
    if (approve) {
      // The NIK becomes the account's only now: one active account per NIK.
      int held = 0;
      s << "SELECT COUNT(*) FROM users WHERE nik = (SELECT claimed_nik FROM users WHERE id = :id) AND status = 'active'",
          soci::use(user_id), soci::into(held);
      if (held > 0)
        return make_error("conflict", "this NIK already belongs to an active account; reject the registration, "
                                      "giving that as the reason");
      s << "UPDATE users SET nik = claimed_nik WHERE id = :id", soci::use(user_id);
    }
    s << "UPDATE users SET status = :s, decided_at = :t, decided_by = :b, decision_note = :n WHERE id = :id",
        soci::use(next), soci::use(t), soci::use(who.user_id), soci::use(note), soci::use(user_id);
    const Office* o = ctx.catalog.office(office);
    Result<Mail> mail = make_error("");
    if (approve) {
      const std::string link = issue_one_time_token(s, ctx, user_id, "set_password");
      mail = ctx.mail.render("akun_disetujui", {{"name", name}, {"office", o->name}, {"link", link},
                                                {"hours", std::to_string(ctx.settings.one_time_token_hours)}});
    } else {
      mail = ctx.mail.render("akun_ditolak", {{"name", name}, {"office", o->name}, {"reason", note}});
    }
    if (!mail) return mail.error();
    enqueue_mail(s, email, *mail, now);
    AuditEvent e;
    e.office = office;
    e.kind = approve ? "account_approved" : "account_rejected";
    e.actor_id = who.user_id;
    e.step = 2;
    e.action = approve ? "disetujui" : "ditolak";
    e.note = note;
    e.at = now;
    e.payload = {{"user_id", user_id}};
    append_event(s, e);
    return true;
  });
}

Result<bool> set_password_with_token(AppContext& ctx, const std::string& token, const std::string& password) {
  if (auto p = auth::password_problem(password); !p.empty()) return invalid("password", p);
  auto hash = auth::hash_password(password);  // slow: outside the transaction
  if (!hash) return hash.error();
  const Instant now = ctx.clock.now();
  return ctx.db->write([&](soci::session& s) -> Result<bool> {
    const std::string th = auth::sha256_hex(token);
    long long user_id = 0, expires = 0, used = 0;
    soci::indicator used_ind = soci::i_null;
    s << "SELECT user_id, expires_at, used_at FROM one_time_tokens WHERE token_hash = :h", soci::use(th),
        soci::into(user_id), soci::into(expires), soci::into(used, used_ind);
    if (!s.got_data() || used_ind == soci::i_ok || expires < now.unix_seconds)
      return make_error("invalid_token", "this link is invalid, already used or expired; ask for a new one");
    const long long t = now.unix_seconds;
    s << "UPDATE one_time_tokens SET used_at = :t WHERE token_hash = :h", soci::use(t), soci::use(th);
    s << "UPDATE users SET password_hash = :p WHERE id = :u AND status = 'active'", soci::use(*hash),
        soci::use(user_id);
    // A new password ends every existing session, and lifts the sign-in throttle: the owner
    // proved control of the mailbox.
    s << "DELETE FROM sessions WHERE user_id = :u", soci::use(user_id);
    s << "DELETE FROM login_failures WHERE email = (SELECT email FROM users WHERE id = :u)", soci::use(user_id);
    ctx.sessions.erase_user(user_id);
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
  const std::string email = lower(email_in);
  const Instant now = ctx.clock.now();
  const long long window = ctx.settings.login_failure_window_minutes * 60;
  const long long window_start = now.unix_seconds - window;
  struct Found {
    long long id = 0;
    std::string hash;
    int here = 0, everywhere = 0;
    long long last_here = 0, last_everywhere = 0;
  };
  auto found = ctx.db->read([&](soci::session& s) -> Result<Found> {
    Found f;
    soci::indicator li = soci::i_null, la = soci::i_null;
    s << "SELECT COUNT(*), MAX(at) FROM login_failures WHERE email = :e AND address = :a AND at >= :w",
        soci::use(email), soci::use(address), soci::use(window_start), soci::into(f.here), soci::into(f.last_here, li);
    s << "SELECT COUNT(*), MAX(at) FROM login_failures WHERE email = :e AND at >= :w", soci::use(email),
        soci::use(window_start), soci::into(f.everywhere), soci::into(f.last_everywhere, la);
    soci::indicator ind = soci::i_null;
    s << "SELECT id, password_hash FROM users WHERE email = :e AND status = 'active'", soci::use(email),
        soci::into(f.id), soci::into(f.hash, ind);
    if (ind != soci::i_ok) f.hash.clear();
    return f;
  });
  if (!found) return found.error();
  // Per address and account: the owner's own address is not slowed by an attacker's failures
  // elsewhere. Per account from everywhere, a far higher bar against guessing from many
  // addresses; the reset link always lets the owner in.
  const int allowed = ctx.settings.login_failures_allowed;
  const long long until = std::max(found->last_here + throttle_seconds(found->here, allowed, window),
                                   found->last_everywhere + throttle_seconds(found->everywhere, allowed * 10, window));
  if (until > now.unix_seconds) {
    Error e = make_error("too_many_attempts", "too many failed sign-ins; try again in " +
                                                  std::to_string(until - now.unix_seconds) +
                                                  " s, or set a new password with the reset link");
    e.retry_after_seconds = until - now.unix_seconds;
    return e;
  }
  const bool exists = found->id != 0 && !found->hash.empty();
  const bool matches = auth::verify_password(password, exists ? found->hash : dummy_password_hash()) && exists;
  if (!matches) {
    (void)ctx.db->write([&](soci::session& s) -> Result<bool> {
      const long long t = now.unix_seconds;
      s << "INSERT INTO login_failures (email, address, at) VALUES (:e, :a, :t)", soci::use(email), soci::use(address),
          soci::use(t);
      return true;
    });
    return make_error("bad_credentials", "wrong e-mail or password");
  }
  LoginResult out;
  out.token = auth::random_token();
  out.csrf_token = auth::random_token();
  out.user_id = found->id;
  out.expires_at = now.unix_seconds + (kind == SessionKind::Cookie ? ctx.settings.session_hours * 3600
                                                                   : ctx.settings.bearer_days * 86400);
  auto stored = ctx.db->write([&](soci::session& s) -> Result<bool> {
    const std::string th = auth::sha256_hex(out.token);
    const std::string k = kind == SessionKind::Cookie ? "cookie" : "bearer";
    const long long t = now.unix_seconds;
    s << "INSERT INTO sessions (token_hash, user_id, kind, csrf_token, created_at, expires_at) "
         "VALUES (:h, :u, :k, :c, :t, :e)",
        soci::use(th), soci::use(out.user_id), soci::use(k), soci::use(out.csrf_token), soci::use(t),
        soci::use(out.expires_at);
    s << "DELETE FROM login_failures WHERE email = :e AND address = :a", soci::use(email), soci::use(address);
    return true;
  });
  if (!stored) return stored.error();
  return out;
}

Result<bool> logout(AppContext& ctx, const std::string& token) {
  const std::string th = auth::sha256_hex(token);
  ctx.sessions.erase(th);
  return ctx.db->write([&](soci::session& s) -> Result<bool> {
    s << "DELETE FROM sessions WHERE token_hash = :h", soci::use(th);
    return true;
  });
}

Result<bool> request_password_reset(AppContext& ctx, const std::string& email_in) {
  const std::string email = lower(email_in);
  if (!plausible_email(email)) return invalid("email", "not an e-mail address");
  const Instant now = ctx.clock.now();
  return ctx.db->write([&](soci::session& s) -> Result<bool> {
    long long id = 0;
    std::string name;
    s << "SELECT id, full_name FROM users WHERE email = :e AND status = 'active'", soci::use(email), soci::into(id),
        soci::into(name);
    if (!s.got_data()) return true;
    const std::string link = issue_one_time_token(s, ctx, id, "reset_password");
    auto mail = ctx.mail.render("reset_kata_sandi", {{"name", name}, {"link", link},
                                                     {"hours", std::to_string(ctx.settings.one_time_token_hours)}});
    if (!mail) return mail.error();
    // Per account: a few links an hour; the answer stays the same either way.
    (void)enqueue_mail_limited(s, email, *mail, now, kNoticesPerHour);
    return true;
  });
}

Result<Principal> authenticate(AppContext& ctx, const std::string& token) {
  if (token.empty() || token.size() > 200) return make_error("unauthenticated", "log in first");
  const Instant now = ctx.clock.now();
  const std::string th = auth::sha256_hex(token);
  if (auto cached = ctx.sessions.find(th, now.unix_seconds)) return *cached;
  return ctx.db->read([&](soci::session& s) -> Result<Principal> {
    Principal p;
    std::string kind, k;
    soci::indicator office_ind = soci::i_null;
    long long expires = 0;
    s << "SELECT u.id, u.kind, u.office, u.full_name, u.email, se.csrf_token, se.kind, se.expires_at "
         "FROM sessions se JOIN users u ON u.id = se.user_id WHERE se.token_hash = :h AND u.status = 'active'",
        soci::use(th), soci::into(p.user_id), soci::into(kind), soci::into(p.office, office_ind),
        soci::into(p.full_name), soci::into(p.email), soci::into(p.csrf_token), soci::into(k), soci::into(expires);
    if (!s.got_data() || expires < now.unix_seconds)
      return make_error("unauthenticated", "the session is unknown or has expired; log in again");
    if (office_ind != soci::i_ok) p.office.clear();
    p.kind = kind == "admin" ? UserKind::Admin : kind == "officer" ? UserKind::Officer : UserKind::Applicant;
    p.via_cookie = k == "cookie";
    p.roles = roles_of(s, p.user_id);
    ctx.sessions.put(th, p, expires, now.unix_seconds);
    return p;
  });
}

Result<long long> create_active_user(AppContext& ctx, const std::string& office, UserKind kind,
                                     const OfficerSpec& spec, const std::string& password,
                                     const Registration* applicant) {
  auto hash = auth::hash_password(password);
  if (!hash) return hash.error();
  const Instant now = ctx.clock.now();
  return ctx.db->write([&](soci::session& s) -> Result<long long> {
    long long id = 0;
    const std::string k(user_kind_key(kind));
    const std::string email = lower(spec.email);
    const long long t = now.unix_seconds;
    std::string nik = applicant ? applicant->nik : "", phone = applicant ? applicant->phone : "",
                prof = applicant ? applicant->profession : "";
    soci::indicator nik_ind = applicant ? soci::i_ok : soci::i_null;
    s << "INSERT INTO users (kind, office, full_name, nik, email, phone, profession, status, password_hash, "
         "created_at) VALUES (:k, :o, :f, :n, :e, :p, :pr, 'active', :h, :t) RETURNING id",
        soci::use(k), soci::use(office), soci::use(spec.full_name), soci::use(nik, nik_ind), soci::use(email),
        soci::use(phone), soci::use(prof), soci::use(*hash), soci::use(t), soci::into(id);
    for (const auto& r : spec.roles)
      s << "INSERT INTO user_roles (user_id, office, role) VALUES (:u, :o, :r)", soci::use(id), soci::use(office),
          soci::use(r);
    return id;
  });
}


namespace {

// A staff account of `office`, active with no password yet: the link to set one is mailed.
// `actor`: the admin who created it, or none for the deployment operator.
Result<long long> insert_staff(AppContext& ctx, const std::string& office, const OfficerSpec& spec,
                               std::optional<long long> actor) {
  if (spec.full_name.empty() || spec.full_name.size() > 200) return invalid("full_name", "give 1 to 200 characters");
  if (!plausible_email(spec.email)) return invalid("email", "not an e-mail address");
  const Office* o = ctx.catalog.office(office);
  if (!o) return invalid("office", "no office with code '" + office + "'");
  const Instant now = ctx.clock.now();
  return ctx.db->write([&](soci::session& s) -> Result<long long> {
    const std::string email = lower(spec.email);
    int taken = 0;
    s << "SELECT COUNT(*) FROM users WHERE email = :e", soci::use(email), soci::into(taken);
    if (taken > 0) return make_error("already_registered", "an account with this e-mail already exists");
    long long id = 0;
    const std::string k = spec.admin ? "admin" : "officer";
    const long long t = now.unix_seconds;
    soci::indicator by_ind = actor ? soci::i_ok : soci::i_null;
    const long long by = actor.value_or(0);
    s << "INSERT INTO users (kind, office, full_name, email, status, created_at, decided_at, decided_by) "
         "VALUES (:k, :o, :f, :e, 'active', :t, :t2, :b) RETURNING id",
        soci::use(k), soci::use(office), soci::use(spec.full_name), soci::use(email), soci::use(t), soci::use(t),
        soci::use(by, by_ind), soci::into(id);
    for (const auto& r : spec.roles)
      s << "INSERT INTO user_roles (user_id, office, role) VALUES (:u, :o, :r)", soci::use(id), soci::use(office),
          soci::use(r);
    const std::string link = issue_one_time_token(s, ctx, id, "set_password");
    auto mail = ctx.mail.render("akun_disetujui", {{"name", spec.full_name}, {"office", o->name}, {"link", link},
                                                   {"hours", std::to_string(ctx.settings.one_time_token_hours)}});
    if (!mail) return mail.error();
    enqueue_mail(s, email, *mail, now);
    AuditEvent e;
    e.office = office;
    e.kind = "officer_created";
    e.actor_id = actor;
    e.action = k;
    e.at = now;
    e.payload = {{"user_id", id}, {"roles", spec.roles}};
    if (!actor) e.payload["by"] = "operator";
    append_event(s, e);
    return id;
  });
}

}  // namespace

Result<long long> create_officer(AppContext& ctx, const Principal& admin, const OfficerSpec& spec) {
  if (admin.kind != UserKind::Admin) return make_error("forbidden", "only an office admin can create officers");
  // An admin approves another admin's requests, so admins are appointed by the deployment
  // operator (`satupintu officer add-admin`), never by an admin.
  if (spec.admin) return make_error("forbidden", "office admins are appointed by the deployment operator");
  if (spec.roles.empty()) return invalid("roles", "give at least one of the office's SOP roles");
  if (auto ok = check_office_roles(ctx.catalog, admin.office, spec.roles); !ok) return ok.error();
  for (const auto& r : signing_roles(ctx.catalog, admin.office))
    if (std::find(spec.roles.begin(), spec.roles.end(), r) != spec.roles.end())
      return invalid("roles", "'" + r + "' signs decisions: create the officer without it, then request it as a "
                              "role change, which a second admin of the office approves");
  return insert_staff(ctx, admin.office, spec, admin.user_id);
}

Result<long long> operator_add_admin(AppContext& ctx, const std::string& office, const std::string& full_name,
                                     const std::string& email) {
  return insert_staff(ctx, office, OfficerSpec{full_name, email, {}, true}, std::nullopt);
}

}  // namespace sp::service
