// Public verification of issued documents: the page the QR code opens, its JSON form, and the
// check of a PDF someone holds.
#include "http/api.hpp"
#include "http/handler_support.hpp"
#include "http/view_json.hpp"
#include "service/verification.hpp"

namespace sp::http {

namespace {

bool wants_json(const RequestContext& ctx) {
  const auto accept = ctx.request.header("accept");
  return accept && accept->find("application/json") != std::string::npos &&
         accept->find("text/html") == std::string::npos;
}

HttpResponse page(RequestContext& ctx) {
  auto v = service::verification_for(ctx.app, ctx.params["code"]);
  if (wants_json(ctx)) return respond(v);
  HttpResponse res;
  res.content_type = "text/html; charset=utf-8";
  if (!v) {
    res.status = 404;
    res.body = "<!doctype html>\n<html lang=\"id\"><head><meta charset=\"utf-8\"><title>Verifikasi dokumen</title></head>"
               "<body><h1>Verifikasi dokumen</h1><p>Tidak ada dokumen dengan kode verifikasi ini. Periksa kembali "
               "kode pada dokumen.</p></body></html>\n";
    return res;
  }
  res.body = service::verification_html(*v);
  return res;
}

}  // namespace

void add_verification_routes(Router& r) {
  r.add("GET", "/verify/{code}", Access::Public, page);
  r.add("GET", "/api/v1/verify/{code}", Access::Public,
        [](RequestContext& ctx) { return respond(service::verification_for(ctx.app, ctx.params["code"])); });
  r.add(
      "POST", "/api/v1/verify/{code}", Access::Public,
      [](RequestContext& ctx) {
        return respond(service::verify_upload(ctx.app, ctx.params["code"], ctx.request.body));
      },
      "application/pdf");
}

}  // namespace sp::http
