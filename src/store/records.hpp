#pragma once
// The rows the repositories read and write, as plain values: no SQL types, so services and their
// in-memory test fakes use them without a database. Instants are UTC seconds (core/instant.hpp).
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/instant.hpp"

namespace sp::store {

// One mail in the transactional outbox (service/outbox.hpp).
struct OutboxMail {
  std::string recipient, subject, body;
  Instant created;
};

// A mail claimed for delivery (notify/outbox_worker.hpp).
struct ClaimedMail {
  long long id = 0;
  std::string recipient, subject, body;
  int attempts = 0;  // including this one
};

// One audit event as stored: service/audit_log.hpp decides its content and hash.
struct AuditRecord {
  std::string office;
  long long seq = 0;
  std::optional<long long> application_id;
  std::string kind;
  std::optional<long long> actor_id;
  std::string role;
  int step = 0;
  std::string action, note;
  long long at = 0;
  std::optional<long long> elapsed_minutes;
  std::string allowed;
  bool overdue = false;
  std::string payload;  // JSON text
  std::string prev_hash, hash;
};

// How an event's hash follows from its place in the chain: the SHA-256 (hex) of
// prefix + prev_hash + middle + decimal seq + suffix. Lets a backend place and hash an event in
// one statement (AuditRepository::append_chained).
struct ChainHashTemplate {
  std::string prefix, middle, suffix;
};

// The last event of an office's chain.
struct ChainHead {
  std::string office;
  long long seq = 0;
  std::string hash;
};

// One published SOP definition: the text every application of that version follows.
struct PublishedSop {
  std::string code;
  int version = 0;
  std::string office, sha256, source;
  Instant published;
  long long published_by = 0;  // the office admin who published it in the web app; 0: from a file at start
};

// A request to change an officer's roles that a second admin must approve.
struct RoleGrantRecord {
  long long id = 0, user_id = 0, requested_by = 0;
  std::string office;
  std::vector<std::string> roles;
  Instant requested;
  std::string status;  // pending, approved
};

struct PendingRoleGrant {
  RoleGrantRecord grant;
  std::string officer_name, requested_by_name;
};

// An Idempotency-Key's record (service/idempotency.hpp).
struct IdempotencyRecord {
  std::string request_hash;
  int status = 0;  // 0 while the request that claimed the key has not finished
  std::string body;
};

}  // namespace sp::store

namespace sp::store {

// One application as stored: the engine's state in its stored words (service/application_record
// turns it into an ApplicationState against the SOP it runs under).
struct ApplicationRow {
  long long id = 0;
  std::string office, sop_code;
  int sop_version = 0;
  long long applicant_id = 0;
  std::string registration_number, permit_number;  // empty until assigned
  int step = 0;                                    // the step's number in the SOP
  std::string phase = "at_step", outcome = "none", verdict = "grant";
  Instant created, step_started;
  std::optional<Instant> deadline, submitted;
  long long office_minutes = 0, applicant_minutes = 0;
  int version = 0;
  // How the file reached its step: 0 forwarded (or submitted), -1 resubmitted after a return,
  // N sent back from step N. Written with each transition; read by worklists only.
  int arrived_from = 0;
  // The counter officer who opened the file for a walk-in applicant; 0 when the applicant did.
  long long opened_by = 0;
  std::string data;  // the form, JSON text
  // The applicant's name and e-mail, read with the row (empty where a query leaves them out).
  std::string applicant_name, applicant_email;
};

// One uploaded requirement document (every revision is kept).
struct DocumentRecord {
  long long id = 0, application_id = 0;
  std::string requirement;
  int revision = 0;
  std::string filename, content_type, sha256;
  long long size = 0, uploaded_by = 0;
  Instant uploaded;
};

// A technical meeting or field inspection.
struct ScheduleRecord {
  long long id = 0, application_id = 0;
  std::string kind;  // rapat_kajian_teknis, peninjauan_lapangan
  Instant at;
  std::string place, members;  // members: JSON array text
  long long created_by = 0;
  Instant created;
};

struct ReturnReason {
  std::string requirement, reason;
};

// What an upload needs to know of the documents already there.
struct UploadFacts {
  long long others_size = 0;  // the latest revisions of the other requirements, in bytes
  int last_revision = 0;      // of this requirement; 0 when none
};

// An event of an application's timeline, with the name of the person who acted.
struct TimelineEvent {
  AuditRecord event;
  std::string actor_name;  // empty when nobody (or nobody known) acted
};

// A document the office issues, as planned in the action's transaction and produced after it.
struct GeneratedDocumentRecord {
  long long id = 0, application_id = 0, event_seq = 0;
  std::string office, kind, status = "pending", verify_code;  // status: pending, ready
  std::string signer_role;                                    // empty: not for signature
  long long signer_user_id = 0;                               // 0: none (or the role's key)
  std::optional<Instant> valid_until;
  Instant created;
  // Set once produced:
  std::string sha256, signer;  // signer: the certificate's subject, when signed
  std::optional<long long> size;
  bool is_signed = false;
  std::optional<Instant> ready_at;
  // Life after issue:
  int print_count = 0;
  std::optional<Instant> printed_at, delivered_at, revoked_at;
  std::string revoked_reason;
};

// What the public verification page shows of a document, with its application's facts.
struct VerificationRecord {
  GeneratedDocumentRecord document;
  std::string registration_number, permit_number, sop_code, holder;
  int sop_version = 0;
};

// Everything filed with an application, as its detail view shows it: the documents uploaded
// (every revision), the documents the office generated, the reasons of the latest return.
struct ApplicationFiles {
  std::vector<DocumentRecord> documents;
  std::vector<GeneratedDocumentRecord> generated;
  std::vector<ReturnReason> latest_return_reasons;
  std::optional<std::string> form;  // the application's form (JSON text), when asked for
};

// A user account.
struct UserRecord {
  long long id = 0;
  std::string kind = "applicant";  // applicant, officer, admin
  std::string office, full_name, email, phone, profession;
  std::string status = "pending";  // pending, active, rejected, disabled
  std::string nik;                 // the confirmed NIK, or (in listings) the claimed one
  std::string nip;                 // an officer's civil-service number (NIP), when recorded; in listings only
  std::string password_hash;       // empty: none set
  Instant created;
};

// A new account; `nik` goes in as confirmed for an active account, as claimed for a registration.
struct NewUser {
  std::string kind, office, full_name, email, phone, profession, status, nik, password_hash;
  Instant created;
  std::optional<long long> decided_by;  // staff created by an admin
};

// A one-time link (set or reset a password).
struct OneTimeToken {
  long long user_id = 0;
  Instant expires;
  bool used = false;
};

// A signed-in session and the account behind it.
struct SessionRecord {
  std::string token_hash;
  long long user_id = 0;
  std::string kind, csrf_token;  // kind: cookie, bearer
  Instant created, expires;
};
struct SessionAccount {
  UserRecord user;
  SessionRecord session;
};

// Failed sign-ins in a window: how many and the latest.
struct FailureCount {
  int count = 0;
  Instant latest;
};

// An extra day the office is closed (a local date, YYYY-MM-DD).
struct ClosureRecord {
  std::string day, name;
};

// One answer to the satisfaction survey (PermenPAN-RB 14/2017).
struct SurveyAnswerRecord {
  long long application_id = 0;
  std::string office, permit;  // the permit's code
  Instant answered;
  std::array<int, 9> scores{};  // the 9 elements (survey/ikm.hpp), 1 to 4 each
  std::string comment;
  std::string gender, age_band, education, occupation;  // the respondent's profile, as codes
};

}  // namespace sp::store
