#include "store/sql/prepared.hpp"
#include "store/sql/row_access.hpp"
#include "store/sql/sql_repositories.hpp"

namespace sp::store {

namespace {

// Planned in the action's transaction (the single SQLite writer): prepared once per connection.
struct PlanStatement {
  GeneratedDocumentRecord d;
  long long valid_until = 0, at = 0;
  soci::indicator role_ind = soci::i_null, until_ind = soci::i_null, signer_ind = soci::i_null;
  soci::statement st;
  explicit PlanStatement(soci::session& s)
      : st((s.prepare << "INSERT INTO generated_documents (application_id, office, event_seq, kind, status, "
                         "verify_code, signer_role, signer_user_id, valid_until, created_at) VALUES (:a, :o, :s, :k, "
                         "'pending', :c, :r, :su, :u, :t)",
            soci::use(d.application_id), soci::use(d.office), soci::use(d.event_seq), soci::use(d.kind),
            soci::use(d.verify_code), soci::use(d.signer_role, role_ind), soci::use(d.signer_user_id, signer_ind),
            soci::use(valid_until, until_ind), soci::use(at))) {}
};

const char* kColumns =
    "g.id, g.application_id, g.event_seq, g.office, g.kind, g.status, g.verify_code, g.signer_role, g.signer_user_id, "
    "g.valid_until, g.created_at, g.sha256, g.signer, g.size_bytes, g.signed, g.ready_at, g.print_count, g.printed_at, "
    "g.delivered_at, g.revoked_at, g.revoked_reason";
constexpr std::size_t kColumnCount = 21;

GeneratedDocumentRecord record_of(const soci::row& row) {
  GeneratedDocumentRecord d;
  d.id = int_at(row, 0);
  d.application_id = int_at(row, 1);
  d.event_seq = int_at(row, 2);
  d.office = text_at(row, 3);
  d.kind = text_at(row, 4);
  d.status = text_at(row, 5);
  d.verify_code = text_at(row, 6);
  d.signer_role = text_at(row, 7);
  d.signer_user_id = int_at(row, 8);
  d.valid_until = instant_at(row, 9);
  d.created = Instant{int_at(row, 10)};
  d.sha256 = text_at(row, 11);
  d.signer = text_at(row, 12);
  if (!is_null(row, 13)) d.size = int_at(row, 13);
  d.is_signed = int_at(row, 14) != 0;
  d.ready_at = instant_at(row, 15);
  d.print_count = static_cast<int>(int_at(row, 16));
  d.printed_at = instant_at(row, 17);
  d.delivered_at = instant_at(row, 18);
  d.revoked_at = instant_at(row, 19);
  d.revoked_reason = text_at(row, 20);
  return d;
}

// Read with every application view: prepared once per connection.
struct OfApplication {
  long long app = 0;
  GeneratedDocumentRecord d;
  long long seq = 0, size = 0, created = 0, printed = 0, delivered = 0, revoked = 0, until = 0, ready = 0;
  long long signer_user = 0;
  int is_signed = 0;
  std::string role, signer, sha256, reason;
  soci::indicator printed_ind = soci::i_null, delivered_ind = soci::i_null, sha_ind = soci::i_null,
                  size_ind = soci::i_null, role_ind = soci::i_null, signer_ind = soci::i_null,
                  revoked_ind = soci::i_null, until_ind = soci::i_null, ready_ind = soci::i_null,
                  user_ind = soci::i_null, reason_ind = soci::i_null;
  soci::statement st;
  explicit OfApplication(soci::session& s)
      : st((s.prepare << "SELECT id, event_seq, office, kind, status, verify_code, signer_role, signer_user_id, "
                         "valid_until, created_at, sha256, signer, size_bytes, signed, ready_at, print_count, "
                         "printed_at, delivered_at, revoked_at, revoked_reason FROM generated_documents "
                         "WHERE application_id = :a ORDER BY id",
            soci::use(app), soci::into(d.id), soci::into(seq), soci::into(d.office), soci::into(d.kind),
            soci::into(d.status), soci::into(d.verify_code), soci::into(role, role_ind),
            soci::into(signer_user, user_ind), soci::into(until, until_ind), soci::into(created),
            soci::into(sha256, sha_ind), soci::into(signer, signer_ind), soci::into(size, size_ind),
            soci::into(is_signed), soci::into(ready, ready_ind), soci::into(d.print_count),
            soci::into(printed, printed_ind), soci::into(delivered, delivered_ind), soci::into(revoked, revoked_ind),
            soci::into(reason, reason_ind))) {}

  GeneratedDocumentRecord get() const {
    GeneratedDocumentRecord r = d;
    r.application_id = app;
    r.event_seq = seq;
    r.signer_role = role_ind == soci::i_ok ? role : std::string();
    r.signer_user_id = user_ind == soci::i_ok ? signer_user : 0;
    r.valid_until = instant_if(until_ind, until);
    r.created = Instant{created};
    r.sha256 = sha_ind == soci::i_ok ? sha256 : std::string();
    r.signer = signer_ind == soci::i_ok ? signer : std::string();
    if (size_ind == soci::i_ok) r.size = size;
    r.is_signed = is_signed != 0;
    r.ready_at = instant_if(ready_ind, ready);
    r.printed_at = instant_if(printed_ind, printed);
    r.delivered_at = instant_if(delivered_ind, delivered);
    r.revoked_at = instant_if(revoked_ind, revoked);
    r.revoked_reason = reason_ind == soci::i_ok ? reason : std::string();
    return r;
  }
};

}  // namespace

void SqlGeneratedDocumentRepository::plan(const GeneratedDocumentRecord& doc) {
  auto& q = prepared<PlanStatement>(s_);
  q.d = doc;
  q.role_ind = doc.signer_role.empty() ? soci::i_null : soci::i_ok;
  q.signer_ind = doc.signer_role.empty() || doc.signer_user_id == 0 ? soci::i_null : soci::i_ok;
  q.valid_until = doc.valid_until ? doc.valid_until->unix_seconds : 0;
  q.until_ind = doc.valid_until ? soci::i_ok : soci::i_null;
  q.at = doc.created.unix_seconds;
  q.st.execute(true);
}

std::vector<GeneratedDocumentRecord> SqlGeneratedDocumentRepository::pending(std::optional<long long> application_id,
                                                                             int limit) {
  std::vector<GeneratedDocumentRecord> out;
  const long long app = application_id.value_or(0);
  soci::rowset<soci::row> rows =
      (s_.prepare
           << std::string("SELECT ") + kColumns +
                  " FROM generated_documents g WHERE g.status = 'pending' AND (:a = 0 OR g.application_id = :a2) "
                  "ORDER BY g.id LIMIT " +
                  std::to_string(limit),
       soci::use(app), soci::use(app));
  for (const auto& row : rows) out.push_back(record_of(row));
  return out;
}

void SqlGeneratedDocumentRepository::mark_ready(long long id, const std::string& sha256, long long size, Instant at,
                                                const std::string& signer) {
  const long long t = at.unix_seconds;
  const int is_signed = signer.empty() ? 0 : 1;
  soci::indicator signer_ind = signer.empty() ? soci::i_null : soci::i_ok;
  s_ << "UPDATE generated_documents SET status = 'ready', sha256 = :h, size_bytes = :z, ready_at = :t, "
        "signed = :sg, signer = :sr WHERE id = :i AND status = 'pending'",
      soci::use(sha256), soci::use(size), soci::use(t), soci::use(is_signed), soci::use(signer, signer_ind),
      soci::use(id);
}

std::vector<GeneratedDocumentRecord> SqlGeneratedDocumentRepository::of_application(long long application_id) {
  std::vector<GeneratedDocumentRecord> out;
  auto& q = prepared<OfApplication>(s_);
  q.app = application_id;
  if (q.st.execute(true)) do
      out.push_back(q.get());
    while (q.st.fetch());
  return out;
}

std::optional<GeneratedDocumentRecord> SqlGeneratedDocumentRepository::find(long long application_id, long long id) {
  soci::rowset<soci::row> rows =
      (s_.prepare << std::string("SELECT ") + kColumns +
                         " FROM generated_documents g WHERE g.id = :i AND g.application_id = :a",
       soci::use(id), soci::use(application_id));
  for (const auto& row : rows) return record_of(row);
  return std::nullopt;
}

bool SqlGeneratedDocumentRepository::mark_delivered(long long id, Instant at) {
  const long long t = at.unix_seconds;
  soci::statement st = (s_.prepare << "UPDATE generated_documents SET delivered_at = :t WHERE id = :i AND "
                                      "delivered_at IS NULL",
                        soci::use(t), soci::use(id));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void SqlGeneratedDocumentRepository::revoke(long long id, Instant at, const std::string& reason) {
  const long long t = at.unix_seconds;
  s_ << "UPDATE generated_documents SET revoked_at = :t, revoked_reason = :r WHERE id = :i", soci::use(t),
      soci::use(reason), soci::use(id);
}

int SqlGeneratedDocumentRepository::record_print(long long id, Instant at, long long by) {
  const long long t = at.unix_seconds;
  int count = 0;
  s_ << "UPDATE generated_documents SET print_count = print_count + 1, printed_at = :t, printed_by = :u WHERE id = :i "
        "RETURNING print_count",
      soci::use(t), soci::use(by), soci::use(id), soci::into(count);
  return count;
}

std::optional<VerificationRecord> SqlGeneratedDocumentRepository::by_verify_code(const std::string& code) {
  soci::rowset<soci::row> rows =
      (s_.prepare << std::string("SELECT ") + kColumns +
                         ", a.registration_number, a.permit_number, a.sop_code, a.sop_version, u.full_name "
                         "FROM generated_documents g JOIN applications a ON a.id = g.application_id "
                         "JOIN users u ON u.id = a.applicant_id WHERE g.verify_code = :c",
       soci::use(code));
  for (const auto& row : rows) {
    VerificationRecord v;
    v.document = record_of(row);
    std::size_t i = kColumnCount;
    v.registration_number = text_at(row, i++);
    v.permit_number = text_at(row, i++);
    v.sop_code = text_at(row, i++);
    v.sop_version = static_cast<int>(int_at(row, i++));
    v.holder = text_at(row, i++);
    return v;
  }
  return std::nullopt;
}

}  // namespace sp::store
