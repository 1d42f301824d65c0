#pragma once
// Turn one parsed YAML document into a definition. Problems go to the YamlFields' diagnostics;
// the result is empty when the document is too broken to use. Internal to the catalog.
#include <optional>

#include "calendar/holiday_set.hpp"
#include "catalog/office.hpp"
#include "catalog/sop.hpp"
#include "catalog/yaml_fields.hpp"

namespace sp {

std::optional<HolidaySet> parse_holidays(const YAML::Node& root, YamlFields& f);
std::optional<Office> parse_office(const YAML::Node& root, YamlFields& f);
std::optional<Sop> parse_sop(const YAML::Node& root, YamlFields& f);
// A permit's `form:` block (catalog/form_parser.cpp).
void parse_form(const YAML::Node& n, PermitForm& form, YamlFields& f);

// Shared by the holiday and office parsers: a list of {date, name} entries.
std::vector<Closure> parse_closures(const YAML::Node& list, ClosureKind kind, YamlFields& f, const char* what);
std::optional<Date> parse_date_field(const YAML::Node& map, const char* key, YamlFields& f, Need need);

}  // namespace sp
