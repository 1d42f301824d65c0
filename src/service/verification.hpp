#pragma once
// Public verification of issued documents (the QR code on each leads here): what the office
// issued under a verification code, whether it is still valid, and whether a PDF someone holds
// is byte for byte that document with an intact signature. Shows no personal data beyond the
// holder's name that is printed on the permit itself.
#include <nlohmann/json.hpp>
#include <string>

#include "core/result.hpp"
#include "service/app_context.hpp"

namespace sp::service {

// {code, document, kind, office, registration_number, permit_number, holder, issued_at,
//  valid_until, status: valid | expired | revoked | pending, signed, signer, sha256}
Result<nlohmann::json> verification_for(AppContext& ctx, const std::string& code);

// The above plus {upload: {sha256, identical, signature: {signed, intact, covers_whole_file,
// trusted, signer, problem}}, genuine}.
Result<nlohmann::json> verify_upload(AppContext& ctx, const std::string& code, const std::string& pdf);

// The verification page (Indonesian), from verification_for's JSON.
std::string verification_html(const nlohmann::json& v);

}  // namespace sp::service
