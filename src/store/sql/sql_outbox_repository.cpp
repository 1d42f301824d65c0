#include "store/prepared.hpp"
#include "store/sql/sql_repositories.hpp"

namespace sp::store {

namespace {
struct EnqueueStatement {
  std::string recipient, subject, body;
  long long at = 0;
  soci::statement st;
  explicit EnqueueStatement(soci::session& s)
      : st((s.prepare << "INSERT INTO outbox (recipient, subject, body, created_at, attempts, next_attempt_at) "
                         "VALUES (:r, :s, :b, :c, 0, :n)",
            soci::use(recipient), soci::use(subject), soci::use(body), soci::use(at), soci::use(at))) {}
};
}  // namespace

void SqlOutboxRepository::enqueue(const OutboxMail& mail) {
  auto& q = prepared<EnqueueStatement>(s_);
  q.recipient = mail.recipient;
  q.subject = mail.subject;
  q.body = mail.body;
  q.at = mail.created.unix_seconds;
  q.st.execute(true);
}

int SqlOutboxRepository::count_since(const std::string& recipient, const std::string& subject, Instant since) {
  int sent = 0;
  s_ << "SELECT COUNT(*) FROM outbox WHERE recipient = :r AND subject = :s AND created_at >= :t", soci::use(recipient),
      soci::use(subject), soci::use(since.unix_seconds), soci::into(sent);
  return sent;
}

}  // namespace sp::store
