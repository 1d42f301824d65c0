#pragma once
// Public verification of issued documents (the QR code on each leads here): what the office
// issued under a verification code, whether it is still valid, and whether a PDF someone holds
// is byte for byte that document with an intact signature. Shows no personal data beyond the
// holder's name that is printed on the permit itself.
#include <string>

#include "core/result.hpp"
#include "service/app_context.hpp"
#include "service/views.hpp"

namespace sp::service {

// What the office issued under the code, and whether it is valid, expired, revoked, a draft or
// still being produced.
Result<VerificationView> verification_for(AppContext& ctx, const std::string& code);

// The above with the check of a PDF someone holds: the same bytes, and a signature that still
// verifies.
Result<UploadVerificationView> verify_upload(AppContext& ctx, const std::string& code, const std::string& pdf);

// The verification page (Indonesian).
std::string verification_html(const VerificationView& v);

}  // namespace sp::service
