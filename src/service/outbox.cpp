#include "service/outbox.hpp"

#include <soci/soci.h>

#include "store/prepared.hpp"

namespace sp::service {

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

void enqueue_mail(soci::session& s, const std::string& recipient, const Mail& mail, Instant now) {
  auto& q = store::prepared<EnqueueStatement>(s);
  q.recipient = recipient;
  q.subject = mail.subject;
  q.body = mail.body;
  q.at = now.unix_seconds;
  q.st.execute(true);
}

bool enqueue_mail_limited(soci::session& s, const std::string& recipient, const Mail& mail, Instant now, int per_hour) {
  const long long since = now.unix_seconds - 3600;
  int sent = 0;
  s << "SELECT COUNT(*) FROM outbox WHERE recipient = :r AND subject = :s AND created_at >= :t", soci::use(recipient),
      soci::use(mail.subject), soci::use(since), soci::into(sent);
  if (sent >= per_hour) return false;
  enqueue_mail(s, recipient, mail, now);
  return true;
}

}  // namespace sp::service
