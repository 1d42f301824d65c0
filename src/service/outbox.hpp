#pragma once
// The transactional outbox: mail is written in the same transaction as the state change it
// reports, and delivered later by notify::OutboxWorker. A crash never loses a message.
#include <string>

#include "core/instant.hpp"
#include "service/mail_templates.hpp"

namespace sp::store {
class Transaction;
}

namespace sp::service {

void enqueue_mail(store::Transaction& tx, const std::string& recipient, const Mail& mail, Instant now);

// As enqueue_mail, unless `recipient` already got `per_hour` mails with this subject in the last
// hour; then nothing is queued and false is returned. For mail anyone can trigger without an
// account (registration notices, password links), so nobody can flood a person's mailbox; the
// count lives in the database, so it holds across servers and restarts.
bool enqueue_mail_limited(store::Transaction& tx, const std::string& recipient, const Mail& mail, Instant now,
                          int per_hour);

}  // namespace sp::service
