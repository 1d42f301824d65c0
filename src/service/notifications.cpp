#include "service/notifications.hpp"

#include "store/notification_repository.hpp"
#include "store/store.hpp"

namespace sp::service {

Result<NotificationsView> my_notifications(AppContext& ctx, const Principal& who, bool unread_only) {
  return ctx.store.read([&](store::Transaction& tx) -> Result<NotificationsView> {
    NotificationsView v;
    v.unread = tx.notifications().unread_count(who.user_id.value);
    for (auto& n : tx.notifications().of_account(who.user_id.value, unread_only, kNotificationsListed)) {
      NotificationView item;
      item.id = n.id;
      item.kind = std::move(n.kind);
      item.application_id = n.application_id;
      item.facts = nlohmann::json::parse(n.payload, nullptr, false);
      if (item.facts.is_discarded()) item.facts = nlohmann::json::object();
      item.created = n.created;
      item.read_at = n.read_at;
      if (const auto* cal = ctx.catalog.calendar(n.office)) item.zone = cal->zone();
      item.office = std::move(n.office);
      v.items.push_back(std::move(item));
    }
    return v;
  });
}

Result<long long> mark_notification_read(AppContext& ctx, const Principal& who, long long id) {
  const Instant now = ctx.clock.now();
  return ctx.store.write([&](store::Transaction& tx) -> Result<long long> {
    if (!tx.notifications().mark_read(who.user_id.value, id, now)) return make_error("not_found", "no such notice");
    return tx.notifications().unread_count(who.user_id.value);
  });
}

Result<long long> mark_all_notifications_read(AppContext& ctx, const Principal& who) {
  const Instant now = ctx.clock.now();
  return ctx.store.write(
      [&](store::Transaction& tx) -> Result<long long> { return tx.notifications().mark_all_read(who.user_id.value, now, ""); });
}

}  // namespace sp::service
