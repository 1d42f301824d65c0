#pragma once
// Strict JSON request decoding: malformed JSON, wrong types, missing and unknown fields are
// errors that name the field, so bad input never reaches a service half-understood.
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace sp::http {

Result<nlohmann::json> parse_object(const std::string& body, std::initializer_list<std::string_view> allowed,
                                    std::initializer_list<std::string_view> required);

// Typed field access on an object already checked by parse_object.
Result<std::string> string_field(const nlohmann::json& j, const char* name, bool required, std::size_t max_len = 10000);
Result<std::optional<long long>> int_field(const nlohmann::json& j, const char* name, bool required);
// A list of non-empty strings, each at most `max_len` long, at most `max_items` of them.
Result<std::vector<std::string>> string_list_field(const nlohmann::json& j, const char* name, bool required,
                                                  std::size_t max_items, std::size_t max_len);
Result<std::optional<bool>> bool_field(const nlohmann::json& j, const char* name, bool required);

}  // namespace sp::http
