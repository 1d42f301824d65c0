// The signed-in account's notices (service/notifications.hpp).
#include "http/api.hpp"
#include "http/handler_support.hpp"
#include "service/notifications.hpp"

namespace sp::http {

namespace {

nlohmann::json encode(const service::NotificationView& n) {
  nlohmann::json facts = n.facts;
  // Instants are stored as seconds; the API speaks ISO 8601 in the office's zone.
  if (facts.contains("deadline") && facts["deadline"].is_number_integer())
    facts["deadline"] = format_instant(Instant{facts["deadline"].get<long long>()}, n.zone);
  return {{"id", n.id},
          {"kind", n.kind},
          {"office", n.office},
          {"application_id", n.application_id ? nlohmann::json(*n.application_id) : nlohmann::json(nullptr)},
          {"facts", facts},
          {"created_at", format_instant(n.created, n.zone)},
          {"read_at", n.read_at ? nlohmann::json(format_instant(*n.read_at, n.zone)) : nlohmann::json(nullptr)}};
}

HttpResponse list(RequestContext& ctx) {
  const std::string unread = query_param(ctx, "unread");
  if (!unread.empty() && unread != "0" && unread != "1")
    return problem_from(field_error("unread", "not_allowed", "unread must be 0 or 1"));
  SP_TRY(v, service::my_notifications(ctx.app, *ctx.principal, unread == "1"));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& n : v.items) items.push_back(encode(n));
  return json_response({{"items", items}, {"unread", v.unread}});
}

HttpResponse read_one(RequestContext& ctx) {
  auto id = id_param(ctx, "id");
  if (!id) return problem(404, "not_found", "no such notice");
  SP_TRY(unread, service::mark_notification_read(ctx.app, *ctx.principal, *id));
  return json_response({{"unread", unread}});
}

HttpResponse read_all(RequestContext& ctx) {
  SP_TRY(marked, service::mark_all_notifications_read(ctx.app, *ctx.principal));
  return json_response({{"marked", marked}, {"unread", 0}});
}

}  // namespace

void add_notification_routes(Router& r) {
  r.add("GET", "/api/v1/notifications", Access::SignedIn, list);
  r.add("POST", "/api/v1/notifications/read", Access::SignedIn, read_all);
  r.add("POST", "/api/v1/notifications/{id}/read", Access::SignedIn, read_one);
}

}  // namespace sp::http
