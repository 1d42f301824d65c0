// The `form:` block of a permit: sections of typed fields. See docs/sop-format.md.
#include <charconv>

#include "catalog/definition_parsers.hpp"

namespace sp {

namespace {

// `label: Nomor STR` or `label: {id: Nomor STR, en: STR number}`.
LocalText local_text(const YAML::Node& map, const char* key, Need need, YamlFields& f) {
  LocalText t;
  const YAML::Node n = f.child(map, key, need);
  if (!n.IsDefined() || n.IsNull()) return t;
  if (n.IsMap()) {
    if (!f.expect_map(n, std::string("'") + key + "'", {"id", "en"})) return t;
    t.id = f.text(n, "id", Need::Required);
    t.en = f.text(n, "en", Need::Optional);
  } else if (auto s = f.scalar(n, std::string("'") + key + "'")) {
    t.id = *s;
  }
  if (t.id.empty() && need == Need::Required) f.error(n, std::string("field '") + key + "' must not be empty");
  return t;
}

std::optional<double> decimal(const YAML::Node& map, const char* key, YamlFields& f) {
  const YAML::Node n = f.child(map, key, Need::Optional);
  if (!n.IsDefined() || n.IsNull()) return std::nullopt;
  const auto s = f.scalar(n, std::string("'") + key + "'");
  if (!s) return std::nullopt;
  double v = 0;
  const auto [p, ec] = std::from_chars(s->data(), s->data() + s->size(), v);
  if (ec != std::errc{} || p != s->data() + s->size()) {
    f.error(n, std::string("'") + key + "' must be a number");
    return std::nullopt;
  }
  return v;
}

void parse_condition(const YAML::Node& n, FormField& field, YamlFields& f) {
  if (!f.expect_map(n, "'show_if'", {"field", "equals", "in"})) return;
  FieldCondition c;
  c.source = f.at(n);
  c.field = f.text(n, "field", Need::Required);
  const std::string equals = f.text(n, "equals", Need::Optional);
  if (!equals.empty()) c.values.push_back(equals);
  for (auto& v : f.text_list(n, "in", Need::Optional)) c.values.push_back(std::move(v));
  if (c.values.empty()) f.error(n, "'show_if' needs 'equals' or 'in': the values that show the field");
  field.show_if = std::move(c);
}

void parse_field(const YAML::Node& n, std::vector<FormField>& out, int depth, YamlFields& f);

void parse_fields(const YAML::Node& list, std::vector<FormField>& out, int depth, YamlFields& f) {
  if (!list.IsDefined() || list.IsNull()) return;
  if (!list.IsSequence()) {
    f.error(list, "'fields' must be a list");
    return;
  }
  for (const auto& item : list) {
    if (out.size() >= 200) {
      f.error(item, "a list of fields can have at most 200 fields");
      return;
    }
    parse_field(item, out, depth, f);
  }
}

void parse_field(const YAML::Node& n, std::vector<FormField>& out, int depth, YamlFields& f) {
  if (!f.expect_map(n, "a form field",
                    {"key",       "type",      "label",    "help",     "required",     "min_length", "max_length",
                     "min",       "max",       "decimals", "pattern",  "pattern_hint", "options",    "fields",
                     "min_items", "max_items", "show_if",  "personal", "on_permit",    "example"}))
    return;
  FormField field;
  field.source = f.at(n);
  field.key = f.text(n, "key", Need::Required);
  const YAML::Node type = f.child(n, "type", Need::Required);
  if (type.IsDefined() && !type.IsNull())
    if (auto t = f.scalar(type, "'type'")) {
      if (auto ft = field_type_from_key(*t))
        field.type = *ft;
      else
        f.error(type, "unknown field type '" + t->substr(0, 40) +
                          "' (text, long_text, number, date, choice, yes_no, email, phone, nik, npwp, nib, "
                          "str_number, group or address)");
    }
  field.label = local_text(n, "label", Need::Required, f);
  field.help = local_text(n, "help", Need::Optional, f);
  field.required = f.flag(n, "required", false);
  field.min_length = f.integer(n, "min_length", 0, 100'000, Need::Optional);
  field.max_length = f.integer(n, "max_length", 1, 100'000, Need::Optional);
  field.min = decimal(n, "min", f);
  field.max = decimal(n, "max", f);
  field.decimals = static_cast<int>(f.integer(n, "decimals", 0, 6, Need::Optional).value_or(0));
  field.pattern = f.text(n, "pattern", Need::Optional);
  field.pattern_hint = local_text(n, "pattern_hint", Need::Optional, f);
  field.personal = f.flag(n, "personal", false);
  field.on_permit = f.flag(n, "on_permit", false);
  field.example = f.text(n, "example", Need::Optional);
  const YAML::Node options = f.child(n, "options", Need::Optional);
  if (options.IsDefined() && !options.IsNull()) {
    if (!options.IsSequence())
      f.error(options, "'options' must be a list");
    else
      for (const auto& o : options) {
        if (!f.expect_map(o, "an option", {"value", "label"})) continue;
        field.options.push_back({f.text(o, "value", Need::Required), local_text(o, "label", Need::Required, f)});
      }
  }
  const YAML::Node sub = f.child(n, "fields", Need::Optional);
  if (sub.IsDefined() && !sub.IsNull()) {
    if (depth > 0)
      f.error(sub, "a group's fields cannot hold another group's fields (one level of groups)");
    else
      parse_fields(sub, field.fields, depth + 1, f);
  }
  field.min_items = static_cast<int>(f.integer(n, "min_items", 0, 100, Need::Optional).value_or(0));
  field.max_items = static_cast<int>(f.integer(n, "max_items", 1, 100, Need::Optional).value_or(10));
  const YAML::Node cond = f.child(n, "show_if", Need::Optional);
  if (cond.IsDefined() && !cond.IsNull()) parse_condition(cond, field, f);
  out.push_back(std::move(field));
}

}  // namespace

void parse_form(const YAML::Node& n, PermitForm& form, YamlFields& f) {
  if (!f.expect_map(n, "'form'", {"sections"})) return;
  const YAML::Node sections = f.child(n, "sections", Need::Required);
  if (!sections.IsDefined() || sections.IsNull()) return;
  if (!sections.IsSequence()) {
    f.error(sections, "'sections' must be a list");
    return;
  }
  for (const auto& s : sections) {
    if (!f.expect_map(s, "a form section", {"title", "fields"})) continue;
    FormSection section;
    section.source = f.at(s);
    section.title = local_text(s, "title", Need::Required, f);
    parse_fields(f.child(s, "fields", Need::Required), section.fields, 0, f);
    form.sections.push_back(std::move(section));
  }
}

}  // namespace sp
