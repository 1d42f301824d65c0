#pragma once
// An account's notices in the web app (escalation's "a file passed its deadline" and the head of
// office's daily digest): listed newest first, and marked read by their reader.
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "core/instant.hpp"
#include "core/result.hpp"
#include "service/app_context.hpp"
#include "service/principal.hpp"

namespace sp::service {

inline constexpr int kNotificationsListed = 50;

struct NotificationView {
  long long id = 0;
  std::string kind;  // escalation | digest
  std::string office;
  std::optional<long long> application_id;
  nlohmann::json facts;  // what escalations.cpp recorded: the file, its step and deadline, or the digest's files
  Instant created;
  std::optional<Instant> read_at;
  ZoneOffset zone;  // the office's, for the times shown
};

struct NotificationsView {
  std::vector<NotificationView> items;  // newest first, at most kNotificationsListed
  long long unread = 0;
};

Result<NotificationsView> my_notifications(AppContext& ctx, const Principal& who, bool unread_only);
// Marks one of the reader's notices read (not_found for anyone else's); returns the unread left.
Result<long long> mark_notification_read(AppContext& ctx, const Principal& who, long long id);
// Marks all of the reader's notices read; returns how many were unread.
Result<long long> mark_all_notifications_read(AppContext& ctx, const Principal& who);

}  // namespace sp::service
