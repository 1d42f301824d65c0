#pragma once
// Every error is an RFC 9457 problem+json body with a stable `type`, a human `title`, the HTTP
// `status`, a `detail`, and the `field` that was wrong when there is one.
#include <string>

#include "core/result.hpp"
#include "http/http_message.hpp"

namespace sp::http {

HttpResponse problem(int status, const std::string& code, const std::string& detail, const std::string& field = "");
// Maps a service or engine error code to its HTTP status and builds the problem.
HttpResponse problem_from(const Error& e);
int status_for(const std::string& code);

}  // namespace sp::http
