#pragma once
// Small helpers shared by the handler files: JSON responses, result-to-response, path ids.
#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"

// Binds `var` to the value of a Result, or returns its problem response from the handler.
#define SP_TRY(var, expr)                               \
  auto var##_r = (expr);                                \
  if (!var##_r) return problem_from(var##_r.error());   \
  auto& var = *var##_r

namespace sp::http {

inline HttpResponse json_response(const nlohmann::json& j, int status = 200) {
  HttpResponse r;
  r.status = status;
  r.body = json_text(j);
  return r;
}

template <class T>
HttpResponse respond(const Result<T>& r, int status = 200) {
  if (!r) return problem_from(r.error());
  return json_response(nlohmann::json(*r), status);
}

// A query parameter's value, or "" when absent.
inline std::string query_param(const RequestContext& ctx, const char* name) {
  const auto it = ctx.request.query.find(name);
  return it == ctx.request.query.end() ? std::string() : it->second;
}

// A positive integer path parameter, or nullopt.
std::optional<long long> id_param(const RequestContext& ctx, const char* name);

}  // namespace sp::http
