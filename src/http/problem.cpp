#include "http/problem.hpp"

#include <map>
#include <nlohmann/json.hpp>

namespace sp::http {

namespace {
struct Kind {
  int status;
  const char* title;
};
const std::map<std::string, Kind>& kinds() {
  static const std::map<std::string, Kind> k{
      {"malformed_json", {400, "The request body is not valid JSON"}},
      {"bad_request", {400, "The HTTP request is malformed"}},
      {"unsupported_media_type", {415, "Unsupported media type"}},
      {"invalid_field", {422, "A field is missing or invalid"}},
      {"invalid_nik", {422, "The NIK is not valid"}},
      {"invalid_token", {400, "The link is invalid or expired"}},
      {"unauthenticated", {401, "Sign in first"}},
      {"bad_credentials", {401, "Wrong e-mail or password"}},
      {"csrf", {403, "Missing or wrong CSRF token"}},
      {"forbidden", {403, "Not allowed"}},
      {"not_your_step", {403, "This step belongs to another role"}},
      {"not_found", {404, "Not found"}},
      {"method_not_allowed", {405, "Method not allowed"}},
      {"conflict", {409, "Conflict"}},
      {"version_conflict", {409, "The application changed meanwhile"}},
      {"already_registered", {409, "Already registered"}},
      {"closed", {409, "The application is closed"}},
      {"signed", {409, "The decision has been signed"}},
      {"not_at_step", {409, "Not possible at this stage"}},
      {"time_before_step", {409, "Not possible at this stage"}},
      {"idempotency_in_progress", {409, "This Idempotency-Key was already used"}},
      {"idempotency_mismatch", {422, "This Idempotency-Key was used for a different request"}},
      {"body_too_large", {413, "The request body is too large"}},
      {"file_too_large", {413, "The file is too large"}},
      {"unsupported_file", {415, "Unsupported file type"}},
      {"invalid_file", {422, "The file is not acceptable"}},
      {"unknown_action", {422, "Unknown action"}},
      {"note_required", {422, "A note with the reason is required"}},
      {"missing_documents", {422, "Mandatory requirement documents are missing"}},
      {"missing_schedule", {422, "The technical review is not scheduled"}},
      {"not_ready", {409, "The document is still being produced"}},
      {"too_many_attempts", {429, "Too many attempts"}},
      {"rate_limited", {429, "Too many requests"}},
      {"busy", {503, "The document checkers are busy"}},
      {"database", {503, "The database is unavailable"}},
      {"unavailable", {503, "The service is unavailable"}},
      {"storage", {503, "The file store is unavailable"}},
  };
  return k;
}
}  // namespace

int status_for(const std::string& code) {
  auto it = kinds().find(code);
  return it == kinds().end() ? 500 : it->second.status;
}

HttpResponse problem(int status, const std::string& code, const std::string& detail, const std::string& field) {
  auto it = kinds().find(code);
  nlohmann::json j{{"type", "/problems/" + (code.empty() ? std::string("internal") : code)},
                   {"title", it == kinds().end() ? "Internal error" : it->second.title},
                   {"status", status},
                   {"detail", detail}};
  if (!field.empty()) j["field"] = field;
  HttpResponse r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

HttpResponse problem_from(const Error& e) {
  std::string field;
  // Service errors name the field first: "nik: NIK must be 16 digits".
  if (e.code == "invalid_field" || e.code == "invalid_nik") {
    const auto colon = e.message.find(':');
    if (colon != std::string::npos && colon < 40 && e.message.find(' ') > colon) field = e.message.substr(0, colon);
  }
  const std::string code = e.code.empty() ? "internal" : e.code;
  HttpResponse r = problem(status_for(code), code, e.message, field);
  if (e.retry_after_seconds > 0) r.headers.emplace_back("Retry-After", std::to_string(e.retry_after_seconds));
  return r;
}

}  // namespace sp::http
