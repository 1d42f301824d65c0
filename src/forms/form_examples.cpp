#include "forms/form_examples.hpp"

#include <nlohmann/json.hpp>

#include "forms/form_data.hpp"
#include "forms/region_directory.hpp"

namespace sp::forms {

nlohmann::json example_value(const FormField& f) {
  if (f.example.empty()) return nullptr;
  switch (f.type) {
    case FieldType::YesNo:
      return f.example == "true";
    case FieldType::Address: {
      // The example names a village; the codes above it are its prefixes.
      nlohmann::json a = nlohmann::json::object();
      std::string code = f.example;
      for (const char* part : {"village", "district", "regency", "province"}) {
        a[part] = code;
        code = parent_code(code);
      }
      return a;
    }
    case FieldType::Number: {
      nlohmann::json n = nlohmann::json::parse(f.example, nullptr, false);
      return n.is_number() ? n : nlohmann::json(nullptr);
    }
    default:
      return f.example;
  }
}

namespace {

nlohmann::json level(const std::vector<const FormField*>& fields) {
  nlohmann::json out = nlohmann::json::object();
  for (const FormField* f : fields) {
    if (!shown_in(*f, out)) continue;
    if (f->type == FieldType::Group) {
      nlohmann::json item = level(f->children());
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
