#include <cctype>
#include <nlohmann/json.hpp>

#include "store/sql/prepared.hpp"
#include "store/sql/row_access.hpp"
#include "store/sql/sql_repositories.hpp"

namespace sp::store {

namespace {

// The hottest query of the service (every read and every action): prepared once per connection.
// The applicant's name and e-mail come along: nearly every caller needs them, and a second query
// is a second round trip on PostgreSQL.
struct FindApplication {
  long long id = 0;
  ApplicationRow r;
  std::string reg, permit;
  soci::indicator reg_ind = soci::i_null, permit_ind = soci::i_null, sub_ind = soci::i_null, dl_ind = soci::i_null,
                  opened_ind = soci::i_null;
  long long created = 0, started = 0, deadline = 0, submitted = 0, opened_by = 0;
  soci::statement st;

  explicit FindApplication(soci::session& s)
      : st((s.prepare << "SELECT a.id, a.office, a.sop_code, a.sop_version, a.applicant_id, a.registration_number, "
                         "a.permit_number, a.step, a.phase, a.outcome, a.verdict, a.created_at, a.submitted_at, "
                         "a.step_started_at, a.deadline_at, a.office_minutes, a.applicant_minutes, a.version, a.data, "
                         "u.full_name, u.email, a.opened_by FROM applications a JOIN users u ON u.id = a.applicant_id "
                         "WHERE a.id = :id",
            soci::use(id), soci::into(r.id), soci::into(r.office), soci::into(r.sop_code), soci::into(r.sop_version),
            soci::into(r.applicant_id), soci::into(reg, reg_ind), soci::into(permit, permit_ind), soci::into(r.step),
            soci::into(r.phase), soci::into(r.outcome), soci::into(r.verdict), soci::into(created),
            soci::into(submitted, sub_ind), soci::into(started), soci::into(deadline, dl_ind),
            soci::into(r.office_minutes), soci::into(r.applicant_minutes), soci::into(r.version), soci::into(r.data),
            soci::into(r.applicant_name), soci::into(r.applicant_email), soci::into(opened_by, opened_ind))) {}
};

// Runs in the single SQLite writer for every action: prepared once per connection.
struct UpdateState {
  ApplicationRow r;
  int expected = 0;
  long long started = 0, deadline = 0, submitted = 0;
  soci::indicator dl_ind = soci::i_null, reg_ind = soci::i_null, permit_ind = soci::i_null, sub_ind = soci::i_null;
  soci::statement st;

  explicit UpdateState(soci::session& s)
      : st((s.prepare << "UPDATE applications SET step = :step, phase = :phase, outcome = :outcome, "
                         "verdict = :verdict, step_started_at = :started, deadline_at = :deadline, "
                         "office_minutes = :om, applicant_minutes = :am, version = :version, "
                         "registration_number = :reg, permit_number = :permit, submitted_at = :sub, "
                         "arrived_from = :arrived, sop_version = :sv WHERE id = :id AND version = :expected",
            soci::use(r.step), soci::use(r.phase), soci::use(r.outcome), soci::use(r.verdict), soci::use(started),
            soci::use(deadline, dl_ind), soci::use(r.office_minutes), soci::use(r.applicant_minutes),
            soci::use(r.version), soci::use(r.registration_number, reg_ind), soci::use(r.permit_number, permit_ind),
            soci::use(submitted, sub_ind), soci::use(r.arrived_from), soci::use(r.sop_version), soci::use(r.id),
            soci::use(expected))) {}
};

// The draft's insert runs in the single SQLite writer for every new application.
struct InsertApplication {
  ApplicationRow r;
  long long at = 0, started = 0, deadline = 0, id = 0;
  soci::indicator deadline_ind = soci::i_null, opened_ind = soci::i_null;
  soci::statement st;
  explicit InsertApplication(soci::session& s)
      : st((s.prepare << "INSERT INTO applications (office, sop_code, sop_version, applicant_id, step, phase, outcome, "
                         "verdict, created_at, step_started_at, deadline_at, office_minutes, applicant_minutes, "
                         "version, data, opened_by) VALUES (:o, :c, :v, :a, :step, :phase, :outcome, :verdict, :t, "
                         ":t2, :dl, :om, :am, :ver, :data, :ob) RETURNING id",
            soci::use(r.office), soci::use(r.sop_code), soci::use(r.sop_version), soci::use(r.applicant_id),
            soci::use(r.step), soci::use(r.phase), soci::use(r.outcome), soci::use(r.verdict), soci::use(at),
            soci::use(started), soci::use(deadline, deadline_ind), soci::use(r.office_minutes),
            soci::use(r.applicant_minutes), soci::use(r.version), soci::use(r.data), soci::use(r.opened_by, opened_ind),
            soci::into(id))) {}
};

// Every application view lists the documents: prepared once per connection.
struct DocumentsQuery {
  long long app = 0;
  DocumentRecord d;
  long long uploaded = 0;
  soci::statement st;
  explicit DocumentsQuery(soci::session& s)
      : st((s.prepare << "SELECT id, requirement, revision, filename, content_type, size_bytes, sha256, uploaded_by, "
                         "uploaded_at FROM documents WHERE application_id = :a ORDER BY requirement, revision",
            soci::use(app), soci::into(d.id), soci::into(d.requirement), soci::into(d.revision), soci::into(d.filename),
            soci::into(d.content_type), soci::into(d.size), soci::into(d.sha256), soci::into(d.uploaded_by),
            soci::into(uploaded))) {}
};

// An upload's statements run in the single SQLite writer for every file.
struct UploadStatements {
  long long application_id = 0, others_total = 0;
  std::string requirement;
  int last = 0;
  DocumentRecord d;
  long long uploaded = 0, id = 0;
  soci::statement facts, insert;
  explicit UploadStatements(soci::session& s)
      : facts((s.prepare << "SELECT (SELECT COALESCE(SUM(size_bytes), 0) FROM documents d WHERE application_id = :a "
                            "AND requirement <> :r AND revision = (SELECT MAX(revision) FROM documents x WHERE "
                            "x.application_id = d.application_id AND x.requirement = d.requirement)), "
                            "(SELECT COALESCE(MAX(revision), 0) FROM documents WHERE application_id = :a2 AND "
                            "requirement = :r2)",
               soci::use(application_id), soci::use(requirement), soci::use(application_id), soci::use(requirement),
               soci::into(others_total), soci::into(last))),
        insert((s.prepare << "INSERT INTO documents (application_id, requirement, revision, filename, content_type, "
                             "size_bytes, sha256, uploaded_by, uploaded_at) VALUES (:a, :r, :rev, :f, :ct, :sz, :h, "
                             ":u, :t) RETURNING id",
                soci::use(d.application_id), soci::use(d.requirement), soci::use(d.revision), soci::use(d.filename),
                soci::use(d.content_type), soci::use(d.size), soci::use(d.sha256), soci::use(d.uploaded_by),
                soci::use(uploaded), soci::into(id))) {}
};

// PostgreSQL: an application's files in one round trip, each list as JSON (the detail view after
// every action reads them).
struct FilesQuery {
  long long app = 0;
  int with_returns = 0, with_form = 0;
  std::string documents, generated, returns, form;
  soci::indicator form_ind = soci::i_null;
  soci::statement st;
  explicit FilesQuery(soci::session& s)
      : st((s.prepare
                << "SELECT (SELECT COALESCE(json_agg(json_build_object('id', id, 'requirement', requirement, "
                   "'revision', revision, 'filename', filename, 'content_type', content_type, 'size', size_bytes, "
                   "'sha256', sha256, 'uploaded_by', uploaded_by, 'uploaded_at', uploaded_at) "
                   "ORDER BY requirement, revision), '[]') FROM documents WHERE application_id = :a)::text, "
                   "(SELECT COALESCE(json_agg(json_build_object('id', id, 'event_seq', event_seq, 'office', office, "
                   "'kind', kind, 'status', status, 'verify_code', verify_code, 'signer_role', signer_role, "
                   "'signer_user_id', signer_user_id, 'valid_until', valid_until, 'created_at', created_at, "
                   "'sha256', sha256, 'signer', signer, 'size', size_bytes, 'signed', signed, 'ready_at', ready_at, "
                   "'print_count', print_count, 'printed_at', printed_at, 'delivered_at', delivered_at, "
                   "'revoked_at', revoked_at, 'revoked_reason', revoked_reason) ORDER BY id), '[]') "
                   "FROM generated_documents WHERE application_id = :a2)::text, "
                   "CASE WHEN :r = 1 THEN (SELECT COALESCE(json_agg(json_build_object('requirement', requirement, "
                   "'reason', reason)), '[]') FROM return_reasons WHERE application_id = :a3 AND event_seq = "
                   "(SELECT MAX(event_seq) FROM return_reasons WHERE application_id = :a4))::text ELSE '[]' END, "
                   "CASE WHEN :f = 1 THEN (SELECT data FROM applications WHERE id = :a5) END",
            soci::use(app), soci::use(app), soci::use(with_returns), soci::use(app), soci::use(app),
            soci::use(with_form), soci::use(app), soci::into(documents), soci::into(generated), soci::into(returns),
            soci::into(form, form_ind))) {}
};

const char* kColumns =
    "a.id, a.office, a.sop_code, a.sop_version, a.applicant_id, a.registration_number, a.permit_number, a.step, "
    "a.phase, a.outcome, a.verdict, a.created_at, a.submitted_at, a.step_started_at, a.deadline_at, a.office_minutes, "
    "a.applicant_minutes, a.version, a.data, u.full_name, a.arrived_from";

ApplicationRow row_of(const soci::row& row) {
  ApplicationRow r;
  r.id = int_at(row, 0);
  r.office = text_at(row, 1);
  r.sop_code = text_at(row, 2);
  r.sop_version = static_cast<int>(int_at(row, 3));
  r.applicant_id = int_at(row, 4);
  r.registration_number = text_at(row, 5);
  r.permit_number = text_at(row, 6);
  r.step = static_cast<int>(int_at(row, 7));
  r.phase = text_at(row, 8);
  r.outcome = text_at(row, 9);
  r.verdict = text_at(row, 10);
  r.created = Instant{int_at(row, 11)};
  r.submitted = instant_at(row, 12);
  r.step_started = Instant{int_at(row, 13)};
  r.deadline = instant_at(row, 14);
  r.office_minutes = int_at(row, 15);
  r.applicant_minutes = int_at(row, 16);
  r.version = static_cast<int>(int_at(row, 17));
  r.data = text_at(row, 18);
  r.applicant_name = text_at(row, 19);
  r.arrived_from = static_cast<int>(int_at(row, 20));
  return r;
}

AuditRecord event_of(const soci::row& row, std::size_t first) {
  // Columns from `first`: office, seq, application_id, kind, actor_id, role, step, action, note, at,
  // elapsed_minutes, allowed, overdue, payload, prev_hash, hash.
  AuditRecord e;
  std::size_t i = first;
  e.office = text_at(row, i++);
  e.seq = int_at(row, i++);
  if (!is_null(row, i)) e.application_id = int_at(row, i);
  ++i;
  e.kind = text_at(row, i++);
  if (!is_null(row, i)) e.actor_id = int_at(row, i);
  ++i;
  e.role = text_at(row, i++);
  e.step = static_cast<int>(int_at(row, i++));
  e.action = text_at(row, i++);
  e.note = text_at(row, i++);
  e.at = int_at(row, i++);
  if (!is_null(row, i)) e.elapsed_minutes = int_at(row, i);
  ++i;
  e.allowed = text_at(row, i++);
  e.overdue = int_at(row, i++) != 0;
  e.payload = text_at(row, i++);
  e.prev_hash = text_at(row, i++);
  e.hash = text_at(row, i++);
  return e;
}

const char* kEventColumns =
    "e.office, e.seq, e.application_id, e.kind, e.actor_id, e.role, e.step, e.action, e.note, e.at, "
    "e.elapsed_minutes, e.allowed, e.overdue, e.payload, e.prev_hash, e.hash";

}  // namespace

std::optional<ApplicationRow> SqlApplicationRepository::find(long long id) {
  auto& q = prepared<FindApplication>(s_);
  q.id = id;
  const bool found = q.st.execute(true);
  if (found) finish(q.st);
  if (!found) return std::nullopt;
  ApplicationRow r = q.r;
  r.registration_number = q.reg_ind == soci::i_ok ? q.reg : std::string();
  r.permit_number = q.permit_ind == soci::i_ok ? q.permit : std::string();
  r.created = Instant{q.created};
  r.step_started = Instant{q.started};
  r.submitted = instant_if(q.sub_ind, q.submitted);
  r.deadline = instant_if(q.dl_ind, q.deadline);
  r.opened_by = q.opened_ind == soci::i_ok ? q.opened_by : 0;
  r.applicant_email = email_of(r.applicant_email);
  return r;
}

std::optional<long long> SqlApplicationRepository::id_by_registration(const std::string& registration_number) {
  long long id = 0;
  s_ << "SELECT id FROM applications WHERE registration_number = :r", soci::use(registration_number), soci::into(id);
  if (!s_.got_data()) return std::nullopt;
  return id;
}

long long SqlApplicationRepository::insert(const ApplicationRow& row) {
  auto& q = prepared<InsertApplication>(s_);
  q.r = row;
  q.at = row.created.unix_seconds;
  q.started = row.step_started.unix_seconds;
  q.deadline = row.deadline ? row.deadline->unix_seconds : 0;
  q.deadline_ind = row.deadline ? soci::i_ok : soci::i_null;
  q.opened_ind = row.opened_by ? soci::i_ok : soci::i_null;
  q.st.execute(true);
  const long long id = q.id;
  // RETURNING makes the insert a statement with a row; it must run to its end before COMMIT.
  finish(q.st);
  return id;
}

bool SqlApplicationRepository::update_state(const ApplicationRow& row, int expected_version) {
  auto& q = prepared<UpdateState>(s_);
  q.r = row;
  q.expected = expected_version;
  q.started = row.step_started.unix_seconds;
  q.deadline = row.deadline ? row.deadline->unix_seconds : 0;
  q.dl_ind = row.deadline ? soci::i_ok : soci::i_null;
  q.reg_ind = row.registration_number.empty() ? soci::i_null : soci::i_ok;
  q.permit_ind = row.permit_number.empty() ? soci::i_null : soci::i_ok;
  q.submitted = row.submitted ? row.submitted->unix_seconds : 0;
  q.sub_ind = row.submitted ? soci::i_ok : soci::i_null;
  q.st.execute(true);
  return q.st.get_affected_rows() == 1;
}

void SqlApplicationRepository::set_data(long long id, const std::string& data) {
  s_ << "UPDATE applications SET data = :d WHERE id = :i", soci::use(data), soci::use(id);
}

void SqlApplicationRepository::set_deadline(long long id, Instant deadline) {
  const long long at = deadline.unix_seconds;
  s_ << "UPDATE applications SET deadline_at = :d WHERE id = :i", soci::use(at), soci::use(id);
}

std::vector<long long> SqlApplicationRepository::running_with_deadline(const std::string& office) {
  std::vector<long long> ids;
  soci::rowset<soci::row> rows =
      (s_.prepare << "SELECT id FROM applications WHERE office = :o AND phase = 'at_step' AND deadline_at IS NOT NULL",
       soci::use(office));
  for (const auto& r : rows) ids.push_back(int_at(r, 0));
  return ids;
}

std::vector<ApplicationRow> SqlApplicationRepository::at_steps(const std::string& office, const std::string& sop_code,
                                                               int sop_version, const std::vector<int>& steps) {
  std::vector<ApplicationRow> out;
  if (steps.empty()) return out;
  // Step numbers are integers, so the list is written into the SQL text.
  std::string list;
  for (int n : steps) list += (list.empty() ? "" : ",") + std::to_string(n);
  soci::rowset<soci::row> rows =
      (s_.prepare << std::string("SELECT ") + kColumns +
                         " FROM applications a LEFT JOIN users u ON u.id = a.applicant_id WHERE a.office = :o AND "
                         "a.phase = 'at_step' AND a.sop_code = :c AND a.sop_version = :v AND a.step IN (" +
                         list + ")",
       soci::use(office), soci::use(sop_code), soci::use(sop_version));
  for (const auto& row : rows) out.push_back(row_of(row));
  return out;
}

std::vector<ApplicationRow> SqlApplicationRepository::of_applicant(long long applicant_id) {
  std::vector<ApplicationRow> out;
  soci::rowset<soci::row> rows =
      (s_.prepare << std::string("SELECT ") + kColumns +
                         " FROM applications a JOIN users u ON u.id = a.applicant_id WHERE a.applicant_id = :u "
                         "ORDER BY a.id DESC",
       soci::use(applicant_id));
  for (const auto& row : rows) out.push_back(row_of(row));
  return out;
}

namespace {

// The applications of `office` meeting `condition` (SQL on a and u; empty: all) whose
// registration number, permit number or applicant's name contains `text` (empty: any), in
// `order`, at most `limit`. The typed text is a value, never a pattern: its own % and _ are
// escaped, so a filter narrows the rows before the limit, not after it.
std::vector<ApplicationRow> office_rows(soci::session& s, Dialect d, const std::string& office,
                                        const std::string& condition, const std::string& text, const char* order,
                                        int limit) {
  std::string sql = std::string("SELECT ") + kColumns +
                    " FROM applications a JOIN users u ON u.id = a.applicant_id WHERE a.office = :o";
  if (!condition.empty()) sql += " AND " + condition;
  std::string pattern = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  pattern += '%';
  // With trigram indexes the matches by number and by name come from two index lookups joined
  // by UNION (an OR across the two tables would read every row of the office); without them,
  // one pass over the office's rows tests all three.
  const bool indexed = d.fragment_indexes();
  if (!text.empty() && indexed)
    sql += " AND a.id IN (SELECT x.id FROM applications x WHERE x.office = :o2 AND "
           "(lower(x.registration_number) LIKE :p ESCAPE '\\' OR lower(x.permit_number) LIKE :p2 ESCAPE '\\') "
           "UNION SELECT y.id FROM applications y JOIN users v ON v.id = y.applicant_id WHERE y.office = :o3 AND "
           "lower(v.full_name) LIKE :p3 ESCAPE '\\')";
  else if (!text.empty())
    sql += " AND (lower(a.registration_number) LIKE :p ESCAPE '\\' OR lower(a.permit_number) LIKE :p2 ESCAPE '\\' "
           "OR lower(u.full_name) LIKE :p3 ESCAPE '\\')";
  sql += std::string(" ORDER BY ") + order + " LIMIT :n";
  std::vector<ApplicationRow> out;
  const auto collect = [&](soci::rowset<soci::row> rows) {
    for (const auto& row : rows) out.push_back(row_of(row));
  };
  if (text.empty())
    collect((s.prepare << sql, soci::use(office), soci::use(limit)));
  else if (indexed)
    collect((s.prepare << sql, soci::use(office), soci::use(office), soci::use(pattern), soci::use(pattern),
             soci::use(office), soci::use(pattern), soci::use(limit)));
  else
    collect((s.prepare << sql, soci::use(office), soci::use(pattern), soci::use(pattern), soci::use(pattern),
             soci::use(limit)));
  return out;
}

}  // namespace

std::vector<ApplicationRow> SqlApplicationRepository::search(const std::string& office, const std::string& text,
                                                             int limit) {
  return office_rows(s_, d_, office, "", text, "a.id DESC", limit);
}

std::vector<ApplicationRow> SqlApplicationRepository::awaiting_handover(const std::string& office, bool printed,
                                                                        const std::string& text, int limit) {
  return office_rows(s_, d_, office,
                     std::string("a.phase = 'closed' AND EXISTS (SELECT 1 FROM generated_documents g WHERE "
                                 "g.application_id = a.id AND g.kind IN ('izin', 'penolakan') AND g.signed = 1 AND "
                                 "g.status = 'ready' AND g.revoked_at IS NULL AND g.delivered_at IS NULL AND "
                                 "g.printed_at IS ") +
                         (printed ? "NOT NULL" : "NULL") + ")",
                     text, "a.id", limit);
}

std::vector<DocumentRecord> SqlApplicationRepository::documents(long long application_id) {
  std::vector<DocumentRecord> out;
  auto& q = prepared<DocumentsQuery>(s_);
  q.app = application_id;
  if (q.st.execute(true)) do {
      DocumentRecord d = q.d;
      d.application_id = application_id;
      d.uploaded = Instant{q.uploaded};
      out.push_back(std::move(d));
    } while (q.st.fetch());
  return out;
}

std::optional<DocumentRecord> SqlApplicationRepository::document(long long application_id, long long document_id) {
  soci::row row;
  s_ << "SELECT id, requirement, revision, filename, content_type, size_bytes, sha256, uploaded_by, uploaded_at "
        "FROM documents WHERE id = :d AND application_id = :a",
      soci::use(document_id), soci::use(application_id), soci::into(row);
  if (!s_.got_data()) return std::nullopt;
  DocumentRecord d;
  d.id = int_at(row, 0);
  d.application_id = application_id;
  d.requirement = text_at(row, 1);
  d.revision = static_cast<int>(int_at(row, 2));
  d.filename = text_at(row, 3);
  d.content_type = text_at(row, 4);
  d.size = int_at(row, 5);
  d.sha256 = text_at(row, 6);
  d.uploaded_by = int_at(row, 7);
  d.uploaded = Instant{int_at(row, 8)};
  return d;
}

UploadFacts SqlApplicationRepository::upload_facts(long long application_id, const std::string& requirement) {
  auto& q = prepared<UploadStatements>(s_);
  q.application_id = application_id;
  q.requirement = requirement;
  q.facts.execute(true);
  finish(q.facts);
  return UploadFacts{q.others_total, q.last};
}

ApplicationFiles SqlApplicationRepository::files(long long application_id, bool with_returns, bool with_form) {
  ApplicationFiles f;
  if (!d_.postgres) {
    // SQLite answers in-process: three plain queries cost less than building and parsing JSON.
    f.documents = documents(application_id);
    f.generated = SqlGeneratedDocumentRepository(s_, d_).of_application(application_id);
    if (with_returns) f.latest_return_reasons = latest_return_reasons(application_id);
    if (with_form)
      if (auto row = find(application_id)) f.form = row->data;
    return f;
  }
  auto& q = prepared<FilesQuery>(s_);
  q.app = application_id;
  q.with_returns = with_returns ? 1 : 0;
  q.with_form = with_form ? 1 : 0;
  q.st.execute(true);
  finish(q.st);
  if (q.form_ind == soci::i_ok) f.form = q.form;
  using nlohmann::json;
  const auto number = [](const json& o, const char* k) {
    return o.value(k, json()).is_number() ? o[k].get<long long>() : 0LL;
  };
  const auto text = [](const json& o, const char* k) {
    return o.value(k, json()).is_string() ? o[k].get<std::string>() : std::string();
  };
  const auto instant = [](const json& o, const char* k) {
    return o.value(k, json()).is_number() ? std::optional<Instant>(Instant{o[k].get<long long>()}) : std::nullopt;
  };
  for (const auto& o : json::parse(q.documents)) {
    DocumentRecord d;
    d.id = number(o, "id");
    d.application_id = application_id;
    d.requirement = text(o, "requirement");
    d.revision = static_cast<int>(number(o, "revision"));
    d.filename = text(o, "filename");
    d.content_type = text(o, "content_type");
    d.size = number(o, "size");
    d.sha256 = text(o, "sha256");
    d.uploaded_by = number(o, "uploaded_by");
    d.uploaded = Instant{number(o, "uploaded_at")};
    f.documents.push_back(std::move(d));
  }
  for (const auto& o : json::parse(q.generated)) {
    GeneratedDocumentRecord g;
    g.id = number(o, "id");
    g.application_id = application_id;
    g.event_seq = number(o, "event_seq");
    g.office = text(o, "office");
    g.kind = text(o, "kind");
    g.status = text(o, "status");
    g.verify_code = text(o, "verify_code");
    g.signer_role = text(o, "signer_role");
    g.signer_user_id = number(o, "signer_user_id");
    g.valid_until = instant(o, "valid_until");
    g.created = Instant{number(o, "created_at")};
    g.sha256 = text(o, "sha256");
    g.signer = text(o, "signer");
    if (o.value("size", json()).is_number()) g.size = number(o, "size");
    g.is_signed = number(o, "signed") != 0;
    g.ready_at = instant(o, "ready_at");
    g.print_count = static_cast<int>(number(o, "print_count"));
    g.printed_at = instant(o, "printed_at");
    g.delivered_at = instant(o, "delivered_at");
    g.revoked_at = instant(o, "revoked_at");
    g.revoked_reason = text(o, "revoked_reason");
    f.generated.push_back(std::move(g));
  }
  for (const auto& o : json::parse(q.returns))
    f.latest_return_reasons.push_back({text(o, "requirement"), text(o, "reason")});
  return f;
}

long long SqlApplicationRepository::add_document(const DocumentRecord& doc) {
  auto& q = prepared<UploadStatements>(s_);
  q.d = doc;
  q.uploaded = doc.uploaded.unix_seconds;
  q.insert.execute(true);
  finish(q.insert);  // RETURNING: step to the end, or SQLite keeps the statement active
  return q.id;
}

std::vector<std::string> SqlApplicationRepository::requirements_present(long long application_id) {
  std::vector<std::string> out;
  soci::rowset<std::string> rs =
      (s_.prepare << "SELECT DISTINCT requirement FROM documents WHERE application_id = :a", soci::use(application_id));
  for (const auto& r : rs) out.push_back(r);
  return out;
}

void SqlApplicationRepository::add_return_reason(long long application_id, long long event_seq, const ReturnReason& r) {
  s_ << "INSERT INTO return_reasons (application_id, event_seq, requirement, reason) VALUES (:a, :s, :q, :r)",
      soci::use(application_id), soci::use(event_seq), soci::use(r.requirement), soci::use(r.reason);
}

std::vector<ReturnReason> SqlApplicationRepository::return_reasons(long long application_id, long long event_seq) {
  std::vector<ReturnReason> out;
  soci::rowset<soci::row> rows =
      (s_.prepare << "SELECT requirement, reason FROM return_reasons WHERE application_id = :a AND event_seq = :s",
       soci::use(application_id), soci::use(event_seq));
  for (const auto& row : rows) out.push_back({text_at(row, 0), text_at(row, 1)});
  return out;
}

std::vector<ReturnReason> SqlApplicationRepository::latest_return_reasons(long long application_id) {
  std::vector<ReturnReason> out;
  soci::rowset<soci::row> rows =
      (s_.prepare << "SELECT requirement, reason FROM return_reasons WHERE application_id = :a AND event_seq = "
                     "(SELECT MAX(event_seq) FROM return_reasons WHERE application_id = :a2)",
       soci::use(application_id), soci::use(application_id));
  for (const auto& row : rows) out.push_back({text_at(row, 0), text_at(row, 1)});
  return out;
}

long long SqlApplicationRepository::add_schedule(const ScheduleRecord& r) {
  const long long at = r.at.unix_seconds, t = r.created.unix_seconds;
  long long id = 0;
  s_ << "INSERT INTO schedules (application_id, kind, at, place, members, created_by, created_at) "
        "VALUES (:a, :k, :at, :p, :m, :u, :t) RETURNING id",
      soci::use(r.application_id), soci::use(r.kind), soci::use(at), soci::use(r.place), soci::use(r.members),
      soci::use(r.created_by), soci::use(t), soci::into(id);
  return id;
}

int SqlApplicationRepository::schedule_count(long long application_id) {
  int n = 0;
  s_ << "SELECT COUNT(*) FROM schedules WHERE application_id = :a", soci::use(application_id), soci::into(n);
  return n;
}

std::optional<ScheduleRecord> SqlApplicationRepository::latest_schedule(long long application_id) {
  soci::row row;
  s_ << "SELECT id, kind, at, place, members, created_by, created_at FROM schedules WHERE application_id = :a "
        "ORDER BY id DESC LIMIT 1",
      soci::use(application_id), soci::into(row);
  if (!s_.got_data()) return std::nullopt;
  ScheduleRecord r;
  r.id = int_at(row, 0);
  r.application_id = application_id;
  r.kind = text_at(row, 1);
  r.at = Instant{int_at(row, 2)};
  r.place = text_at(row, 3);
  r.members = text_at(row, 4, "[]");
  r.created_by = int_at(row, 5);
  r.created = Instant{int_at(row, 6)};
  return r;
}

std::vector<TimelineEvent> SqlApplicationRepository::timeline(const std::string& office, long long application_id) {
  std::vector<TimelineEvent> out;
  soci::rowset<soci::row> rows =
      (s_.prepare << std::string("SELECT ") + kEventColumns +
                         ", u.full_name FROM events e LEFT JOIN users u ON u.id = e.actor_id "
                         "WHERE e.office = :o AND e.application_id = :a ORDER BY e.seq",
       soci::use(office), soci::use(application_id));
  for (const auto& row : rows) out.push_back({event_of(row, 0), text_at(row, 16)});
  return out;
}

std::optional<AuditRecord> SqlApplicationRepository::latest_event(long long application_id, const std::string& action) {
  soci::rowset<soci::row> rows =
      (s_.prepare << std::string("SELECT ") + kEventColumns +
                         " FROM events e WHERE e.application_id = :a AND e.action = :c ORDER BY e.seq DESC LIMIT 1",
       soci::use(application_id), soci::use(action));
  for (const auto& row : rows) return event_of(row, 0);
  return std::nullopt;
}

std::optional<AuditRecord> SqlApplicationRepository::event(const std::string& office, long long seq) {
  soci::rowset<soci::row> rows =
      (s_.prepare << std::string("SELECT ") + kEventColumns + " FROM events e WHERE e.office = :o AND e.seq = :s",
       soci::use(office), soci::use(seq));
  for (const auto& row : rows) return event_of(row, 0);
  return std::nullopt;
}

}  // namespace sp::store
