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

}  // namespace sp::service
