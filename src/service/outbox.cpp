#include "service/outbox.hpp"

#include "store/outbox_repository.hpp"
#include "store/transaction.hpp"

namespace sp::service {

void enqueue_mail(store::Transaction& tx, const std::string& recipient, const Mail& mail, Instant now) {
  // A walk-in applicant may have no e-mail address: they follow the file by its registration
  // number instead, and their mail is not sent.
  if (recipient.empty()) return;
  tx.outbox().enqueue({recipient, mail.subject, mail.body, now});
}

bool enqueue_mail_limited(store::Transaction& tx, const std::string& recipient, const Mail& mail, Instant now,
                          int per_hour) {
  if (tx.outbox().count_since(recipient, mail.subject, Instant{now.unix_seconds - 3600}) >= per_hour) return false;
  enqueue_mail(tx, recipient, mail, now);
  return true;
}

}  // namespace sp::service
