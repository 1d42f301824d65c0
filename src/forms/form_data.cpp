#include "forms/form_data.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <regex>

#include "auth/nik.hpp"
#include "core/civil_time.hpp"
#include "core/text.hpp"
#include "forms/field_formats.hpp"

namespace sp::forms {

namespace {

constexpr std::size_t kMaxProblems = 50;
constexpr std::int64_t kTextMax = 200, kLongTextMax = 2000;
// Longer input is refused before any check looks at it, so a pattern's matcher (which recurses
// per character in libstdc++) never sees more than the validator allows a patterned field.
constexpr std::size_t kAnyTextMax = 4 * kLongTextMax;

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string trimmed(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

// Patterns come only from definitions, so the cache is bounded by the catalog; a pattern that
// does not compile was refused by the validator and matches nothing here.
const std::regex* compiled(const std::string& pattern) {
  static std::mutex m;
  static std::map<std::string, std::unique_ptr<std::regex>, std::less<>> cache;
  std::lock_guard lock(m);
  auto it = cache.find(pattern);
  if (it == cache.end()) {
    std::unique_ptr<std::regex> re;
    try {
      re = std::make_unique<std::regex>(pattern, std::regex::ECMAScript);
    } catch (const std::regex_error&) {
    }
    it = cache.emplace(pattern, std::move(re)).first;
  }
  return it->second.get();
}

std::string number_text(double v) {
  std::string s = nlohmann::json(v).dump();
  if (s.size() > 2 && s.ends_with(".0")) s.resize(s.size() - 2);
  return s;
}

bool empty_value(const nlohmann::json& v) {
  return v.is_null() || (v.is_string() && trimmed(v.get_ref<const std::string&>()).empty()) ||
         (v.is_array() && v.empty());
}

class Checker {
 public:
  explicit Checker(const RegionDirectory* regions) : regions_(regions) {}
  std::vector<FieldProblem> problems;

  nlohmann::json level(const std::vector<const FormField*>& fields, const nlohmann::json& data,
                       const std::string& path) {
    nlohmann::json out = nlohmann::json::object();
    if (!data.is_object()) {
      problem(path, "wrong_type", "must be an object of fields");
      return out;
    }
    for (const auto& item : data.items()) {
      const std::string& key =
          item.key();  // a named reference: clang 14 (the fuzz build) cannot capture a structured binding
      if (std::none_of(fields.begin(), fields.end(), [&](const FormField* f) { return f->key == key; }))
        problem(path + "." + key.substr(0, 60), "unknown_field", "this form has no such field");
    }
    std::vector<std::string> failed;  // fields given but refused: what depends on them is not judged
    for (const FormField* f : fields) {
      const std::string at = path + "." + f->key;
      const auto it = data.find(f->key);
      const bool present = it != data.end() && !empty_value(*it);
      if (f->show_if && std::find(failed.begin(), failed.end(), f->show_if->field) != failed.end()) continue;
      if (!shown_in(*f, out)) {
        if (present)
          problem(at, "not_applicable", "only filled in when " + f->show_if->field + " is " + join(f->show_if->values, " or "));
        continue;
      }
      if (!present) {
        if (f->required) problem(at, "required", "required");
        continue;
      }
      if (auto v = value(*f, *it, at))
        out[f->key] = std::move(*v);
      else
        failed.push_back(f->key);
    }
    return out;
  }

 private:
  // `min`/`max` carry the rule's bound so a client can word the problem in its own language.
  void problem(std::string field, std::string rule, std::string message, std::optional<long long> min = {},
               std::optional<long long> max = {}) {
    if (problems.size() < kMaxProblems)
      problems.push_back({std::move(field), std::move(rule), std::move(message), min, max});
  }
  // Records the problem; the field has no value to store.
  std::nullopt_t fail(std::string field, std::string rule, std::string message, std::optional<long long> min = {},
                      std::optional<long long> max = {}) {
    problem(std::move(field), std::move(rule), std::move(message), min, max);
    return std::nullopt;
  }
  const RegionDirectory* regions_;
  // A number bound as an integer, when it is one (a fractional bound stays in the message only).
  static std::optional<long long> whole(double x) {
    if (std::abs(x) > 9e15 || x != std::round(x)) return std::nullopt;
    return static_cast<long long>(x);
  }

  std::optional<nlohmann::json> value(const FormField& f, const nlohmann::json& v, const std::string& at) {
    switch (f.type) {
      case FieldType::Number:
        return number(f, v, at);
      case FieldType::YesNo:
        if (!v.is_boolean()) return fail(at, "wrong_type", "must be true or false");
        return v;
      case FieldType::Group:
        return group(f, v, at);
      case FieldType::Address:
        return address(f, v, at);
      default:
        return text(f, v, at);
    }
  }

  // {province, regency, district, village, street?}: each code the one above extended, the
  // village in the directory; stored with the names and the address as printed.
  std::optional<nlohmann::json> address(const FormField&, const nlohmann::json& v, const std::string& at) {
    static constexpr const char* kLevels[] = {"province", "regency", "district", "village"};
    if (!v.is_object()) return fail(at, "wrong_type", "must be an object with province, regency, district and village");
    // The names and the text an address is stored with may come back (a form read, corrected
    // and sent again): they are made anew from the codes, never taken from the client.
    static constexpr const char* kDerived[] = {"province_name", "regency_name", "district_name", "village_name", "text"};
    const auto one_of = [](const auto& keys, const std::string& key) {
      return std::any_of(std::begin(keys), std::end(keys), [&](const char* k) { return key == k; });
    };
    for (const auto& item : v.items())
      if (item.key() != "street" && !one_of(kLevels, item.key()) && !one_of(kDerived, item.key()))
        return fail(at + "." + item.key().substr(0, 60), "unknown_field", "an address has no such part");
    nlohmann::json out = nlohmann::json::object();
    std::string above;
    std::vector<std::string> names;
    for (int i = 0; i < 4; ++i) {
      const std::string part = at + "." + kLevels[i];
      const auto it = v.find(kLevels[i]);
      if (it == v.end() || !it->is_string() || it->get_ref<const std::string&>().empty())
        return fail(part, "required", "required");
      const std::string code = trimmed(it->get_ref<const std::string&>());
      if (level_of(code) != static_cast<RegionLevel>(i) || parent_code(code) != above)
        return fail(part, "not_a_region", above.empty() ? "a province code, e.g. 32"
                                                        : "a code under " + above + ", e.g. " + above + ".01");
      if (regions_) {
        const Region* r = regions_->find(code);
        if (!r) return fail(part, "not_a_region", "no region with code " + code);
        names.push_back(r->name);
        out[std::string(kLevels[i]) + "_name"] = r->name;
      }
      out[kLevels[i]] = code;
      above = code;
    }
    std::string street;
    if (const auto it = v.find("street"); it != v.end() && !it->is_null()) {
      if (!it->is_string()) return fail(at + ".street", "wrong_type", "must be text");
      const std::string& raw = it->get_ref<const std::string&>();
      if (raw.size() > kAnyTextMax) return fail(at + ".street", "too_long", "far too long");
      if (auto why = text_problem(raw, TextKind::Single)) return fail(at + ".street", "not_text", *why);
      street = trimmed(raw);
      if (code_points(street) > kTextMax)
        return fail(at + ".street", "too_long", "at most " + std::to_string(kTextMax) + " characters", {}, kTextMax);
      if (!street.empty()) out["street"] = street;
    }
    if (regions_) {
      // As addresses are written: the street, the village (kelurahan codes start with 1), the
      // district, the regency or city, the province.
      const std::string& village = out["village"].get_ref<const std::string&>();  // NN.NN.NN.NNNN
      const bool kelurahan = village[village.size() - 4] == '1';
      std::string text = street;
      const auto add = [&](const std::string& piece) { text += (text.empty() ? "" : ", ") + piece; };
      add((kelurahan ? "Kel. " : "Desa ") + names[3]);
      add("Kec. " + names[2]);
      add(names[1]);
      add("Provinsi " + names[0]);
      out["text"] = text;
    }
    return out;
  }

  std::optional<nlohmann::json> number(const FormField& f, const nlohmann::json& v, const std::string& at) {
    if (!v.is_number()) return fail(at, "wrong_type", "must be a number");
    const double x = v.get<double>();
    const double scaled = x * std::pow(10.0, f.decimals);
    if (std::abs(scaled - std::round(scaled)) > 1e-6 * std::max(1.0, std::abs(scaled)))
      return fail(at, "too_many_decimals",
                  f.decimals == 0 ? "must be a whole number" : "at most " + std::to_string(f.decimals) + " decimals");
    if (f.min && x < *f.min) return fail(at, "below_minimum", "at least " + number_text(*f.min), whole(*f.min));
    if (f.max && x > *f.max) return fail(at, "above_maximum", "at most " + number_text(*f.max), {}, whole(*f.max));
    if (f.decimals == 0) return nlohmann::json(static_cast<std::int64_t>(std::llround(x)));
    return nlohmann::json(x);
  }

  std::optional<nlohmann::json> group(const FormField& f, const nlohmann::json& v, const std::string& at) {
    if (!v.is_array()) return fail(at, "wrong_type", "must be a list of items");
    if (static_cast<int>(v.size()) < f.min_items)
      problem(at, "too_few_items", "at least " + std::to_string(f.min_items) + " items", f.min_items);
    if (static_cast<int>(v.size()) > f.max_items)
      return fail(at, "too_many_items", "at most " + std::to_string(f.max_items) + " items", {}, f.max_items);
    const std::vector<const FormField*> fields = f.children();
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t i = 0; i < v.size(); ++i) out.push_back(level(fields, v[i], at + "[" + std::to_string(i) + "]"));
    return out;
  }

  std::optional<nlohmann::json> text(const FormField& f, const nlohmann::json& v, const std::string& at) {
    if (!v.is_string()) return fail(at, "wrong_type", "must be text");
    const std::string& raw = v.get_ref<const std::string&>();
    if (raw.size() > kAnyTextMax) return fail(at, "too_long", "far too long");
    if (auto why = text_problem(raw, f.type == FieldType::LongText ? TextKind::MultiLine : TextKind::Single))
      return fail(at, "not_text", *why);
    const std::string s = trimmed(raw);
    const auto checked = [&](Result<std::string> r) -> std::optional<nlohmann::json> {
      if (r) return nlohmann::json(*r);
      problem(at, r.error().code, r.error().message);
      return std::nullopt;
    };
    switch (f.type) {
      case FieldType::Email:
        if (!plausible_email(s)) return fail(at, "invalid_email", "not an e-mail address");
        return nlohmann::json(s);
      case FieldType::Phone:
        return checked(normalize_phone(s));
      case FieldType::Nik:
        return checked(auth::check_nik(s));
      case FieldType::Npwp:
        return checked(normalize_npwp(s));
      case FieldType::Nib:
        return checked(normalize_nib(s));
      case FieldType::StrNumber:
        return checked(check_str_number(s));
      case FieldType::Date: {
        auto d = parse_date(s);
        if (!d) return fail(at, "not_a_date", "a date as YYYY-MM-DD");
        return nlohmann::json(format_date(*d));
      }
      case FieldType::Choice:
        if (!f.option(s)) {
          std::vector<std::string> values;
          for (const auto& o : f.options) values.push_back(o.value);
          return fail(at, "not_an_option", "one of: " + join(values, " or "));
        }
        return nlohmann::json(s);
      default:
        break;
    }
    const std::size_t n = code_points(s);
    const std::int64_t max = f.max_length.value_or(f.type == FieldType::LongText ? kLongTextMax : kTextMax);
    if (f.min_length && static_cast<std::int64_t>(n) < *f.min_length)
      return fail(at, "too_short", "at least " + std::to_string(*f.min_length) + " characters", *f.min_length);
    if (static_cast<std::int64_t>(n) > max)
      return fail(at, "too_long", "at most " + std::to_string(max) + " characters", {}, max);
    if (!f.pattern.empty()) {
      const std::regex* re = compiled(f.pattern);
      if (!re || !std::regex_match(s, *re))
        return fail(at, "pattern",
                    f.pattern_hint.id.empty() ? "does not have the required form" : f.pattern_hint.english());
    }
    return nlohmann::json(s);
  }
};

}  // namespace

bool shown_in(const FormField& f, const nlohmann::json& level) {
  if (!f.show_if) return true;
  const auto it = level.find(f.show_if->field);
  if (it == level.end()) return false;
  // The text a condition compares: a choice's value, or "true"/"false".
  std::string text;
  if (it->is_string())
    text = it->get<std::string>();
  else if (it->is_boolean())
    text = it->get<bool>() ? "true" : "false";
  else
    return false;
  return std::find(f.show_if->values.begin(), f.show_if->values.end(), text) != f.show_if->values.end();
}

Result<nlohmann::json> check_form_data(const PermitForm& form, const nlohmann::json& data, const std::string& path,
                                       const RegionDirectory* regions) {
  Checker c(regions);
  nlohmann::json out = c.level(form.fields(), data, path);
  if (c.problems.empty()) return out;
  Error e = make_error("invalid_field", c.problems.front().field + ": " + c.problems.front().message);
  e.fields = std::move(c.problems);
  return e;
}

std::string printed_value(const FormField& f, const nlohmann::json& v) {
  if (empty_value(v)) return "-";
  switch (f.type) {
    case FieldType::Choice:
      if (v.is_string())
        if (const ChoiceOption* o = f.option(v.get<std::string>())) return o->label.id;
      break;
    case FieldType::YesNo:
      if (v.is_boolean()) return v.get<bool>() ? "Ya" : "Tidak";
      break;
    case FieldType::Group: {
      if (!v.is_array()) break;
      std::string out;
      for (const auto& item : v) {
        std::string one;
        for (const auto& c : f.fields)
          if (item.is_object() && item.contains(c.key))
            one += (one.empty() ? "" : ", ") + c.label.id + ": " + printed_value(c, item[c.key]);
        out += (out.empty() ? "" : "; ") + one;
      }
      return out.empty() ? "-" : out;
    }
    default:
      break;
  }
  if (f.type == FieldType::Address && v.is_object() && v.contains("text") && v["text"].is_string())
    return v["text"].get<std::string>();
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number()) return number_text(v.get<double>());
  return v.dump();
}

}  // namespace sp::forms
