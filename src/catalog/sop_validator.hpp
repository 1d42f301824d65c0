#pragma once
// Structural checks on a parsed SOP: the step graph (reachability, a path to a final outcome
// from every step), decisions, duplicate codes, role use. Field-level problems (types, unknown
// roles, bad durations) are found while parsing; together they make `satupintu sop validate`.
#include "catalog/sop.hpp"

namespace sp {

// Appends one diagnostic per problem; returns true when none was found.
bool validate_sop(const Sop& sop, Diagnostics& out);

// The permit's form (catalog/form_validator.cpp): keys, conditions, options, limits, patterns and
// examples. Part of validate_sop.
void validate_form(const PermitForm& form, Diagnostics& out);

// Document kinds an outcome may produce (see docs/sop-format.md).
bool is_known_document_kind(std::string_view kind);

}  // namespace sp
