#include "http/json_body.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "core/text.hpp"

namespace sp::http {

namespace {

// Every key and string value in the document, without recursion (a body may nest deeply).
// nlohmann-json has already refused invalid UTF-8; this refuses control characters, which
// JSON allows as escapes ("\u0000"). Strings may span lines (notes, addresses); keys may not.
Result<bool> check_texts(const nlohmann::json& root) {
  std::vector<std::pair<const nlohmann::json*, std::string>> todo{{&root, ""}};
  while (!todo.empty()) {
    auto [node, path] = std::move(todo.back());
    todo.pop_back();
    if (node->is_string()) {
      if (auto why = text_problem(node->get_ref<const std::string&>(), TextKind::MultiLine))
        return field_error(path.empty() ? std::string("body") : path, "not_text", *why);
    } else if (node->is_object()) {
      for (const auto& [key, value] : node->items()) {
        const std::string at = path.empty() ? key : path + "." + key;
        if (auto why = text_problem(key, TextKind::Single))
          return field_error(path.empty() ? std::string("body") : path, "not_text", "a field name " + *why);
        todo.emplace_back(&value, at);
      }
    } else if (node->is_array()) {
      std::size_t i = 0;
      for (const auto& value : *node) todo.emplace_back(&value, path + "[" + std::to_string(i++) + "]");
    }
  }
  return true;
}

}  // namespace

Result<nlohmann::json> parse_object(const std::string& body, std::initializer_list<std::string_view> allowed,
                                    std::initializer_list<std::string_view> required) {
  nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded()) return make_error("malformed_json", "the request body is not valid JSON");
  if (!j.is_object()) return make_error("malformed_json", "the request body must be a JSON object");
  if (auto clean = check_texts(j); !clean) return clean.error();
  for (const auto& [key, value] : j.items())
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      return field_error(key, "unknown_field", "unknown field");
  for (auto r : required)
    if (!j.contains(std::string(r))) return field_error(std::string(r), "required", "required");
  return j;
}

Result<std::string> string_field(const nlohmann::json& j, const char* name, bool required, std::size_t max_len) {
  if (!j.contains(name) || j[name].is_null()) {
    if (required) return field_error(name, "required", "required");
    return std::string{};
  }
  if (!j[name].is_string()) return field_error(name, "wrong_type", "must be a string");
  std::string s = j[name].get<std::string>();
  if (s.size() > max_len)
    return field_error(name, "too_long", "at most " + std::to_string(max_len) + " characters", {},
                       static_cast<long long>(max_len));
  return s;
}

Result<std::optional<long long>> int_field(const nlohmann::json& j, const char* name, bool required) {
  if (!j.contains(name) || j[name].is_null()) {
    if (required) return field_error(name, "required", "required");
    return std::optional<long long>{};
  }
  if (!j[name].is_number_integer()) return field_error(name, "wrong_type", "must be an integer");
  return std::optional<long long>{j[name].get<long long>()};
}

Result<std::vector<std::string>> string_list_field(const nlohmann::json& j, const char* name, bool required,
                                                  std::size_t max_items, std::size_t max_len) {
  std::vector<std::string> out;
  if (!j.contains(name) || j[name].is_null()) {
    if (required) return field_error(name, "required", "required");
    return out;
  }
  const auto bad = [&] {
    return field_error(name, "text_list", "a list of at most " + std::to_string(max_items) + " texts of 1 to " +
                                              std::to_string(max_len) + " characters",
                       1, static_cast<long long>(max_items));
  };
  if (!j[name].is_array() || j[name].size() > max_items) return bad();
  for (const auto& item : j[name]) {
    if (!item.is_string() || item.get<std::string>().empty() || item.get<std::string>().size() > max_len) return bad();
    out.push_back(item.get<std::string>());
  }
  return out;
}

Result<std::optional<bool>> bool_field(const nlohmann::json& j, const char* name, bool required) {
  if (!j.contains(name) || j[name].is_null()) {
    if (required) return field_error(name, "required", "required");
    return std::optional<bool>{};
  }
  if (!j[name].is_boolean()) return field_error(name, "wrong_type", "must be true or false");
  return std::optional<bool>{j[name].get<bool>()};
}

}  // namespace sp::http
