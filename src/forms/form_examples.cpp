#include "forms/form_examples.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace sp::forms {

nlohmann::json example_value(const FormField& f) {
  if (f.example.empty()) return nullptr;
  switch (f.type) {
    case FieldType::YesNo:
      return f.example == "true";
    case FieldType::Number: {
      nlohmann::json n = nlohmann::json::parse(f.example, nullptr, false);
      return n.is_number() ? n : nlohmann::json(nullptr);
    }
    default:
      return f.example;
  }
}

namespace {

bool shown(const FormField& f, const nlohmann::json& level) {
  if (!f.show_if) return true;
  const auto it = level.find(f.show_if->field);
  if (it == level.end()) return false;
  const std::string text = it->is_boolean()  ? (it->get<bool>() ? "true" : "false")
                           : it->is_string() ? it->get<std::string>()
                                             : "";
  return std::find(f.show_if->values.begin(), f.show_if->values.end(), text) != f.show_if->values.end();
}

nlohmann::json level(const std::vector<const FormField*>& fields) {
  nlohmann::json out = nlohmann::json::object();
  for (const FormField* f : fields) {
    if (!shown(*f, out)) continue;
    if (f->type == FieldType::Group) {
      std::vector<const FormField*> sub;
      for (const auto& c : f->fields) sub.push_back(&c);
      nlohmann::json item = level(sub);
      if (!item.empty()) out[f->key] = nlohmann::json::array({item});
    } else if (!f->example.empty()) {
      nlohmann::json v = example_value(*f);
      if (!v.is_null()) out[f->key] = std::move(v);
    }
  }
  return out;
}

}  // namespace

nlohmann::json example_data(const PermitForm& form) { return level(form.fields()); }

}  // namespace sp::forms
