#pragma once
// One unit of work: the repositories, all bound to one database transaction (or, in a read, one
// snapshot). What a service does through them commits together or not at all.
namespace sp::store {

class AccountRepository;
class ApplicationRepository;
class AuditRepository;
class DashboardRepository;
class EscalationRepository;
class ClosureRepository;
class ComplaintRepository;
class GeneratedDocumentRepository;
class IdempotencyRepository;
class NotificationRepository;
class NumberingRepository;
class OfficeReportRepository;
class OutboxRepository;
class RegisterRepository;
class RoleGrantRepository;
class SopVersionRepository;
class SurveyRepository;

class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual AccountRepository& accounts() = 0;
  virtual ApplicationRepository& applications() = 0;
  virtual AuditRepository& audit() = 0;
  virtual ClosureRepository& closures() = 0;
  virtual GeneratedDocumentRepository& generated_documents() = 0;
  virtual IdempotencyRepository& idempotency() = 0;
  virtual NumberingRepository& numbering() = 0;
  virtual OutboxRepository& outbox() = 0;
  virtual RoleGrantRepository& role_grants() = 0;
  virtual SopVersionRepository& sop_versions() = 0;
  virtual SurveyRepository& survey() = 0;
  virtual RegisterRepository& register_book() = 0;
  virtual DashboardRepository& dashboard() = 0;
  virtual OfficeReportRepository& office_report() = 0;
  virtual EscalationRepository& escalations() = 0;
  virtual NotificationRepository& notifications() = 0;
  virtual ComplaintRepository& complaints() = 0;
};

}  // namespace sp::store
