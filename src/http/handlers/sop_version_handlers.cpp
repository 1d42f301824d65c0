// An SOP's versions: their history and definitions (public, as the SOPs themselves are), and
// the office admin's editor: check a draft, preview its sheet, publish it as the next version.
#include <charconv>

#include "diagrams/sop_sheet.hpp"
#include "http/api.hpp"
#include "http/handler_support.hpp"
#include "http/json_body.hpp"
#include "http/view_json.hpp"
#include "service/sop_editing.hpp"

namespace sp::http {

namespace {

// The draft's text from a body {"source": "..."}.
Result<std::string> draft_source(const RequestContext& ctx) {
  auto j = parse_object(ctx.request.body, {"source"}, {"source"});
  if (!j) return j.error();
  return string_field(*j, "source", true, service::kMaxSopDraftBytes);
}

HttpResponse versions(RequestContext& ctx) { return respond(service::list_sop_versions(ctx.app, ctx.params["code"])); }

HttpResponse source(RequestContext& ctx) {
  const std::string& text = ctx.params["version"];
  int version = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), version);
  if (ec != std::errc{} || end != text.data() + text.size() || version < 1)
    return problem(404, "not_found", "no SOP '" + ctx.params["code"].substr(0, 60) + "' version " + text.substr(0, 20));
  SP_TRY(yaml, service::sop_source(ctx.app, ctx.params["code"], version));
  HttpResponse res;
  res.content_type = "application/yaml; charset=utf-8";
  res.body = yaml;
  res.headers.emplace_back("Content-Disposition", "inline; filename=\"" + ctx.params["code"] + "-v" +
                                                      std::to_string(version) + ".yaml\"");
  // A published version never changes.
  res.headers.emplace_back("Cache-Control", "public, max-age=3600");
  return res;
}

HttpResponse check(RequestContext& ctx) {
  SP_TRY(text, draft_source(ctx));
  return respond(service::check_sop_draft(ctx.app, *ctx.principal, ctx.params["code"], text));
}

// The draft's sheet, as the published one would be drawn: ?format=svg (default) or pdf,
// ?paper=a4 (default) or f4.
HttpResponse sheet(RequestContext& ctx) {
  const std::string format = query_param(ctx, "format"), paper = query_param(ctx, "paper");
  if (!format.empty() && format != "pdf" && format != "svg")
    return problem_from(field_error("format", "not_an_option", "pdf or svg"));
  if (!paper.empty() && paper != "a4" && paper != "f4")
    return problem_from(field_error("paper", "not_an_option", "a4 or f4"));
  SP_TRY(text, draft_source(ctx));
  SP_TRY(sop, service::read_sop_draft(ctx.app, *ctx.principal, ctx.params["code"], text));
  const bool pdf = format == "pdf";
  auto bytes = diagrams::render_sop_sheet(sop, ctx.app.catalog.office(sop.office),
                                          pdf ? diagrams::SheetFormat::Pdf : diagrams::SheetFormat::Svg,
                                          {paper == "f4" ? diagrams::Paper::F4 : diagrams::Paper::A4});
  if (!bytes) return problem(500, "internal", "the sheet could not be drawn: " + bytes.error().message);
  HttpResponse res;
  res.content_type = pdf ? "application/pdf" : "image/svg+xml; charset=utf-8";
  res.body = std::move(*bytes);
  res.headers.emplace_back("Cache-Control", "no-store");
  return res;
}

HttpResponse publish(RequestContext& ctx) {
  SP_TRY(text, draft_source(ctx));
  return respond(service::publish_sop_version(ctx.app, *ctx.principal, ctx.params["code"], text), 201);
}

}  // namespace

void add_sop_version_routes(Router& r) {
  r.add("GET", "/api/v1/sops/{code}/versions", Access::Public, versions);
  r.add("GET", "/api/v1/sops/{code}/versions/{version}/source", Access::Public, source);
  r.add("POST", "/api/v1/sops/{code}/versions", Access::SignedIn, publish);
  r.add("POST", "/api/v1/sops/{code}/drafts/check", Access::SignedIn, check);
  r.add("POST", "/api/v1/sops/{code}/drafts/sheet", Access::SignedIn, sheet);
}

}  // namespace sp::http
