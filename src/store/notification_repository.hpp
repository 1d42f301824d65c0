#pragma once
// The notices the web app shows an account (an overdue file escalated to it, the daily digest).
#include <optional>
#include <string>
#include <vector>

#include "core/instant.hpp"

namespace sp::store {

struct NotificationRecord {
  long long id = 0;
  long long account_id = 0;
  std::string office;
  std::string kind;  // escalation | digest
  std::optional<long long> application_id;
  std::string payload;  // JSON facts, worded by the reader
  Instant created;
  std::optional<Instant> read_at;
};

class NotificationRepository {
 public:
  virtual ~NotificationRepository() = default;
  virtual long long add(const NotificationRecord& n) = 0;
  // The account's newest notices first, at most `limit`; `unread_only` leaves out those read.
  virtual std::vector<NotificationRecord> of_account(long long account_id, bool unread_only, int limit) = 0;
  virtual long long unread_count(long long account_id) = 0;
  // Marks one of the account's notices read; false when it has no such notice.
  virtual bool mark_read(long long account_id, long long id, Instant at) = 0;
  // Marks every unread notice of the account read (of `kind` only, when not empty); returns how many.
  virtual long long mark_all_read(long long account_id, Instant at, const std::string& kind) = 0;
};

}  // namespace sp::store
