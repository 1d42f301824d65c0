#include "service/outbox.hpp"

#include <soci/soci.h>

namespace sp::service {

void enqueue_mail(soci::session& s, const std::string& recipient, const Mail& mail, Instant now) {
  const long long t = now.unix_seconds;
  s << "INSERT INTO outbox (recipient, subject, body, created_at, attempts, next_attempt_at) "
       "VALUES (:r, :s, :b, :c, 0, :n)",
      soci::use(recipient), soci::use(mail.subject), soci::use(mail.body), soci::use(t), soci::use(t);
}

}  // namespace sp::service
