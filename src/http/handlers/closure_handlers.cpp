// An office's extra closures: listed publicly (applicants plan around them), changed by the
// office admin.
#include "http/api.hpp"
#include "http/handler_support.hpp"
#include "http/view_json.hpp"
#include "http/json_body.hpp"
#include "service/office_closures.hpp"

namespace sp::http {

namespace {

HttpResponse list(RequestContext& ctx) {
  SP_TRY(out, service::list_closures(ctx.app, ctx.params["office"]));
  return json_response(out);
}

HttpResponse add(RequestContext& ctx) {
  SP_TRY(j, parse_object(ctx.request.body, {"date", "until", "name"}, {"date", "name"}));
  SP_TRY(date, string_field(j, "date", true, 10));
  SP_TRY(until, string_field(j, "until", false, 10));
  SP_TRY(name, string_field(j, "name", true, 200));
  SP_TRY(added, service::add_closure(ctx.app, *ctx.principal, date, until, name));
  return json_response(added, 201);
}

HttpResponse remove(RequestContext& ctx) {
  SP_TRY(ok, service::remove_closure(ctx.app, *ctx.principal, ctx.params["date"], query_param(ctx, "until")));
  (void)ok;
  HttpResponse res;
  res.status = 204;
  res.content_type.clear();
  return res;
}

}  // namespace

void add_closure_routes(Router& r) {
  r.add("GET", "/api/v1/offices/{office}/closures", Access::Public, list);
  r.add("POST", "/api/v1/office/closures", Access::SignedIn, add);
  r.add("DELETE", "/api/v1/office/closures/{date}", Access::SignedIn, remove);
  r.add("GET", "/api/v1/offices/{office}/calendar", Access::Public, [](RequestContext& ctx) {
    SP_TRY(out, service::office_calendar(ctx.app, ctx.params["office"], query_param(ctx, "month")));
    return json_response(out);
  });
}

}  // namespace sp::http
