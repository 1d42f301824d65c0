#include "store/sql/row_access.hpp"
#include "store/sql/sql_repositories.hpp"

namespace sp::store {

std::vector<std::string> SqlAccountRepository::roles(long long user_id) {
  std::vector<std::string> out;
  soci::rowset<std::string> rs = (s_.prepare << "SELECT role FROM user_roles WHERE user_id = :u ORDER BY role",
                                  soci::use(user_id));
  for (const auto& r : rs) out.push_back(r);
  return out;
}

void SqlAccountRepository::replace_roles(long long user_id, const std::string& office,
                                         const std::vector<std::string>& roles) {
  s_ << "DELETE FROM user_roles WHERE user_id = :u", soci::use(user_id);
  for (const auto& r : roles)
    s_ << "INSERT INTO user_roles (user_id, office, role) VALUES (:u, :o, :r)", soci::use(user_id), soci::use(office),
        soci::use(r);
}

std::optional<std::string> SqlAccountRepository::staff_kind(long long user_id, const std::string& office) {
  std::string kind;
  s_ << "SELECT kind FROM users WHERE id = :i AND office = :o AND kind <> 'applicant'", soci::use(user_id),
      soci::use(office), soci::into(kind);
  if (!s_.got_data()) return std::nullopt;
  return kind;
}

std::optional<long long> SqlAccountRepository::staff_id_by_email(const std::string& email, const std::string& office) {
  long long id = 0;
  s_ << "SELECT id FROM users WHERE email = :e AND office = :o AND kind <> 'applicant'", soci::use(email),
      soci::use(office), soci::into(id);
  if (!s_.got_data()) return std::nullopt;
  return id;
}

std::optional<std::string> SqlAccountRepository::full_name(long long user_id) {
  std::string name;
  s_ << "SELECT full_name FROM users WHERE id = :u", soci::use(user_id), soci::into(name);
  if (!s_.got_data()) return std::nullopt;
  return name;
}

std::vector<std::pair<long long, std::string>> SqlAccountRepository::active_holders(const std::string& office,
                                                                                   const std::string& role) {
  std::vector<std::pair<long long, std::string>> out;
  soci::rowset<soci::row> rows =
      (s_.prepare << "SELECT u.id, u.full_name FROM users u JOIN user_roles r ON r.user_id = u.id "
                     "WHERE r.office = :o AND r.role = :r AND u.status = 'active' ORDER BY u.id",
       soci::use(office), soci::use(role));
  for (const auto& row : rows) out.emplace_back(int_at(row, 0), text_at(row, 1));
  return out;
}

bool SqlAccountRepository::any_email_ending(const std::string& suffix) {
  // LIKE treats % and _ in the suffix as wildcards; the callers' suffixes have none.
  const std::string pattern = "%" + suffix;
  int n = 0;
  s_ << "SELECT COUNT(*) FROM users WHERE email LIKE :p", soci::use(pattern), soci::into(n);
  return n > 0;
}

}  // namespace sp::store

namespace sp::store {

namespace {

const char* kUserColumns =
    "id, kind, office, full_name, email, phone, profession, status, nik, password_hash, created_at";

UserRecord user_of(const soci::row& row, std::size_t i = 0) {
  UserRecord u;
  u.id = int_at(row, i + 0);
  u.kind = text_at(row, i + 1);
  u.office = text_at(row, i + 2);
  u.full_name = text_at(row, i + 3);
  u.email = email_of(text_at(row, i + 4));
  u.phone = text_at(row, i + 5);
  u.profession = text_at(row, i + 6);
  u.status = text_at(row, i + 7);
  u.nik = text_at(row, i + 8);
  u.password_hash = text_at(row, i + 9);
  u.created = Instant{int_at(row, i + 10)};
  return u;
}

// The user matching `where` with its one placeholder bound to `value`.
template <class V>
std::optional<UserRecord> one_user(soci::session& s, const std::string& where, const V& value) {
  soci::rowset<soci::row> rows =
      (s.prepare << std::string("SELECT ") + kUserColumns + " FROM users WHERE " + where, soci::use(value));
  for (const auto& row : rows) return user_of(row);
  return std::nullopt;
}

soci::indicator null_if_empty(const std::string& v) { return v.empty() ? soci::i_null : soci::i_ok; }

}  // namespace

std::optional<UserRecord> SqlAccountRepository::find(long long user_id) { return one_user(s_, "id = :i", user_id); }

std::optional<UserRecord> SqlAccountRepository::by_email(const std::string& email) {
  return one_user(s_, "email = :e", email);
}

std::optional<UserRecord> SqlAccountRepository::active_by_nik(const std::string& nik) {
  return one_user(s_, "nik = :n AND status = 'active'", nik);
}

long long SqlAccountRepository::insert(const NewUser& u) {
  // A pending registration only claims its NIK; the NIK becomes the account's on approval.
  const bool claim = u.status == "pending";
  const std::string nik = claim ? std::string() : u.nik, claimed = claim ? u.nik : std::string();
  soci::indicator nik_ind = null_if_empty(nik), claimed_ind = null_if_empty(claimed),
                  office_ind = null_if_empty(u.office), phone_ind = null_if_empty(u.phone),
                  prof_ind = null_if_empty(u.profession), hash_ind = null_if_empty(u.password_hash);
  // Staff are active from the start: decided when created (by the admin who created them).
  const bool decided = u.kind != "applicant";
  const long long t = u.created.unix_seconds, by = u.decided_by.value_or(0);
  soci::indicator decided_ind = decided ? soci::i_ok : soci::i_null,
                  by_ind = u.decided_by ? soci::i_ok : soci::i_null;
  const std::string email = stored_email(u.email, u.nik);
  long long id = 0;
  s_ << "INSERT INTO users (kind, office, full_name, nik, claimed_nik, email, phone, profession, status, "
        "password_hash, created_at, decided_at, decided_by) VALUES (:k, :o, :f, :n, :cn, :e, :p, :pr, :s, :h, :t, "
        ":dt, :db) RETURNING id",
      soci::use(u.kind), soci::use(u.office, office_ind), soci::use(u.full_name), soci::use(nik, nik_ind),
      soci::use(claimed, claimed_ind), soci::use(email), soci::use(u.phone, phone_ind),
      soci::use(u.profession, prof_ind), soci::use(u.status), soci::use(u.password_hash, hash_ind), soci::use(t),
      soci::use(t, decided_ind), soci::use(by, by_ind), soci::into(id);
  return id;
}

void SqlAccountRepository::renew_registration(long long user_id, const NewUser& u) {
  const long long t = u.created.unix_seconds;
  s_ << "UPDATE users SET office = :o, full_name = :f, claimed_nik = :n, nik = NULL, phone = :p, profession = :pr, "
        "status = 'pending', created_at = :t, decided_at = NULL, decided_by = NULL, decision_note = NULL "
        "WHERE id = :id",
      soci::use(u.office), soci::use(u.full_name), soci::use(u.nik), soci::use(u.phone), soci::use(u.profession),
      soci::use(t), soci::use(user_id);
}

std::vector<ListedAccount> SqlAccountRepository::of_office(const std::string& office, const std::string& status,
                                                           Instant pending_cutoff) {
  std::vector<ListedAccount> out;
  const long long cutoff = pending_cutoff.unix_seconds;
  // Staff by their office; applicants by their standing there, the two statuses read as one.
  soci::rowset<soci::row> rows =
      (s_.prepare << "SELECT * FROM ("
                     "SELECT id, kind, office, full_name, email, phone, profession, status AS listed, "
                     "COALESCE(nik, claimed_nik) AS nik, created_at, nip, 0 AS requested_at "
                     "FROM users WHERE office = :o AND kind <> 'applicant' "
                     "UNION ALL "
                     "SELECT u.id, u.kind, u.office, u.full_name, u.email, u.phone, u.profession, "
                     "CASE WHEN u.status = 'disabled' THEN 'disabled' WHEN a.status <> 'approved' THEN a.status "
                     "WHEN u.status = 'pending' THEN 'unconfirmed' ELSE u.status END, "
                     "COALESCE(u.nik, u.claimed_nik), u.created_at, u.nip, a.requested_at "
                     "FROM office_approvals a JOIN users u ON u.id = a.user_id WHERE a.office = :o2 "
                     "AND NOT (u.status = 'pending' AND u.created_at < :cutoff)"
                     ") listed WHERE (:st = '' OR listed = :st2) ORDER BY id",
       soci::use(office), soci::use(office), soci::use(cutoff), soci::use(status), soci::use(status));
  for (const auto& row : rows) {
    ListedAccount a;
    a.user.id = int_at(row, 0);
    a.user.kind = text_at(row, 1);
    a.user.office = text_at(row, 2);
    a.user.full_name = text_at(row, 3);
    a.user.email = email_of(text_at(row, 4));
    a.user.phone = text_at(row, 5);
    a.user.profession = text_at(row, 6);
    a.user.status = text_at(row, 7);
    a.user.nik = text_at(row, 8);
    a.user.created = Instant{int_at(row, 9)};
    a.user.nip = text_at(row, 10);
    a.approval_requested = Instant{int_at(row, 11)};
    out.push_back(std::move(a));
  }
  return out;
}

namespace {

OfficeApproval approval_of(const soci::row& row) {
  OfficeApproval a;
  a.office = text_at(row, 0);
  a.status = text_at(row, 1);
  a.requested = Instant{int_at(row, 2)};
  a.decided = Instant{int_at(row, 3)};
  a.note = text_at(row, 4);
  return a;
}

constexpr const char* kApprovalColumns = "SELECT office, status, requested_at, COALESCE(decided_at, 0), note "
                                         "FROM office_approvals WHERE user_id = :u";

}  // namespace

std::optional<OfficeApproval> SqlAccountRepository::approval(long long user_id, const std::string& office) {
  soci::rowset<soci::row> rows =
      (s_.prepare << std::string(kApprovalColumns) + " AND office = :o", soci::use(user_id), soci::use(office));
  for (const auto& row : rows) return approval_of(row);
  return std::nullopt;
}

std::vector<OfficeApproval> SqlAccountRepository::approvals_of(long long user_id) {
  std::vector<OfficeApproval> out;
  soci::rowset<soci::row> rows = (s_.prepare << std::string(kApprovalColumns) + " ORDER BY requested_at, office",
                                  soci::use(user_id));
  for (const auto& row : rows) out.push_back(approval_of(row));
  return out;
}

bool SqlAccountRepository::link_office(long long user_id, const std::string& office, const std::string& status,
                                       Instant at) {
  const long long t = at.unix_seconds;
  // Decided at once when approved by the rules (no account steps in the office's SOP).
  soci::indicator decided = status == "approved" ? soci::i_ok : soci::i_null;
  soci::statement st = (s_.prepare << "INSERT INTO office_approvals (user_id, office, status, requested_at, decided_at) "
                                      "VALUES (:u, :o, :s, :t, :d) ON CONFLICT (user_id, office) DO NOTHING",
                        soci::use(user_id), soci::use(office), soci::use(status), soci::use(t), soci::use(t, decided));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

void SqlAccountRepository::set_approval(long long user_id, const std::string& office, const std::string& status,
                                        Instant at, long long by, const std::string& note) {
  const long long t = at.unix_seconds;
  soci::indicator by_ind = by ? soci::i_ok : soci::i_null, note_ind = null_if_empty(note);
  if (status == "pending") {
    s_ << "UPDATE office_approvals SET status = 'pending', requested_at = :t, decided_at = NULL, decided_by = NULL, "
          "note = NULL WHERE user_id = :u AND office = :o",
        soci::use(t), soci::use(user_id), soci::use(office);
    return;
  }
  s_ << "UPDATE office_approvals SET status = :s, decided_at = :t, decided_by = :b, note = :n "
        "WHERE user_id = :u AND office = :o",
      soci::use(status), soci::use(t), soci::use(by, by_ind), soci::use(note, note_ind), soci::use(user_id),
      soci::use(office);
}

bool SqlAccountRepository::claimed_nik_taken(long long user_id) {
  int held = 0;
  s_ << "SELECT COUNT(*) FROM users WHERE nik = (SELECT claimed_nik FROM users WHERE id = :id) AND status = 'active'",
      soci::use(user_id), soci::into(held);
  return held > 0;
}

void SqlAccountRepository::confirm_nik(long long user_id) {
  s_ << "UPDATE users SET nik = claimed_nik WHERE id = :id", soci::use(user_id);
}

void SqlAccountRepository::decide(long long user_id, const std::string& status, Instant at, long long by,
                                  const std::string& note) {
  const long long t = at.unix_seconds;
  s_ << "UPDATE users SET status = :s, decided_at = :t, decided_by = :b, decision_note = :n WHERE id = :id",
      soci::use(status), soci::use(t), soci::use(by), soci::use(note), soci::use(user_id);
}

void SqlAccountRepository::set_password(long long user_id, const std::string& hash) {
  s_ << "UPDATE users SET password_hash = :p WHERE id = :u AND status = 'active'", soci::use(hash), soci::use(user_id);
}

void SqlAccountRepository::set_status(long long user_id, const std::string& status) {
  s_ << "UPDATE users SET status = :s WHERE id = :u", soci::use(status), soci::use(user_id);
}

void SqlAccountRepository::set_nip(long long user_id, const std::string& nip) {
  soci::indicator ind = null_if_empty(nip);
  s_ << "UPDATE users SET nip = :n WHERE id = :u", soci::use(nip, ind), soci::use(user_id);
}

std::string SqlAccountRepository::nip(long long user_id) {
  std::string out;
  soci::indicator ind = soci::i_null;
  s_ << "SELECT nip FROM users WHERE id = :u", soci::use(user_id), soci::into(out, ind);
  return ind == soci::i_ok ? out : std::string();
}

void SqlAccountRepository::add_token(const std::string& token_hash, long long user_id, const std::string& purpose,
                                     Instant expires) {
  const long long e = expires.unix_seconds;
  s_ << "INSERT INTO one_time_tokens (token_hash, user_id, purpose, expires_at) VALUES (:h, :u, :p, :e)",
      soci::use(token_hash), soci::use(user_id), soci::use(purpose), soci::use(e);
}

std::optional<OneTimeToken> SqlAccountRepository::token(const std::string& token_hash) {
  long long user_id = 0, expires = 0, used = 0;
  soci::indicator used_ind = soci::i_null;
  s_ << "SELECT user_id, expires_at, used_at FROM one_time_tokens WHERE token_hash = :h", soci::use(token_hash),
      soci::into(user_id), soci::into(expires), soci::into(used, used_ind);
  if (!s_.got_data()) return std::nullopt;
  return OneTimeToken{user_id, Instant{expires}, used_ind == soci::i_ok};
}

void SqlAccountRepository::use_token(const std::string& token_hash, Instant at) {
  const long long t = at.unix_seconds;
  s_ << "UPDATE one_time_tokens SET used_at = :t WHERE token_hash = :h", soci::use(t), soci::use(token_hash);
}

void SqlAccountRepository::add_session(const SessionRecord& se) {
  const long long t = se.created.unix_seconds, e = se.expires.unix_seconds;
  s_ << "INSERT INTO sessions (token_hash, user_id, kind, csrf_token, created_at, expires_at) "
        "VALUES (:h, :u, :k, :c, :t, :e)",
      soci::use(se.token_hash), soci::use(se.user_id), soci::use(se.kind), soci::use(se.csrf_token), soci::use(t),
      soci::use(e);
}

std::optional<SessionAccount> SqlAccountRepository::session(const std::string& token_hash) {
  soci::rowset<soci::row> rows =
      (s_.prepare << "SELECT u.id, u.kind, u.office, u.full_name, u.email, u.phone, u.profession, u.status, u.nik, "
                     "u.password_hash, u.created_at, se.kind, se.csrf_token, se.created_at, se.expires_at "
                     "FROM sessions se JOIN users u ON u.id = se.user_id WHERE se.token_hash = :h AND "
                     "u.status = 'active'",
       soci::use(token_hash));
  for (const auto& row : rows) {
    SessionAccount a;
    a.user = user_of(row);
    a.user.password_hash.clear();
    a.session.token_hash = token_hash;
    a.session.user_id = a.user.id;
    a.session.kind = text_at(row, 11);
    a.session.csrf_token = text_at(row, 12);
    a.session.created = Instant{int_at(row, 13)};
    a.session.expires = Instant{int_at(row, 14)};
    return a;
  }
  return std::nullopt;
}

void SqlAccountRepository::delete_session(const std::string& token_hash) {
  s_ << "DELETE FROM sessions WHERE token_hash = :h", soci::use(token_hash);
}

void SqlAccountRepository::delete_sessions_of(long long user_id) {
  s_ << "DELETE FROM sessions WHERE user_id = :u", soci::use(user_id);
}

FailureCount SqlAccountRepository::failures(const std::string& email, const std::optional<std::string>& address,
                                            Instant since) {
  FailureCount f;
  long long latest = 0;
  soci::indicator li = soci::i_null;
  const long long w = since.unix_seconds;
  if (address)
    s_ << "SELECT COUNT(*), MAX(at) FROM login_failures WHERE email = :e AND address = :a AND at >= :w",
        soci::use(email), soci::use(*address), soci::use(w), soci::into(f.count), soci::into(latest, li);
  else
    s_ << "SELECT COUNT(*), MAX(at) FROM login_failures WHERE email = :e AND at >= :w", soci::use(email), soci::use(w),
        soci::into(f.count), soci::into(latest, li);
  if (li == soci::i_ok) f.latest = Instant{latest};
  return f;
}

void SqlAccountRepository::add_failure(const std::string& email, const std::string& address, Instant at) {
  const long long t = at.unix_seconds;
  s_ << "INSERT INTO login_failures (email, address, at) VALUES (:e, :a, :t)", soci::use(email), soci::use(address),
      soci::use(t);
}

void SqlAccountRepository::clear_failures(const std::string& email, const std::optional<std::string>& address) {
  if (address)
    s_ << "DELETE FROM login_failures WHERE email = :e AND address = :a", soci::use(email), soci::use(*address);
  else
    s_ << "DELETE FROM login_failures WHERE email = :e", soci::use(email);
}

}  // namespace sp::store
