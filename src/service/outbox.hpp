#pragma once
// The transactional outbox: mail is written in the same transaction as the state change it
// reports, and delivered later by notify::OutboxWorker. A crash never loses a message.
#include <string>

#include "core/instant.hpp"
#include "service/mail_templates.hpp"

namespace soci {
class session;
}

namespace sp::service {

void enqueue_mail(soci::session& s, const std::string& recipient, const Mail& mail, Instant now);

}  // namespace sp::service
