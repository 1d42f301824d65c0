#include "store/migrations.hpp"
#include "store/sql/database_runs.hpp"

#include <spdlog/spdlog.h>

#include <ctime>
#include <sstream>
#include <vector>

namespace sp::store {

namespace {

struct Migration {
  int version;
  const char* name;
  const char* sql;  // statements separated by ";\n"; {ID} {BIGINT} are dialect placeholders
  bool postgres_only = false;  // SQLite records the version and runs nothing
};

// All instants are BIGINT seconds since the Unix epoch, UTC.
const std::vector<Migration>& migrations() {
  static const std::vector<Migration> list{
      {1, "accounts, applications, audit, outbox", R"SQL(
CREATE TABLE users (
  id {ID},
  kind TEXT NOT NULL,                  -- applicant | officer | admin
  office TEXT,                         -- officers and office admins; NULL for applicants
  full_name TEXT NOT NULL,
  nik TEXT UNIQUE,
  email TEXT NOT NULL UNIQUE,
  phone TEXT,
  profession TEXT,
  status TEXT NOT NULL,                -- pending | active | rejected | disabled
  password_hash TEXT,
  created_at {BIGINT} NOT NULL,
  decided_at {BIGINT},
  decided_by {BIGINT},
  decision_note TEXT
);
CREATE TABLE user_roles (
  user_id {BIGINT} NOT NULL REFERENCES users(id),
  office TEXT NOT NULL,
  role TEXT NOT NULL,
  PRIMARY KEY (user_id, office, role)
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id {BIGINT} NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL,                  -- cookie | bearer
  csrf_token TEXT NOT NULL,
  created_at {BIGINT} NOT NULL,
  expires_at {BIGINT} NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE TABLE one_time_tokens (
  token_hash TEXT PRIMARY KEY,
  user_id {BIGINT} NOT NULL REFERENCES users(id),
  purpose TEXT NOT NULL,               -- set_password | reset_password
  expires_at {BIGINT} NOT NULL,
  used_at {BIGINT}
);
CREATE TABLE login_failures (
  email TEXT NOT NULL,
  at {BIGINT} NOT NULL
);
CREATE INDEX login_failures_email ON login_failures(email, at);
CREATE TABLE applications (
  id {ID},
  office TEXT NOT NULL,
  sop_code TEXT NOT NULL,
  sop_version INTEGER NOT NULL,
  applicant_id {BIGINT} NOT NULL REFERENCES users(id),
  registration_number TEXT UNIQUE,
  permit_number TEXT UNIQUE,
  step INTEGER NOT NULL,
  phase TEXT NOT NULL,
  outcome TEXT NOT NULL,
  verdict TEXT NOT NULL,
  created_at {BIGINT} NOT NULL,
  submitted_at {BIGINT},
  step_started_at {BIGINT} NOT NULL,
  deadline_at {BIGINT},
  office_minutes {BIGINT} NOT NULL,
  applicant_minutes {BIGINT} NOT NULL,
  version INTEGER NOT NULL,
  data TEXT NOT NULL                   -- JSON: the applicant's form (practice place, STR number, ...)
);
CREATE INDEX applications_worklist ON applications(office, phase, step, deadline_at);
CREATE INDEX applications_applicant ON applications(applicant_id);
CREATE TABLE documents (
  id {ID},
  application_id {BIGINT} NOT NULL REFERENCES applications(id),
  requirement TEXT NOT NULL,
  revision INTEGER NOT NULL,
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes {BIGINT} NOT NULL,
  sha256 TEXT NOT NULL,                -- the bytes live in the blob store under this key
  uploaded_by {BIGINT} NOT NULL,
  uploaded_at {BIGINT} NOT NULL,
  UNIQUE (application_id, requirement, revision)
);
CREATE TABLE return_reasons (
  application_id {BIGINT} NOT NULL REFERENCES applications(id),
  event_seq {BIGINT} NOT NULL,
  requirement TEXT NOT NULL,
  reason TEXT NOT NULL
);
CREATE INDEX return_reasons_app ON return_reasons(application_id);
CREATE TABLE schedules (
  id {ID},
  application_id {BIGINT} NOT NULL REFERENCES applications(id),
  kind TEXT NOT NULL,                  -- rapat_kajian_teknis | peninjauan_lapangan
  at {BIGINT} NOT NULL,
  place TEXT NOT NULL,
  members TEXT NOT NULL,               -- JSON list of names
  created_by {BIGINT} NOT NULL,
  created_at {BIGINT} NOT NULL
);
CREATE TABLE chain_heads (
  office TEXT PRIMARY KEY,
  seq {BIGINT} NOT NULL,
  hash TEXT NOT NULL
);
CREATE TABLE events (
  office TEXT NOT NULL,
  seq {BIGINT} NOT NULL,
  application_id {BIGINT},
  kind TEXT NOT NULL,
  actor_id {BIGINT},
  role TEXT,
  step INTEGER,
  action TEXT NOT NULL,
  note TEXT NOT NULL,
  at {BIGINT} NOT NULL,
  elapsed_minutes {BIGINT},
  allowed TEXT,
  overdue INTEGER NOT NULL,
  payload TEXT NOT NULL,               -- JSON details
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (office, seq)
);
CREATE INDEX events_application ON events(application_id, seq);
CREATE TABLE outbox (
  id {ID},
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at {BIGINT} NOT NULL,
  attempts INTEGER NOT NULL,
  next_attempt_at {BIGINT} NOT NULL,
  claimed_until {BIGINT},
  sent_at {BIGINT},
  last_error TEXT
);
CREATE INDEX outbox_pending ON outbox(sent_at, next_attempt_at);
CREATE TABLE counters (
  office TEXT NOT NULL,
  kind TEXT NOT NULL,                  -- registration | permit
  year INTEGER NOT NULL,
  value {BIGINT} NOT NULL,
  PRIMARY KEY (office, kind, year)
);
CREATE TABLE idempotency_keys (
  user_id {BIGINT} NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  created_at {BIGINT} NOT NULL,
  PRIMARY KEY (user_id, key)
)
)SQL"},
      {2, "published SOP versions", R"SQL(
CREATE TABLE sop_versions (
  code TEXT NOT NULL,
  version INTEGER NOT NULL,
  office TEXT NOT NULL,
  sha256 TEXT NOT NULL,                -- of the definition file as published
  source TEXT NOT NULL,                -- the definition itself, so old versions outlive their files
  published_at {BIGINT} NOT NULL,
  PRIMARY KEY (code, version)
)
)SQL"},
      {3, "generated documents", R"SQL(
CREATE TABLE generated_documents (
  id {ID},
  application_id {BIGINT} NOT NULL REFERENCES applications(id),
  office TEXT NOT NULL,
  event_seq {BIGINT} NOT NULL,         -- the audit event that produced it
  kind TEXT NOT NULL,                  -- tanda_terima, surat_pengembalian, undangan, ...
  status TEXT NOT NULL,                -- pending (planned in the event's transaction), ready
  verify_code TEXT NOT NULL UNIQUE,    -- public verification: /verify/{code}
  sha256 TEXT,
  size_bytes {BIGINT},
  signer_role TEXT,                    -- set when the SOP's signing step produced it: sign before ready
  signed INTEGER NOT NULL DEFAULT 0,
  signer TEXT,                         -- the signing certificate's subject
  print_count INTEGER NOT NULL DEFAULT 0,
  printed_at {BIGINT},                 -- the latest print, recorded by an officer
  printed_by {BIGINT},
  delivered_at {BIGINT},               -- first received by the applicant (download or handover)
  created_at {BIGINT} NOT NULL,
  ready_at {BIGINT},
  valid_until {BIGINT},
  revoked_at {BIGINT},
  revoked_reason TEXT
);
CREATE INDEX generated_documents_app ON generated_documents(application_id);
CREATE INDEX generated_documents_pending ON generated_documents(status)
)SQL"},
      {4, "office closures", R"SQL(
CREATE TABLE office_closures (
  office TEXT NOT NULL,
  day TEXT NOT NULL,                   -- YYYY-MM-DD, the office's local date
  name TEXT NOT NULL,
  created_by {BIGINT} NOT NULL REFERENCES users(id),
  created_at {BIGINT} NOT NULL,
  PRIMARY KEY (office, day)
)
)SQL"},
      // Every change to an application's row is announced to every app server sharing the
      // database (NOTIFY is delivered at COMMIT, and not at all on ROLLBACK), so each can drop
      // its cached copy (service/application_cache.hpp). A trigger, so that no writer, not even
      // a manual fix in psql, can change a row without the announcement. The body stays on one
      // line: statements are split at line-ending semicolons.
      {5, "application change notifications", R"SQL(
CREATE FUNCTION satupintu_application_changed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('satupintu_applications', COALESCE(NEW.id, OLD.id)::text); RETURN NULL; END $$;
CREATE TRIGGER applications_changed AFTER UPDATE OR DELETE ON applications FOR EACH ROW EXECUTE FUNCTION satupintu_application_changed()
)SQL", true},
      // Acting on the scheduling step counts the application's schedules, and the invitation
      // reads the latest one: without this index each of those read the whole table, so every
      // lifecycle got slower as the office's history grew.
      {6, "schedules by application", R"SQL(
CREATE INDEX schedules_application ON schedules(application_id)
)SQL"},
      // A NIK belongs to an approved account only. A registration claims one until it is
      // approved, so a pending (or rejected) registration can no longer block the NIK's owner,
      // and several registrations may claim the same NIK until the office decides.
      {7, "registrations claim a NIK", R"SQL(
ALTER TABLE users ADD COLUMN claimed_nik TEXT;
UPDATE users SET claimed_nik = nik, nik = NULL WHERE kind = 'applicant' AND status <> 'active';
CREATE INDEX users_claimed_nik ON users(claimed_nik)
)SQL"},
      // Failed sign-ins are throttled per account and client address, so an attacker elsewhere
      // cannot lock the owner out.
      {8, "sign-in failures by address", R"SQL(
ALTER TABLE login_failures ADD COLUMN address TEXT;
CREATE INDEX login_failures_address ON login_failures(email, address, at)
)SQL"},
      // Separation of duties: a signing role is granted only when a second admin approves the
      // request (or the deployment operator sets it), and a document is signed with the key of
      // the person who acted, not of the role.
      {9, "role grants and personal signers", R"SQL(
CREATE TABLE role_grants (
  id {ID},
  user_id {BIGINT} NOT NULL REFERENCES users(id),
  office TEXT NOT NULL,
  roles TEXT NOT NULL,                 -- the officer's whole role list once approved (JSON)
  requested_by {BIGINT} NOT NULL,
  requested_at {BIGINT} NOT NULL,
  status TEXT NOT NULL,                -- pending | approved
  decided_by {BIGINT},
  decided_at {BIGINT}
);
CREATE INDEX role_grants_office ON role_grants(office, status);
ALTER TABLE generated_documents ADD COLUMN signer_user_id {BIGINT}
)SQL"},
      // Mail anyone can trigger (registration notices, password links) is limited per recipient:
      // counting it needs the recipient's recent mail.
      {10, "outbox by recipient", R"SQL(
CREATE INDEX outbox_recipient ON outbox(recipient, created_at)
)SQL"},
      // An officer's civil-service number (NIP, 18 digits), recorded by the office's admin and
      // printed under the officer's name where they sign.
      {11, "officers' NIP", R"SQL(
ALTER TABLE users ADD COLUMN nip TEXT
)SQL"},
      // The office-files search finds a fragment anywhere in a registration number, a permit
      // number or an applicant's name. On PostgreSQL trigram indexes answer that from the index
      // at a deployment's full size (pg_trgm ships with PostgreSQL and is a trusted extension:
      // the database's owner may create it). SQLite scans the office's rows.
      {12, "office search by fragment", R"SQL(
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX applications_registration_trgm ON applications USING gin (lower(registration_number) gin_trgm_ops);
CREATE INDEX applications_permit_number_trgm ON applications USING gin (lower(permit_number) gin_trgm_ops);
CREATE INDEX users_full_name_trgm ON users USING gin (lower(full_name) gin_trgm_ops)
)SQL", true},
      // A worklist marks files back from the applicant or sent back by a later step: kept on the
      // row by each transition, since finding it in the audit events cost a large office's
      // worklist a query over thousands of events.
      {13, "how a file reached its step", R"SQL(
ALTER TABLE applications ADD COLUMN arrived_from INTEGER NOT NULL DEFAULT 0
)SQL"},
      // One account serves every office. An applicant's standing with each office they
      // registered at or applied to: `pending` while an office whose SOP has account steps
      // decides, `approved` (at once where it has none), `rejected` with the reason. Existing
      // applicants keep what their office decided.
      {14, "applicants' standing per office", R"SQL(
CREATE TABLE office_approvals (
  user_id {BIGINT} NOT NULL REFERENCES users(id),
  office TEXT NOT NULL,
  status TEXT NOT NULL,                -- pending | approved | rejected
  requested_at {BIGINT} NOT NULL,
  decided_at {BIGINT},
  decided_by {BIGINT},
  note TEXT,
  PRIMARY KEY (user_id, office)
);
CREATE INDEX office_approvals_office ON office_approvals(office, status);
INSERT INTO office_approvals (user_id, office, status, requested_at, decided_at, decided_by, note)
  SELECT id, office, CASE status WHEN 'active' THEN 'approved' WHEN 'disabled' THEN 'approved' ELSE status END,
         created_at, decided_at, decided_by, decision_note
  FROM users WHERE kind = 'applicant' AND office IS NOT NULL
)SQL"},
      // A walk-in applicant's file is opened at the counter, by the officer who then does the
      // applicant's part for them (uploads, submission); NULL for a file the applicant opened.
      {15, "files opened at the counter", R"SQL(
ALTER TABLE applications ADD COLUMN opened_by {BIGINT}
)SQL"},
      {16, "SOP versions published by an office admin", R"SQL(
ALTER TABLE sop_versions ADD COLUMN published_by {BIGINT}
)SQL"},
      {17, "satisfaction survey answers", R"SQL(
CREATE TABLE survey_answers (
  application_id {BIGINT} PRIMARY KEY,  -- one answer per application
  office TEXT NOT NULL,
  permit TEXT NOT NULL,
  answered_at {BIGINT} NOT NULL,
  u1 INTEGER NOT NULL, u2 INTEGER NOT NULL, u3 INTEGER NOT NULL, u4 INTEGER NOT NULL, u5 INTEGER NOT NULL,
  u6 INTEGER NOT NULL, u7 INTEGER NOT NULL, u8 INTEGER NOT NULL, u9 INTEGER NOT NULL,
  comment TEXT NOT NULL,
  gender TEXT NOT NULL,
  age_band TEXT NOT NULL,
  education TEXT NOT NULL,
  occupation TEXT NOT NULL
);
CREATE INDEX survey_answers_office_time ON survey_answers (office, answered_at);
)SQL"},
      {18, "the register's order and its steps", R"SQL(
CREATE INDEX applications_register ON applications (office, submitted_at, id);
DROP INDEX events_application;
CREATE INDEX events_application ON events (application_id, seq, kind, step, at, overdue, elapsed_minutes)
)SQL"},
      // The Mutu Baku dashboard reads an office's steps done in a period: this index holds every
      // column it needs, so a quarter of a large office is one range of one index.
      {19, "the steps an office did, by time", R"SQL(
CREATE INDEX events_office_time ON events (office, kind, at, role, step, actor_id, elapsed_minutes, overdue, application_id)
)SQL"},
      // The monthly report counts the files decided in a period. A closed file's step_started_at
      // is the moment it closed from now on; files closed before take their last step's time. The
      // index is partial, so an open file's steps never touch it.
      {20, "when a file was decided", R"SQL(
UPDATE applications SET step_started_at = (SELECT MAX(e.at) FROM events e WHERE e.application_id = applications.id AND e.kind IN ('acted', 'withdrawn')) WHERE phase = 'closed' AND EXISTS (SELECT 1 FROM events e WHERE e.application_id = applications.id AND e.kind IN ('acted', 'withdrawn'));
CREATE INDEX applications_decided ON applications (office, step_started_at) WHERE phase = 'closed'
)SQL"},
      // Escalation (service/escalations.hpp): a step visit is escalated once, whichever server
      // sees it first; the key is the visit (a file back at a step after a return is a new one).
      // An office's daily digest of overdue files likewise once per local day. Notifications are
      // what the web app shows an account; they carry structured facts, worded by the reader.
      {21, "escalation and notifications", R"SQL(
CREATE TABLE escalations (
  application_id {BIGINT} NOT NULL REFERENCES applications(id),
  step INTEGER NOT NULL,
  step_started_at {BIGINT} NOT NULL,
  office TEXT NOT NULL,
  role TEXT NOT NULL,                  -- the role told; '' when the step's role is the top of the chain
  recipients INTEGER NOT NULL,         -- how many accounts were told
  at {BIGINT} NOT NULL,
  PRIMARY KEY (application_id, step, step_started_at)
);
CREATE TABLE escalation_digests (
  office TEXT NOT NULL,
  day {BIGINT} NOT NULL,               -- the office's local day, days since 1970-01-01
  files INTEGER NOT NULL,
  at {BIGINT} NOT NULL,
  PRIMARY KEY (office, day)
);
CREATE TABLE notifications (
  id {ID},
  account_id {BIGINT} NOT NULL REFERENCES users(id),
  office TEXT NOT NULL,
  kind TEXT NOT NULL,                  -- escalation | digest
  application_id {BIGINT},
  payload TEXT NOT NULL,               -- JSON facts of the notice
  created_at {BIGINT} NOT NULL,
  read_at {BIGINT}
);
CREATE INDEX notifications_account ON notifications (account_id, id)
)SQL"},
      // Complaints (service/complaints.hpp). The number is what a filer without an account holds:
      // its random tail keeps the public lookup from being walked through.
      {22, "complaints", R"SQL(
CREATE TABLE complaints (
  id {ID},
  number TEXT NOT NULL UNIQUE,
  office TEXT NOT NULL,
  application_id {BIGINT} REFERENCES applications(id),
  filer_id {BIGINT} REFERENCES users(id),
  filer_name TEXT NOT NULL,
  filer_email TEXT NOT NULL,           -- '' when not given
  filer_phone TEXT NOT NULL,           -- '' when not given
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL,                -- received | answered | closed
  assigned_to {BIGINT} REFERENCES users(id),
  answer TEXT NOT NULL DEFAULT '',
  answered_by {BIGINT} REFERENCES users(id),
  filed_at {BIGINT} NOT NULL,
  due_at {BIGINT} NOT NULL,
  answered_at {BIGINT},
  closed_at {BIGINT},
  key_hash TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX complaints_office ON complaints (office, status, id);
CREATE INDEX complaints_filer ON complaints (filer_id, id);
CREATE INDEX complaints_email ON complaints (filer_email, filed_at);
CREATE INDEX complaints_phone ON complaints (filer_phone, filed_at);
CREATE TABLE complaint_attachments (
  id {ID},
  complaint_id {BIGINT} NOT NULL REFERENCES complaints(id),
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size {BIGINT} NOT NULL,
  uploaded_at {BIGINT} NOT NULL
);
CREATE INDEX complaint_attachments_complaint ON complaint_attachments (complaint_id)
)SQL"},
      // The monthly report's files open at a period's end (service/monthly_report.cpp): the
      // worklist index holds every draft never submitted too, and reading each open file's row
      // for its SOP cost a random read per file (about a thousand per office at the million,
      // 60 ms and more when not cached); this one answers from the index alone.
      {23, "open files by registration", R"SQL(
CREATE INDEX applications_open ON applications (office, submitted_at, sop_code) WHERE phase IN ('at_step', 'with_applicant') AND registration_number IS NOT NULL
)SQL"},
  };
  return list;
}

std::string dialect(std::string sql, Backend b) {
  const auto replace_all = [&](const std::string& from, const std::string& to) {
    for (std::size_t p = sql.find(from); p != std::string::npos; p = sql.find(from, p + to.size()))
      sql.replace(p, from.size(), to);
  };
  const bool pg = b == Backend::Postgres;
  replace_all("{ID}", pg ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT");
  replace_all("{BIGINT}", pg ? "BIGINT" : "INTEGER");
  return sql;
}

std::vector<std::string> statements(const std::string& sql) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream in(sql);
  for (std::string line; std::getline(in, line);) {
    if (const auto c = line.find("--"); c != std::string::npos) line.erase(c);
    cur += line + "\n";
    if (!line.empty() && line.find_last_not_of(" \t") != std::string::npos &&
        line[line.find_last_not_of(" \t")] == ';') {
      cur.erase(cur.find_last_of(';'));
      out.push_back(cur);
      cur.clear();
    }
  }
  if (cur.find_first_not_of(" \t\n") != std::string::npos) out.push_back(cur);
  return out;
}

}  // namespace

int latest_schema_version() { return migrations().back().version; }

Result<int> migrate(Database& db) {
  auto made = db.write([&](soci::session& s) -> Result<bool> {
    s << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
         "applied_at BIGINT NOT NULL)";
    return true;
  });
  if (!made) return made.error();
  int reached = 0;
  for (const auto& m : migrations()) {
    auto applied = db.write([&](soci::session& s) -> Result<bool> {
      // Two app servers starting together on one PostgreSQL take turns here.
      if (db.backend() == Backend::Postgres) s << "SELECT pg_advisory_xact_lock(72617)";
      int count = 0;
      s << "SELECT COUNT(*) FROM schema_migrations WHERE version = :v", soci::use(m.version), soci::into(count);
      if (count > 0) return false;
      if (!m.postgres_only || db.backend() == Backend::Postgres)
        for (const auto& stmt : statements(dialect(m.sql, db.backend()))) s << stmt;
      const long long now = static_cast<long long>(std::time(nullptr));
      const std::string name = m.name;
      s << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :t)", soci::use(m.version),
          soci::use(name), soci::use(now);
      return true;
    });
    if (!applied) return applied.error();
    if (*applied) spdlog::info("migration {} applied: {}", m.version, m.name);
    reached = m.version;
  }
  return reached;
}

}  // namespace sp::store
