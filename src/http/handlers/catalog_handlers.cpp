// The public permit catalogue per office: permit types, requirements, fee, legal basis, the
// SOP's steps with their time standards.
#include "http/api.hpp"
#include "http/handler_support.hpp"

namespace sp::http {

namespace {

nlohmann::json permit_json(const Sop& s) {
  nlohmann::json reqs = nlohmann::json::array();
  for (const auto& r : s.permit.requirements)
    reqs.push_back({{"code", r.code}, {"name", r.name}, {"mandatory", r.mandatory}, {"description", r.description}});
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& st : s.steps)
    steps.push_back({{"no", st.number},
                     {"description", st.description},
                     {"actor", s.roles[st.actor].code},
                     {"actor_name", s.roles[st.actor].name},
                     {"inputs", st.inputs},
                     {"time", format_time_limit(st.time)},
                     {"output", st.output},
                     {"decision", st.decision},
                     {"scope", st.scope == StepScope::Account ? "account" : "application"}});
  nlohmann::json roles = nlohmann::json::array();
  for (std::size_t i = 0; i < s.roles.size(); ++i)
    roles.push_back({{"code", s.roles[i].code}, {"name", s.roles[i].name}, {"applicant", i == s.applicant}});
  return {{"sop", s.code},
          {"sop_version", s.version},
          {"sop_number", s.identity.number},
          {"code", s.permit.code},
          {"name", s.permit.name},
          {"fee_rupiah", s.permit.fee_rupiah},
          {"validity", s.permit.validity},
          {"validity_years", s.permit.validity_years},
          {"max_places", s.permit.max_places},
          {"legal_basis", {{"as_written", s.permit.legal_basis.as_written}, {"current", s.permit.legal_basis.current}}},
          {"notes", s.permit.notes},
          {"requirements", reqs},
          {"roles", roles},
          {"steps", steps}};
}

}  // namespace

void add_catalog_routes(Router& r) {
  r.add("GET", "/api/v1/offices", Access::Public, [](RequestContext& ctx) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& o : ctx.app.catalog.offices())
      out.push_back({{"code", o.code}, {"name", o.name}, {"regency", o.regency}, {"province", o.province},
                     {"timezone", o.timezone_name}});
    return json_response({{"items", out}});
  });
  r.add("GET", "/api/v1/offices/{office}/permits", Access::Public, [](RequestContext& ctx) {
    const std::string& office = ctx.params["office"];
    if (!ctx.app.catalog.office(office)) return problem(404, "not_found", "no office with code '" + office + "'");
    nlohmann::json out = nlohmann::json::array();
    for (const auto& s : ctx.app.catalog.sops())
      if (s.office == office && ctx.app.catalog.sop(s.code) == &s) out.push_back(permit_json(s));
    return json_response({{"office", office}, {"items", out}});
  });
}

}  // namespace sp::http
