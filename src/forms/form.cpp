#include "forms/form.hpp"

#include <array>
#include <utility>

namespace sp {

namespace {

constexpr std::array<std::pair<FieldType, std::string_view>, 14> kTypeKeys{{
    {FieldType::Text, "text"},
    {FieldType::LongText, "long_text"},
    {FieldType::Number, "number"},
    {FieldType::Date, "date"},
    {FieldType::Choice, "choice"},
    {FieldType::YesNo, "yes_no"},
    {FieldType::Email, "email"},
    {FieldType::Phone, "phone"},
    {FieldType::Nik, "nik"},
    {FieldType::Npwp, "npwp"},
    {FieldType::Nib, "nib"},
    {FieldType::StrNumber, "str_number"},
    {FieldType::Group, "group"},
    {FieldType::Address, "address"},
}};

}  // namespace

std::string_view field_type_key(FieldType t) {
  for (const auto& [type, key] : kTypeKeys)
    if (type == t) return key;
  return "text";
}

std::optional<FieldType> field_type_from_key(std::string_view key) {
  for (const auto& [type, k] : kTypeKeys)
    if (k == key) return type;
  return std::nullopt;
}

const ChoiceOption* FormField::option(std::string_view value) const {
  for (const auto& o : options)
    if (o.value == value) return &o;
  return nullptr;
}

std::vector<const FormField*> FormField::children() const {
  std::vector<const FormField*> out;
  for (const auto& c : fields) out.push_back(&c);
  return out;
}

const FormField* PermitForm::field(std::string_view key) const {
  for (const auto& s : sections)
    for (const auto& f : s.fields)
      if (f.key == key) return &f;
  return nullptr;
}

std::vector<const FormField*> PermitForm::fields() const {
  std::vector<const FormField*> out;
  for (const auto& s : sections)
    for (const auto& f : s.fields) out.push_back(&f);
  return out;
}

}  // namespace sp
