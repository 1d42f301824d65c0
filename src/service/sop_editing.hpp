#pragma once
// SOP versions published by the office admin in the web app. The admin edits the definition of
// an SOP of their office (its YAML, docs/sop-format.md), has it checked, previews its sheet and
// publishes it as the next version with its Tanggal Efektif. A published version is stored with
// the file-loaded ones (sop_publishing.hpp) and never changes: applications running an earlier
// version stay on it, and new ones follow the version in effect on the day they start
// (Catalog::sop_in_effect).
//
// A draft is hostile input like any upload: it is bounded in size and parsed first in a sandbox
// worker (sandbox/untrusted_definitions.hpp).
#include <string>

#include "core/result.hpp"
#include "service/app_context.hpp"
#include "service/principal.hpp"
#include "service/views.hpp"

namespace sp::service {

inline constexpr std::size_t kMaxSopDraftBytes = 256 * 1024;
// More steps than any SOP sheet holds legibly; bounds the work of checking and drawing a draft.
inline constexpr std::size_t kMaxSopSteps = 60;

// Every published version of an SOP, oldest first, with what new applications do with each today.
Result<SopVersionsView> list_sop_versions(AppContext& ctx, const std::string& code);

// The definition of a version as it was published.
Result<std::string> sop_source(AppContext& ctx, const std::string& code, int version);

// Checks `text` as the next version of SOP `code`: as a definition (the catalog's parser and
// validator), then as a successor (same code, office and permit, the next version number, a
// Tanggal Efektif from today on, forms that the office's document templates can fill).
Result<SopDraftView> check_sop_draft(AppContext& ctx, const Principal& admin, const std::string& code,
                                     const std::string& text);

// The draft as the SOP it would publish, for previews (its sheet); refused with
// "invalid_definition" while it has problems.
Result<Sop> read_sop_draft(AppContext& ctx, const Principal& admin, const std::string& code, const std::string& text);

// Publishes a draft without problems: stored with its audit event in one transaction, then
// installed in this server's catalog (others install it within their refresh period, or on the
// first application they meet that runs it).
Result<SopVersionView> publish_sop_version(AppContext& ctx, const Principal& admin, const std::string& code,
                                           const std::string& text);

}  // namespace sp::service
