// The public permit catalogue per office: permit types, requirements, fee, legal basis, the
// SOP's steps with their time standards.
#include <charconv>
#include <map>
#include <mutex>
#include <tuple>

#include "http/api.hpp"
#include "http/handler_support.hpp"
#include "core/civil_time.hpp"
#include "http/view_json.hpp"
#include "diagrams/bpmn_export.hpp"
#include "diagrams/sop_sheet.hpp"
#include "forms/region_directory.hpp"
#include "service/office_approvals.hpp"

namespace sp::http {

namespace {

nlohmann::json local_json(const LocalText& t) { return {{"id", t.id}, {"en", t.english()}}; }

nlohmann::json field_json(const FormField& f) {
  nlohmann::json j{{"key", f.key},
                   {"type", field_type_key(f.type)},
                   {"label", local_json(f.label)},
                   {"required", f.required},
                   {"personal", f.personal},
                   {"on_permit", f.on_permit}};
  if (!f.help.id.empty()) j["help"] = local_json(f.help);
  if (f.min_length) j["min_length"] = *f.min_length;
  if (f.max_length) j["max_length"] = *f.max_length;
  if (f.min) j["min"] = *f.min;
  if (f.max) j["max"] = *f.max;
  if (f.type == FieldType::Number) j["decimals"] = f.decimals;
  if (!f.pattern.empty()) {
    j["pattern"] = f.pattern;
    j["pattern_hint"] = local_json(f.pattern_hint);
  }
  if (f.type == FieldType::Choice) {
    nlohmann::json options = nlohmann::json::array();
    for (const auto& o : f.options) options.push_back({{"value", o.value}, {"label", local_json(o.label)}});
    j["options"] = std::move(options);
  }
  if (f.type == FieldType::Group) {
    nlohmann::json fields = nlohmann::json::array();
    for (const auto& c : f.fields) fields.push_back(field_json(c));
    j["fields"] = std::move(fields);
    j["min_items"] = f.min_items;
    j["max_items"] = f.max_items;
  }
  if (f.show_if) j["show_if"] = {{"field", f.show_if->field}, {"values", f.show_if->values}};
  if (!f.example.empty()) j["example"] = f.example;
  return j;
}

nlohmann::json form_json(const PermitForm& form) {
  nlohmann::json sections = nlohmann::json::array();
  for (const auto& s : form.sections) {
    nlohmann::json fields = nlohmann::json::array();
    for (const auto& f : s.fields) fields.push_back(field_json(f));
    sections.push_back({{"title", local_json(s.title)}, {"fields", std::move(fields)}});
  }
  return {{"sections", std::move(sections)}};
}

nlohmann::json permit_json(const Catalog& catalog, const Sop& s) {
  nlohmann::json reqs = nlohmann::json::array();
  for (const auto& r : s.permit.requirements)
    reqs.push_back({{"code", r.code}, {"name", r.name}, {"mandatory", r.mandatory}, {"description", r.description}});
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& st : s.steps)
    steps.push_back({{"no", st.number},
                     {"code", st.code},
                     {"title", st.title},
                     {"description", st.description},
                     {"actor", s.roles[st.actor].code},
                     {"actor_name", s.roles[st.actor].name},
                     {"inputs", st.inputs},
                     {"time", format_time_limit(st.time)},
                     {"time_standard", time_standard_json(st.time)},
                     {"output", st.output},
                     {"decision", st.decision},
                     {"scope", st.scope == StepScope::Account ? "account" : "application"}});
  nlohmann::json roles = nlohmann::json::array();
  for (std::size_t i = 0; i < s.roles.size(); ++i)
    roles.push_back({{"code", s.roles[i].code}, {"name", s.roles[i].name}, {"applicant", i == s.applicant}});
  const SopIdentity& id = s.identity;
  const auto date_or_null = [](const std::string& d) { return d.empty() ? nlohmann::json(nullptr) : nlohmann::json(d); };
  // The SOP sheet's identity block and context boxes, as the office published them.
  const nlohmann::json identity{{"number", id.number},
                                {"name", id.name},
                                {"created", date_or_null(id.created)},
                                {"revised", date_or_null(id.revised)},
                                {"effective", date_or_null(id.effective)},
                                {"approved_by", id.approved_by},
                                {"approver_nip", id.approver_nip},
                                {"executor_qualifications", id.executor_qualifications},
                                {"related_sops", id.related_sops},
                                {"equipment", id.equipment},
                                {"warnings", id.warnings},
                                {"records", id.records}};
  return {{"sop", s.code},
          {"sop_version", s.version},
          {"sop_number", s.identity.number},
          {"identity", identity},
          {"code", s.permit.code},
          {"name", s.permit.name},
          {"fee_rupiah", s.permit.fee_rupiah},
          {"validity", s.permit.validity},
          {"validity_years", s.permit.validity_years},
          {"max_places", s.permit.max_places},
          {"legal_basis", {{"as_written", s.permit.legal_basis.as_written}, {"current", s.permit.legal_basis.current}}},
          {"notes", s.permit.notes},
          {"conditions", s.permit.conditions},
          {"form", form_json(catalog.form(s))},
          {"requirements", reqs},
          {"roles", roles},
          {"steps", steps}};
}

// The SOP version a path names ({code}, {version}); null when there is none.
const Sop* sop_version(RequestContext& ctx) {
  const std::string& code = ctx.params["code"];
  const std::string& text = ctx.params["version"];
  int version = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), version);
  const Sop* sop = ec == std::errc{} && end == text.data() + text.size() ? ctx.app.catalog.sop(code, version) : nullptr;
  return sop && sop->code == code ? sop : nullptr;
}

// The official sheet of one SOP version in one format and paper. A version never changes once
// published, so each is drawn once per process: the cache holds at most four entries (two
// formats, two papers) per version in the catalogue, whatever the requests ask.
Result<std::string> sheet_bytes(const Office* office, const Sop& sop, diagrams::SheetFormat format,
                                 diagrams::Paper paper) {
  static std::mutex mutex;
  static std::map<std::tuple<std::string, int, diagrams::SheetFormat, diagrams::Paper>, std::string> drawn;
  const auto key = std::tuple{sop.code, sop.version, format, paper};
  {
    std::lock_guard lock(mutex);
    if (auto it = drawn.find(key); it != drawn.end()) return it->second;
  }
  auto bytes = diagrams::render_sop_sheet(sop, office, format, {paper});
  if (!bytes) return bytes.error();
  std::lock_guard lock(mutex);
  return drawn.emplace(key, std::move(*bytes)).first->second;
}

}  // namespace

void add_catalog_routes(Router& r) {
  r.add("GET", "/api/v1/offices", Access::Public, [](RequestContext& ctx) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& o : ctx.app.catalog.offices())
      out.push_back({{"code", o.code}, {"name", o.name}, {"regency", o.regency}, {"province", o.province},
                     {"timezone", o.timezone_name},
                     // Does the office approve an applicant's account before files are submitted?
                     {"account_approval", service::approval_required(ctx.app.catalog, o.code)}});
    return json_response({{"items", out}});
  });
  // The choices of an address field, one level at a time: the provinces, or the regions under
  // `parent` (regencies and cities, districts, villages).
  r.add("GET", "/api/v1/regions", Access::Public, [](RequestContext& ctx) {
    const auto it = ctx.request.query.find("parent");
    const std::string parent = it == ctx.request.query.end() ? "" : it->second;
    if (!ctx.app.regions) return problem(503, "unavailable", "no region data is loaded: no form has an address field");
    if (!parent.empty() && !forms::level_of(parent))
      return problem_from(field_error("parent", "not_a_region", "a region code, e.g. 32, 32.14 or 32.14.01"));
    if (!parent.empty() && !ctx.app.regions->find(parent))
      return problem(404, "not_found", "no region with code " + parent);
    nlohmann::json items = nlohmann::json::array();
    for (const forms::Region* region : ctx.app.regions->children(parent))
      items.push_back({{"code", region->code}, {"name", region->name}});
    HttpResponse res = json_response({{"items", items}});
    res.headers.emplace_back("Cache-Control", "public, max-age=86400");
    return res;
  });
  r.add("GET", "/api/v1/offices/{office}/permits", Access::Public, [](RequestContext& ctx) {
    const std::string& office = ctx.params["office"];
    if (!ctx.app.catalog.office(office)) return problem(404, "not_found", "no office with code '" + office + "'");
    // Each permit as new applications follow it today: the version in effect at the office.
    const std::string today = format_date(to_local(ctx.app.clock.now(), ctx.app.catalog.calendar(office)->zone()).date);
    nlohmann::json out = nlohmann::json::array();
    for (const auto& s : ctx.app.catalog.sops())
      if (s.office == office && ctx.app.catalog.sop_in_effect(s.code, today) == &s)
        out.push_back(permit_json(ctx.app.catalog, s));
    return json_response({{"office", office}, {"items", out}});
  });
  // One version of a permit's SOP, as applications under it run: its form labels their data.
  r.add("GET", "/api/v1/sops/{code}/versions/{version}", Access::Public, [](RequestContext& ctx) {
    const Sop* sop = sop_version(ctx);
    if (!sop) return problem(404, "not_found", "no SOP '" + ctx.params["code"] + "' version " + ctx.params["version"].substr(0, 20));
    return json_response(permit_json(ctx.app.catalog, *sop));
  });
  // The same version as BPMN 2.0 with its diagram, for the permit page's viewer and for modelers.
  r.add("GET", "/api/v1/sops/{code}/versions/{version}/bpmn", Access::Public, [](RequestContext& ctx) {
    const Sop* sop = sop_version(ctx);
    if (!sop) return problem(404, "not_found", "no SOP '" + ctx.params["code"] + "' version " + ctx.params["version"].substr(0, 20));
    const Office* office = ctx.app.catalog.office(sop->office);
    auto xml = diagrams::export_bpmn(*sop, office ? office->name : sop->office);
    if (!xml) return problem_from(xml.error());
    HttpResponse res;
    res.content_type = "application/xml; charset=utf-8";
    res.body = std::move(*xml);
    res.headers.emplace_back("Content-Disposition", "inline; filename=\"" + sop->code + "-v" + std::to_string(sop->version) +
                                                        ".bpmn\"");
    res.headers.emplace_back("Cache-Control", "public, max-age=3600");
    return res;
  });
  // The same version as its official SOP sheet (Permenpan-RB 35/2012), drawn from the definition
  // the engine runs: ?format=pdf (default) or svg, ?paper=a4 (default) or f4, both landscape.
  r.add("GET", "/api/v1/sops/{code}/versions/{version}/sheet", Access::Public, [](RequestContext& ctx) {
    const Sop* sop = sop_version(ctx);
    if (!sop) return problem(404, "not_found", "no SOP '" + ctx.params["code"] + "' version " + ctx.params["version"].substr(0, 20));
    const std::string format = query_param(ctx, "format"), paper = query_param(ctx, "paper");
    if (!format.empty() && format != "pdf" && format != "svg")
      return problem_from(field_error("format", "not_an_option", "pdf or svg"));
    if (!paper.empty() && paper != "a4" && paper != "f4")
      return problem_from(field_error("paper", "not_an_option", "a4 or f4"));
    const bool svg = format == "svg";
    auto bytes = sheet_bytes(ctx.app.catalog.office(sop->office), *sop,
                             svg ? diagrams::SheetFormat::Svg : diagrams::SheetFormat::Pdf,
                             paper == "f4" ? diagrams::Paper::F4 : diagrams::Paper::A4);
    if (!bytes) return problem(500, "internal", "the sheet could not be drawn: " + bytes.error().message);
    HttpResponse res;
    res.content_type = svg ? "image/svg+xml; charset=utf-8" : "application/pdf";
    res.body = std::move(*bytes);
    res.headers.emplace_back("Content-Disposition", "inline; filename=\"SOP-" + sop->code + "-v" +
                                                        std::to_string(sop->version) + (svg ? ".svg\"" : ".pdf\""));
    res.headers.emplace_back("Cache-Control", "public, max-age=3600");
    return res;
  });
}

}  // namespace sp::http
