// Checks of a permit's form definition beyond its shape (which the parser checks): keys,
// conditions, options, limits, patterns and examples.
#include <nlohmann/json.hpp>

#include <regex>
#include <set>

#include "catalog/sop_validator.hpp"
#include "forms/form_data.hpp"
#include "forms/form_examples.hpp"

namespace sp {

namespace {

// Patterned texts are matched by a recursive matcher: keep them short (forms/form_data.cpp).
constexpr std::int64_t kPatternedMax = 500;

bool good_key(const std::string& k) {
  if (k.empty() || k.size() > 40 || !(k[0] >= 'a' && k[0] <= 'z')) return false;
  return std::all_of(k.begin(), k.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

class FormChecker {
 public:
  explicit FormChecker(Diagnostics& out) : out_(out) {}

  void level(const std::vector<const FormField*>& fields, const std::string& where) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      const FormField& f = *fields[i];
      if (!good_key(f.key))
        add(f.source, "field key '" + f.key.substr(0, 60) + "' must be lower_snake_case: a-z, 0-9 and _, up to 40");
      else if (!seen.insert(f.key).second)
        add(f.source, "duplicate field key '" + f.key + "'" + where);
      field(f);
      if (f.show_if) condition(f, std::vector<const FormField*>(fields.begin(), fields.begin() + i), where);
    }
  }

 private:
  void add(const SourceLocation& at, std::string msg) { out_.push_back({at, std::move(msg)}); }

  void field(const FormField& f) {
    const std::string name = "field '" + f.key + "'";
    const bool texty = f.type == FieldType::Text || f.type == FieldType::LongText;
    if (f.type == FieldType::Choice) {
      if (f.options.empty()) add(f.source, name + " is a choice with no options");
      std::set<std::string> values;
      for (const auto& o : f.options)
        if (!o.value.empty() && !values.insert(o.value).second)
          add(f.source, name + " lists option '" + o.value + "' twice");
    } else if (!f.options.empty()) {
      add(f.source, name + " has options but is not a choice");
    }
    if (f.type == FieldType::Group) {
      if (f.fields.empty()) add(f.source, name + " is a group with no fields");
      if (f.min_items > f.max_items) add(f.source, name + ": min_items is above max_items");
      if (!f.example.empty()) add(f.source, name + ": a group has no example of its own (give its fields examples)");
      level(f.children(), " in group '" + f.key + "'");
    } else if (!f.fields.empty()) {
      add(f.source, name + " has fields but is not a group");
    }
    if ((f.min_length || f.max_length || !f.pattern.empty()) && !texty)
      add(f.source, name + ": lengths and patterns apply to text and long_text fields only");
    if (f.min_length && f.max_length && *f.min_length > *f.max_length)
      add(f.source, name + ": min_length is above max_length");
    if ((f.min || f.max) && f.type != FieldType::Number) add(f.source, name + ": min and max apply to numbers only");
    if (f.min && f.max && *f.min > *f.max) add(f.source, name + ": min is above max");
    if (!f.pattern.empty()) {
      try {
        std::regex re(f.pattern, std::regex::ECMAScript);
      } catch (const std::regex_error&) {
        add(f.source, name + ": pattern is not a valid regular expression");
      }
      if (!f.max_length || *f.max_length > kPatternedMax)
        add(f.source, name + ": a field with a pattern needs max_length of at most " + std::to_string(kPatternedMax));
      if (f.pattern_hint.id.empty()) add(f.source, name + ": a pattern needs a pattern_hint saying what it asks for");
    }
    if (!f.example.empty()) example(f, name);
  }

  // An example must pass the field's own checks, since demo data and the docs show it.
  void example(const FormField& f, const std::string& name) {
    FormField alone = f;
    alone.show_if.reset();
    alone.required = true;
    PermitForm one;
    one.sections.push_back({{}, {alone}, {}});
    auto r = forms::check_form_data(one, nlohmann::json{{f.key, forms::example_value(f)}}, "example");
    if (!r) add(f.source, name + ": its example is not valid (" + r.error().fields.front().message + ")");
  }

  void condition(const FormField& f, const std::vector<const FormField*>& before, const std::string& where) {
    const FieldCondition& c = *f.show_if;
    const FormField* target = nullptr;
    for (const FormField* b : before)
      if (b->key == c.field) target = b;
    if (!target) {
      add(c.source, "field '" + f.key + "' is shown depending on '" + c.field +
                        "', which is not a field declared before it" + where);
      return;
    }
    if (target->type != FieldType::Choice && target->type != FieldType::YesNo) {
      add(c.source, "field '" + f.key + "' depends on '" + c.field + "', which is neither a choice nor yes/no");
      return;
    }
    for (const auto& v : c.values) {
      const bool known =
          target->type == FieldType::YesNo ? (v == "true" || v == "false") : target->option(v) != nullptr;
      if (!known)
        add(c.source, "field '" + f.key + "' depends on '" + c.field + "' being '" + v + "', which it cannot be");
    }
  }

  Diagnostics& out_;
};

}  // namespace

void validate_form(const PermitForm& form, Diagnostics& out) {
  std::vector<const FormField*> fields;
  for (const auto& s : form.sections) {
    if (s.fields.empty()) out.push_back({s.source, "form section '" + s.title.id + "' has no fields"});
    for (const auto& f : s.fields) fields.push_back(&f);
  }
  FormChecker(out).level(fields, "");
}

}  // namespace sp
