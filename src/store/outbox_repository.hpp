#pragma once
// The outbox's rows: queued by the services, delivered by notify/outbox_worker.
#include <vector>

#include "store/records.hpp"

namespace sp::store {

class OutboxRepository {
 public:
  virtual ~OutboxRepository() = default;
  // Queues `mail` for delivery from `mail.created` on.
  virtual void enqueue(const OutboxMail& mail) = 0;
  // How many mails to `recipient` with `subject` were queued at or after `since`.
  virtual int count_since(const std::string& recipient, const std::string& subject, Instant since) = 0;

  // Claims up to `limit` unsent mails that are due at `now` and not claimed by a live lease,
  // oldest first, leasing them until `lease_until` and counting the attempt. Mails another
  // server is claiming at the same moment are skipped, not waited for.
  virtual std::vector<ClaimedMail> claim_due(Instant now, Instant lease_until, int limit) = 0;
  virtual void mark_sent(long long id, Instant at) = 0;
  // Releases the lease and sets the next attempt; `error` is kept for the operator.
  virtual void mark_failed(long long id, Instant retry_at, const std::string& error) = 0;
};

}  // namespace sp::store
