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
  SP_TRY(j, parse_object(ctx.request.body, {"date", "name"}, {"date", "name"}));
  SP_TRY(date, string_field(j, "date", true, 10));
  SP_TRY(name, string_field(j, "name", true, 200));
  SP_TRY(added, service::add_closure(ctx.app, *ctx.principal, date, name));
  return json_response(added, 201);
}

HttpResponse remove(RequestContext& ctx) {
  SP_TRY(ok, service::remove_closure(ctx.app, *ctx.principal, ctx.params["date"]));
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
}

}  // namespace sp::http
