#pragma once
// Every error is an RFC 9457 problem+json body with a stable `type` and `code`, a human `title`
// in Indonesian (the offices' language) and `title_en` in English, the HTTP `status`, a
// `detail`, and the `field` that was wrong when there is one. Library internals (a PoDoFo or
// OpenSSL error name) never appear in it; they go to the log.
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "core/result.hpp"
#include "http/http_message.hpp"

namespace sp::http {

// The text of every JSON answer. Stored text that is not valid UTF-8 (written before input was
// checked) is replaced, never allowed to make the answer fail.
std::string json_text(const nlohmann::json& j);

enum class Language { Indonesian, English };
std::string problem_title(const std::string& code, Language language);

HttpResponse problem(int status, const std::string& code, const std::string& detail, const std::string& field = "");
// Maps a service or engine error code to its HTTP status and builds the problem.
HttpResponse problem_from(const Error& e);
int status_for(const std::string& code);

}  // namespace sp::http
