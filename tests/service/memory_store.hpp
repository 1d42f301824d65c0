#pragma once
// An in-memory Store for service tests that need no database: every repository keeps its rows in
// plain containers. A write works on a copy of the data and keeps it only when the unit of work
// succeeds, so rollback behaves as in the SQL store. Single-threaded: units of work run one at a
// time.
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "store/account_repository.hpp"
#include "store/application_repository.hpp"
#include "store/audit_repository.hpp"
#include "store/closure_repository.hpp"
#include "store/complaint_repository.hpp"
#include "store/generated_document_repository.hpp"
#include "store/idempotency_repository.hpp"
#include "store/numbering_repository.hpp"
#include "store/outbox_repository.hpp"
#include "store/role_grant_repository.hpp"
#include "store/sop_version_repository.hpp"
#include "store/dashboard_repository.hpp"
#include "store/escalation_repository.hpp"
#include "store/notification_repository.hpp"
#include "store/office_report_repository.hpp"
#include "store/register_repository.hpp"
#include "store/survey_repository.hpp"
#include "store/store.hpp"

namespace sp::testing {

// An outbox row with its delivery state.
struct MemoryMail {
  store::OutboxMail mail;
  long long id = 0;
  std::optional<Instant> sent, claimed_until;
  int attempts = 0;
  Instant next_attempt;
  std::string last_error;
};

// A user as the account repository sees it.
struct MemoryUser {
  MemoryUser() = default;
  MemoryUser(std::string k, std::string o, std::string e, std::string n)
      : kind(std::move(k)), office(std::move(o)), email(std::move(e)), full_name(std::move(n)) {}
  std::string kind, office, email, full_name;  // kind: applicant, officer, admin
  std::string status = "active", nik, claimed_nik, phone, profession, password_hash, nip;
  Instant created;
};

struct MemoryToken {
  store::OneTimeToken token;
  std::string purpose;
};

struct MemoryFailure {
  std::string email, address;
  Instant at;
};

struct MemoryData {
  std::map<long long, MemoryUser> users;
  std::map<long long, std::vector<std::string>> roles;
  std::map<std::pair<long long, std::string>, store::OfficeApproval> approvals;  // by user and office
  std::vector<store::RoleGrantRecord> role_grants;
  std::vector<MemoryMail> outbox;
  std::map<std::string, store::ChainHead> heads;
  // Events placed and hashed by the store in one step (as on PostgreSQL), or by the service
  // after locking the head (as on SQLite).
  bool chained_appends = true;
  std::vector<store::AuditRecord> events;
  std::map<std::tuple<std::string, std::string, int>, long long> counters;
  std::map<std::pair<long long, std::string>, store::IdempotencyRecord> idempotency;
  std::map<std::pair<std::string, int>, store::PublishedSop> sop_versions;
  std::map<std::string, MemoryToken> tokens;           // by token hash
  std::map<std::string, store::SessionRecord> sessions;  // by token hash
  std::vector<MemoryFailure> failures;
  std::map<long long, store::ApplicationRow> applications;
  std::vector<store::DocumentRecord> documents;
  std::vector<std::tuple<long long, long long, store::ReturnReason>> return_reasons;  // application, event
  std::vector<store::ScheduleRecord> schedules;
  std::vector<store::GeneratedDocumentRecord> generated;
  std::map<std::string, std::vector<store::ClosureRecord>> closures;  // by office
  std::map<long long, store::SurveyAnswerRecord> survey;              // by application
  std::vector<store::EscalationRecord> escalations;
  std::map<std::pair<std::string, long long>, int> digests;  // by office and local day: files listed
  std::vector<store::NotificationRecord> notifications;
  std::vector<store::ComplaintRecord> complaints;  // id = position + 1
  std::vector<store::ComplaintAttachmentRecord> complaint_attachments;
};

class MemoryStore final : public store::Store {
 public:
  MemoryData data;  // what has been committed
  int commits = 0, rollbacks = 0;

 protected:
  void run_write(store::FunctionRef<bool(store::Transaction&)> body,
                 store::FunctionRef<void(const Error&)> fail) override;
  void run_read(store::FunctionRef<bool(store::Transaction&)> body,
                store::FunctionRef<void(const Error&)> fail) override;
};

}  // namespace sp::testing
