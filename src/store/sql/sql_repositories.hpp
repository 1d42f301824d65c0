#pragma once
// The SQL repositories (one shared SQL text per statement, differences in Dialect), bound to one
// SOCI session inside a transaction. Internal to store/.
#include <soci/soci.h>

#include "store/account_repository.hpp"
#include "store/application_repository.hpp"
#include "store/audit_repository.hpp"
#include "store/closure_repository.hpp"
#include "store/complaint_repository.hpp"
#include "store/generated_document_repository.hpp"
#include "store/dialect.hpp"
#include "store/escalation_repository.hpp"
#include "store/idempotency_repository.hpp"
#include "store/notification_repository.hpp"
#include "store/numbering_repository.hpp"
#include "store/office_report_repository.hpp"
#include "store/outbox_repository.hpp"
#include "store/dashboard_repository.hpp"
#include "store/register_repository.hpp"
#include "store/role_grant_repository.hpp"
#include "store/sop_version_repository.hpp"
#include "store/survey_repository.hpp"

namespace sp::store {

class SqlOutboxRepository final : public OutboxRepository {
 public:
  SqlOutboxRepository(soci::session& s, Dialect d) : s_(s), d_(d) {}
  void enqueue(const OutboxMail& mail) override;
  int count_since(const std::string& recipient, const std::string& subject, Instant since) override;
  std::vector<ClaimedMail> claim_due(Instant now, Instant lease_until, int limit) override;
  void mark_sent(long long id, Instant at) override;
  void mark_failed(long long id, Instant retry_at, const std::string& error) override;

 private:
  soci::session& s_;
  Dialect d_;
};

class SqlAuditRepository final : public AuditRepository {
 public:
  SqlAuditRepository(soci::session& s, Dialect d) : s_(s), d_(d) {}
  ChainHead lock_head(const std::string& office, const std::string& genesis) override;
  void append(const AuditRecord& event) override;
  std::optional<long long> append_chained(const AuditRecord& event, const ChainHashTemplate& hash) override;
  // SQLite has no SHA-256 function.
  bool can_append_chained() const override { return d_.postgres; }
  void ensure_heads(const std::vector<std::string>& offices, const std::string& genesis) override;
  std::vector<ChainHead> heads() override;
  void scan(const std::string& office, const std::function<bool(const AuditRecord&)>& visit) override;

 private:
  soci::session& s_;
  Dialect d_;
};

class SqlNumberingRepository final : public NumberingRepository {
 public:
  SqlNumberingRepository(soci::session& s, Dialect d) : s_(s), d_(d) {}
  long long next(const std::string& office, const std::string& kind, int year) override;

 private:
  soci::session& s_;
  Dialect d_;
};

class SqlIdempotencyRepository final : public IdempotencyRepository {
 public:
  SqlIdempotencyRepository(soci::session& s, Dialect d) : s_(s), d_(d) {}
  std::optional<IdempotencyRecord> find(long long user_id, const std::string& key) override;
  bool claim(long long user_id, const std::string& key, const std::string& request_hash, Instant at) override;
  void store_response(long long user_id, const std::string& key, const IdempotencyRecord& response, Instant at) override;

 private:
  soci::session& s_;
  Dialect d_;
};

class SqlSopVersionRepository final : public SopVersionRepository {
 public:
  SqlSopVersionRepository(soci::session& s, Dialect d) : s_(s), d_(d) {}
  void lock_for_publishing() override;
  std::optional<std::string> published_sha(const std::string& code, int version) override;
  void publish(const PublishedSop& sop) override;
  std::optional<PublishedSop> find(const std::string& code, int version) override;
  std::vector<PublishedSop> all() override;

 private:
  soci::session& s_;
  Dialect d_;
};

class SqlAccountRepository final : public AccountRepository {
 public:
  SqlAccountRepository(soci::session& s, Dialect d) : s_(s), d_(d) {}
  std::vector<std::string> roles(long long user_id) override;
  void replace_roles(long long user_id, const std::string& office, const std::vector<std::string>& roles) override;
  std::optional<std::string> staff_kind(long long user_id, const std::string& office) override;
  std::optional<long long> staff_id_by_email(const std::string& email, const std::string& office) override;
  std::optional<std::string> full_name(long long user_id) override;
  std::vector<std::pair<long long, std::string>> active_holders(const std::string& office, const std::string& role) override;
  bool any_email_ending(const std::string& suffix) override;
  std::optional<UserRecord> find(long long user_id) override;
  std::optional<UserRecord> by_email(const std::string& email) override;
  std::optional<UserRecord> active_by_nik(const std::string& nik) override;
  long long insert(const NewUser& user) override;
  void renew_registration(long long user_id, const NewUser& user) override;
  std::vector<ListedAccount> of_office(const std::string& office, const std::string& status,
                                      Instant pending_cutoff) override;
  std::optional<OfficeApproval> approval(long long user_id, const std::string& office) override;
  std::vector<OfficeApproval> approvals_of(long long user_id) override;
  bool link_office(long long user_id, const std::string& office, const std::string& status, Instant at) override;
  void set_approval(long long user_id, const std::string& office, const std::string& status, Instant at, long long by,
                    const std::string& note) override;
  bool claimed_nik_taken(long long user_id) override;
  void confirm_nik(long long user_id) override;
  void decide(long long user_id, const std::string& status, Instant at, long long by, const std::string& note) override;
  void set_password(long long user_id, const std::string& hash) override;
  void set_status(long long user_id, const std::string& status) override;
  void set_nip(long long user_id, const std::string& nip) override;
  std::string nip(long long user_id) override;
  void add_token(const std::string& token_hash, long long user_id, const std::string& purpose, Instant expires) override;
  std::optional<OneTimeToken> token(const std::string& token_hash) override;
  void use_token(const std::string& token_hash, Instant at) override;
  void add_session(const SessionRecord& s) override;
  std::optional<SessionAccount> session(const std::string& token_hash) override;
  void delete_session(const std::string& token_hash) override;
  void delete_sessions_of(long long user_id) override;
  FailureCount failures(const std::string& email, const std::optional<std::string>& address, Instant since) override;
  void add_failure(const std::string& email, const std::string& address, Instant at) override;
  void clear_failures(const std::string& email, const std::optional<std::string>& address) override;

 private:
  soci::session& s_;
  Dialect d_;
};

class SqlRoleGrantRepository final : public RoleGrantRepository {
 public:
  SqlRoleGrantRepository(soci::session& s, Dialect d) : s_(s), d_(d) {}
  long long request(const RoleGrantRecord& grant) override;
  std::optional<RoleGrantRecord> find(long long id) override;
  void approve(long long id, long long decided_by, Instant at) override;
  std::vector<PendingRoleGrant> pending(const std::string& office) override;

 private:
  soci::session& s_;
  Dialect d_;
};

class SqlApplicationRepository final : public ApplicationRepository {
 public:
  SqlApplicationRepository(soci::session& s, Dialect d) : s_(s), d_(d) {}
  std::optional<ApplicationRow> find(long long id) override;
  std::optional<long long> id_by_registration(const std::string& registration_number) override;
  long long insert(const ApplicationRow& row) override;
  bool update_state(const ApplicationRow& row, int expected_version) override;
  void set_deadline(long long id, Instant deadline) override;
  void set_data(long long id, const std::string& data) override;
  std::vector<long long> running_with_deadline(const std::string& office) override;
  std::vector<ApplicationRow> at_steps(const std::string& office, const std::string& sop_code, int sop_version,
                                       const std::vector<int>& steps) override;
  std::vector<ApplicationRow> of_applicant(long long applicant_id) override;
  std::vector<ApplicationRow> search(const std::string& office, const std::string& text, int limit) override;
  std::vector<ApplicationRow> awaiting_handover(const std::string& office, bool printed, const std::string& text,
                                                int limit) override;
  std::vector<DocumentRecord> documents(long long application_id) override;
  std::optional<DocumentRecord> document(long long application_id, long long document_id) override;
  UploadFacts upload_facts(long long application_id, const std::string& requirement) override;
  ApplicationFiles files(long long application_id, bool with_returns, bool with_form) override;
  long long add_document(const DocumentRecord& doc) override;
  std::vector<std::string> requirements_present(long long application_id) override;
  void add_return_reason(long long application_id, long long event_seq, const ReturnReason& r) override;
  std::vector<ReturnReason> return_reasons(long long application_id, long long event_seq) override;
  long long add_schedule(const ScheduleRecord& s) override;
  int schedule_count(long long application_id) override;
  std::optional<ScheduleRecord> latest_schedule(long long application_id) override;
  std::vector<TimelineEvent> timeline(const std::string& office, long long application_id) override;
  std::optional<AuditRecord> latest_event(long long application_id, const std::string& action) override;
  std::optional<AuditRecord> event(const std::string& office, long long seq) override;

 private:
  // The reasons of the latest return (files() on SQLite).
  std::vector<ReturnReason> latest_return_reasons(long long application_id);
  soci::session& s_;
  Dialect d_;
};

class SqlGeneratedDocumentRepository final : public GeneratedDocumentRepository {
 public:
  SqlGeneratedDocumentRepository(soci::session& s, Dialect d) : s_(s), d_(d) {}
  void plan(const GeneratedDocumentRecord& doc) override;
  std::vector<GeneratedDocumentRecord> pending(std::optional<long long> application_id, int limit) override;
  void mark_ready(long long id, const std::string& sha256, long long size, Instant at, const std::string& signer) override;
  std::optional<GeneratedDocumentRecord> find(long long application_id, long long id) override;
  bool mark_delivered(long long id, Instant at) override;
  void revoke(long long id, Instant at, const std::string& reason) override;
  int record_print(long long id, Instant at, long long by) override;
  std::optional<VerificationRecord> by_verify_code(const std::string& code) override;
  // Every document of the application, by id (SqlApplicationRepository::files on SQLite).
  std::vector<GeneratedDocumentRecord> of_application(long long application_id);

 private:
  soci::session& s_;
  Dialect d_;
};

class SqlRegisterRepository final : public RegisterRepository {
 public:
  SqlRegisterRepository(soci::session& s, Dialect d) : s_(s), d_(d) {}
  std::vector<RegisterEntry> page(const RegisterQuery& q, const std::optional<RegisterCursor>& after, int limit) override;
  long long count(const RegisterQuery& q) override;

 private:
  soci::session& s_;
  Dialect d_;
};

class SqlDashboardRepository final : public DashboardRepository {
 public:
  SqlDashboardRepository(soci::session& s, Dialect d) : s_(s), d_(d) {}
  void steps_done(const DashboardQuery& q, FunctionRef<void(const StepDoneRecord&)> each) override;
  std::vector<DayTally> daily_tallies(const DashboardQuery& q, long long utc_offset_seconds) override;
  std::vector<OverdueRecord> overdue(const OverdueQuery& q, int limit) override;
  long long overdue_count(const OverdueQuery& q) override;
  std::vector<std::pair<long long, std::string>> names(const std::vector<long long>& ids) override;

 private:
  soci::session& s_;
  Dialect d_;
};

class SqlOfficeReportRepository final : public OfficeReportRepository {
 public:
  SqlOfficeReportRepository(soci::session& s, Dialect d) : s_(s), d_(d) {}
  std::vector<SopTally> period_counts(const OfficeReportQuery& q) override;
  std::vector<SopTally> open_at(const std::string& office, Instant at) override;

 private:
  soci::session& s_;
  Dialect d_;
};

class SqlSurveyRepository final : public SurveyRepository {
 public:
  SqlSurveyRepository(soci::session& s, Dialect d) : s_(s), d_(d) {}
  bool answered(long long application_id) override;
  void add(const SurveyAnswerRecord& a) override;
  std::vector<SurveyAnswerRecord> of_office(const std::string& office, Instant from, Instant to,
                                            const std::string& permit) override;

 private:
  soci::session& s_;
  Dialect d_;
};

class SqlClosureRepository final : public ClosureRepository {
 public:
  SqlClosureRepository(soci::session& s, Dialect d) : s_(s), d_(d) {}
  std::vector<ClosureRecord> of_office(const std::string& office) override;
  bool exists(const std::string& office, const std::string& day) override;
  void add(const std::string& office, const ClosureRecord& c, long long by, Instant at) override;
  void remove(const std::string& office, const std::string& day) override;

 private:
  soci::session& s_;
  Dialect d_;
};

class SqlEscalationRepository final : public EscalationRepository {
 public:
  SqlEscalationRepository(soci::session& s, Dialect d) : s_(s), d_(d) {}
  std::vector<OverdueRecord> unescalated(const OverdueQuery& q, int limit) override;
  bool record(const EscalationRecord& e) override;
  bool digest_taken(const std::string& office, long long day) override;
  bool record_digest(const std::string& office, long long day, int files, Instant at) override;

 private:
  soci::session& s_;
  Dialect d_;
};

class SqlNotificationRepository final : public NotificationRepository {
 public:
  SqlNotificationRepository(soci::session& s, Dialect d) : s_(s), d_(d) {}
  long long add(const NotificationRecord& n) override;
  std::vector<NotificationRecord> of_account(long long account_id, bool unread_only, int limit) override;
  long long unread_count(long long account_id) override;
  bool mark_read(long long account_id, long long id, Instant at) override;
  long long mark_all_read(long long account_id, Instant at, const std::string& kind) override;

 private:
  soci::session& s_;
  Dialect d_;
};

class SqlComplaintRepository final : public ComplaintRepository {
 public:
  SqlComplaintRepository(soci::session& s, Dialect d) : s_(s), d_(d) {}
  long long insert(const ComplaintRecord& c) override;
  std::optional<ComplaintRecord> find(long long id) override;
  std::optional<ComplaintRecord> by_number(const std::string& number) override;
  std::vector<ComplaintRecord> of_office(const std::string& office, const std::string& status, int limit) override;
  std::vector<ComplaintRecord> of_filer(long long user_id, int limit) override;
  int filed_by_contact_since(const std::string& contact, Instant since) override;
  bool update(const ComplaintRecord& c, int expected_version) override;
  long long add_attachment(const ComplaintAttachmentRecord& a) override;
  std::vector<ComplaintAttachmentRecord> attachments(long long complaint_id) override;
  std::vector<ComplaintRecord> of_period(const std::string& office, Instant from, Instant to) override;

 private:
  soci::session& s_;
  Dialect d_;
};

}  // namespace sp::store
