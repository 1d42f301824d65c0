#include "store/sql/prepared.hpp"
#include "store/sql/row_access.hpp"
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

std::vector<ClaimedMail> SqlOutboxRepository::claim_due(Instant now, Instant lease_until, int limit) {
  const std::string sql =
      std::string("UPDATE outbox SET claimed_until = :until, attempts = attempts + 1 WHERE id IN (SELECT id FROM "
                  "outbox WHERE sent_at IS NULL AND next_attempt_at <= :now AND (claimed_until IS NULL OR "
                  "claimed_until < :now2) ORDER BY id LIMIT :limit") +
      d_.lock_rows_skip_locked() + ") RETURNING id, recipient, subject, body, attempts";
  std::vector<ClaimedMail> out;
  soci::rowset<soci::row> rows = (s_.prepare << sql, soci::use(lease_until.unix_seconds), soci::use(now.unix_seconds),
                                  soci::use(now.unix_seconds), soci::use(limit));
  for (const auto& r : rows)
    out.push_back({int_at(r, 0), text_at(r, 1), text_at(r, 2), text_at(r, 3), static_cast<int>(int_at(r, 4))});
  return out;
}

void SqlOutboxRepository::mark_sent(long long id, Instant at) {
  s_ << "UPDATE outbox SET sent_at = :t, claimed_until = NULL, last_error = NULL WHERE id = :id",
      soci::use(at.unix_seconds), soci::use(id);
}

void SqlOutboxRepository::mark_failed(long long id, Instant retry_at, const std::string& error) {
  s_ << "UPDATE outbox SET next_attempt_at = :n, claimed_until = NULL, last_error = :e WHERE id = :id",
      soci::use(retry_at.unix_seconds), soci::use(error), soci::use(id);
}

}  // namespace sp::store
