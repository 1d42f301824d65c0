#pragma once
// A Transaction over one SOCI session that is already inside a transaction (or a read snapshot).
// SqlStore makes one per unit of work. Services not yet moved behind the seam make one from the
// session they hold, so both styles share one transaction.
#include <soci/soci.h>

#include "store/sql/sql_repositories.hpp"
#include "store/transaction.hpp"

namespace sp::store {

class SqlTransaction final : public Transaction {
 public:
  SqlTransaction(soci::session& s, Dialect d)
      : accounts_(s, d), applications_(s, d), audit_(s, d), closures_(s, d), generated_documents_(s, d), idempotency_(s, d), numbering_(s, d), outbox_(s, d), role_grants_(s, d), sop_versions_(s, d), survey_(s, d), register_(s, d), dashboard_(s, d), office_report_(s, d), escalations_(s, d), notifications_(s, d), complaints_(s, d) {}
  // The dialect read from the session's backend.
  explicit SqlTransaction(soci::session& s) : SqlTransaction(s, dialect_of(s)) {}

  AccountRepository& accounts() override { return accounts_; }
  ApplicationRepository& applications() override { return applications_; }
  AuditRepository& audit() override { return audit_; }
  ClosureRepository& closures() override { return closures_; }
  GeneratedDocumentRepository& generated_documents() override { return generated_documents_; }
  IdempotencyRepository& idempotency() override { return idempotency_; }
  NumberingRepository& numbering() override { return numbering_; }
  OutboxRepository& outbox() override { return outbox_; }
  RoleGrantRepository& role_grants() override { return role_grants_; }
  SopVersionRepository& sop_versions() override { return sop_versions_; }
  SurveyRepository& survey() override { return survey_; }
  RegisterRepository& register_book() override { return register_; }
  DashboardRepository& dashboard() override { return dashboard_; }
  OfficeReportRepository& office_report() override { return office_report_; }
  EscalationRepository& escalations() override { return escalations_; }
  NotificationRepository& notifications() override { return notifications_; }
  ComplaintRepository& complaints() override { return complaints_; }

  static Dialect dialect_of(soci::session& s) { return Dialect{s.get_backend_name() == "postgresql"}; }

 private:
  SqlAccountRepository accounts_;
  SqlApplicationRepository applications_;
  SqlAuditRepository audit_;
  SqlClosureRepository closures_;
  SqlGeneratedDocumentRepository generated_documents_;
  SqlIdempotencyRepository idempotency_;
  SqlNumberingRepository numbering_;
  SqlOutboxRepository outbox_;
  SqlRoleGrantRepository role_grants_;
  SqlSopVersionRepository sop_versions_;
  SqlSurveyRepository survey_;
  SqlRegisterRepository register_;
  SqlDashboardRepository dashboard_;
  SqlOfficeReportRepository office_report_;
  SqlEscalationRepository escalations_;
  SqlNotificationRepository notifications_;
  SqlComplaintRepository complaints_;
};

}  // namespace sp::store
