#pragma once
// Checking an application's form data against the form of the SOP version it runs under.
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "core/result.hpp"
#include "forms/form.hpp"
#include "forms/region_directory.hpp"

namespace sp::forms {

// The data as stored: texts trimmed, identifiers in their stored form (forms/field_formats.hpp),
// empty optional fields and hidden fields' empty values left out. Otherwise an "invalid_field"
// Error listing every field problem (at most 50) under `fields`, each with its path below
// `path` ("data.jenis_praktik"); the message names the first.
// An address is {province, regency, district, village, street?} by Kemendagri codes, each the
// one above extended; it is stored with the regions' names and its printed `text`. Without
// `regions` only the codes' shapes are checked (the definition validator's examples); the
// server always passes the directory it loaded.
Result<nlohmann::json> check_form_data(const PermitForm& form, const nlohmann::json& data,
                                       const std::string& path = "data", const RegionDirectory* regions = nullptr);

// Whether `field` is shown given the values already stored at its level (its show_if holds).
bool shown_in(const FormField& field, const nlohmann::json& level);

// The value of a field as printed: a choice's label, yes/no as "Ya"/"Tidak", a group as its
// items' values joined, an address as its text; "-" when the field is empty.
std::string printed_value(const FormField& field, const nlohmann::json& value);

}  // namespace sp::forms
