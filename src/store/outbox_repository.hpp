#pragma once
// The outbox's rows, as the services write them (delivery is notify/outbox_worker).
#include "store/records.hpp"

namespace sp::store {

class OutboxRepository {
 public:
  virtual ~OutboxRepository() = default;
  // Queues `mail` for delivery from `mail.created` on.
  virtual void enqueue(const OutboxMail& mail) = 0;
  // How many mails to `recipient` with `subject` were queued at or after `since`.
  virtual int count_since(const std::string& recipient, const std::string& subject, Instant since) = 0;
};

}  // namespace sp::store
