#pragma once
// A permit type's application form as an office declares it (SiCantik's "Template Form"):
// sections of typed fields. The same definition drives the server's checks of submitted data
// (forms/form_data.hpp), the web app's form, the documents that print the data, and the demo
// data. Immutable once loaded, like the SOP it belongs to.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/source_location.hpp"

namespace sp {

// What a field holds and how it is checked; docs/sop-format.md describes each one.
enum class FieldType : std::uint8_t {
  Text,      // one line
  LongText,  // several lines (an address typed out, a description)
  Number,    // a JSON number, whole unless `decimals` allows more
  Date,      // YYYY-MM-DD
  Choice,    // one of the listed options, stored by its value
  YesNo,     // true or false
  Email,
  Phone,      // an Indonesian number, stored as +62...
  Nik,        // Nomor Induk Kependudukan, 16 digits
  Npwp,       // tax number: 15 digits, or 16 (the NIK) since 2024; stored as digits
  Nib,        // Nomor Induk Berusaha from OSS, 13 digits
  StrNumber,  // Surat Tanda Registrasi number
  Group,      // a repeated group: a list of items, each with the group's own fields
  Address,    // province, regency, district and village by their Kemendagri codes, and the street
};

std::string_view field_type_key(FieldType t);  // "long_text"
std::optional<FieldType> field_type_from_key(std::string_view key);

// A text in the office's language and in English; `en` falls back to `id` where not given.
struct LocalText {
  std::string id, en;
  const std::string& english() const { return en.empty() ? id : en; }
};

struct ChoiceOption {
  std::string value;  // stored
  LocalText label;    // shown and printed
};

// Shows a field only when another field of the same level holds one of `values` (a choice's
// option values, or "true"/"false" for a yes/no field).
struct FieldCondition {
  std::string field;
  std::vector<std::string> values;
  SourceLocation source;
};

struct FormField {
  std::string key;  // lower_snake_case, unique among its siblings
  FieldType type = FieldType::Text;
  LocalText label;
  LocalText help;
  bool required = false;
  std::optional<std::int64_t> min_length, max_length;  // texts, in characters
  std::optional<double> min, max;                      // numbers
  int decimals = 0;                                    // numbers: digits allowed after the point
  std::string pattern;                                 // texts: an ECMAScript regular expression
  LocalText pattern_hint;                              // what the pattern asks for, in words
  std::vector<ChoiceOption> options;                   // Choice
  std::vector<FormField> fields;                       // Group: each item's fields
  int min_items = 0, max_items = 10;                   // Group
  std::optional<FieldCondition> show_if;
  bool personal = false;   // personal data (UU PDP 27/2022): never on public pages or open exports
  bool on_permit = false;  // printed on the permit by the templates' `form_fields` block
  std::string example;     // a valid value, for demo data and the documentation (groups: none)
  SourceLocation source;

  const ChoiceOption* option(std::string_view value) const;
  // A group's fields, as the checks walk them (empty for other types).
  std::vector<const FormField*> children() const;
};

struct FormSection {
  LocalText title;
  std::vector<FormField> fields;
  SourceLocation source;
};

struct PermitForm {
  std::vector<FormSection> sections;

  bool empty() const { return sections.empty(); }
  // A top-level field by key, in any section.
  const FormField* field(std::string_view key) const;
  // Every top-level field, in order.
  std::vector<const FormField*> fields() const;
};

}  // namespace sp
