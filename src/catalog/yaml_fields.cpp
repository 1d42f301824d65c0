#include "catalog/yaml_fields.hpp"

#include <algorithm>
#include <charconv>

namespace sp {

SourceLocation YamlFields::at(const YAML::Node& n) const {
  const YAML::Mark m = n.Mark();
  return SourceLocation{file_, m.line >= 0 ? m.line + 1 : 0};
}

void YamlFields::error(const YAML::Node& n, std::string message) {
  out_.push_back(Diagnostic{at(n), std::move(message)});
}

bool YamlFields::expect_map(const YAML::Node& n, std::string_view what,
                            std::initializer_list<std::string_view> allowed) {
  if (!n.IsMap()) {
    error(n, std::string(what) + " must be a mapping of fields");
    return false;
  }
  std::vector<std::string> seen;
  for (const auto& kv : n) {
    if (!kv.first.IsScalar()) {
      error(kv.first, "field names in " + std::string(what) + " must be plain words");
      continue;
    }
    const std::string& key = kv.first.Scalar();
    if (std::find(seen.begin(), seen.end(), key) != seen.end())
      error(kv.first, "duplicate field '" + key + "' in " + std::string(what));
    seen.push_back(key);
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      error(kv.first, "unknown field '" + key.substr(0, 60) + "' in " + std::string(what));
  }
  return true;
}

YAML::Node YamlFields::child(const YAML::Node& map, const char* key, Need need) {
  if (!map.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
  const YAML::Node c = map[key];
  if ((!c.IsDefined() || c.IsNull()) && need == Need::Required) error(map, std::string("missing field '") + key + "'");
  if (!c.IsDefined()) return YAML::Node(YAML::NodeType::Undefined);
  return c;
}

std::optional<std::string> YamlFields::scalar(const YAML::Node& n, std::string_view what) {
  if (n.IsScalar()) return n.Scalar();
  error(n, std::string(what) + " must be a single value, not a list or mapping");
  return std::nullopt;
}

std::string YamlFields::text(const YAML::Node& map, const char* key, Need need) {
  const YAML::Node c = child(map, key, need);
  if (!c.IsDefined() || c.IsNull()) return {};
  auto s = scalar(c, std::string("'") + key + "'");
  if (s && s->empty() && need == Need::Required) error(c, std::string("field '") + key + "' must not be empty");
  return s.value_or(std::string{});
}

std::vector<std::string> YamlFields::text_list(const YAML::Node& map, const char* key, Need need) {
  std::vector<std::string> out;
  const YAML::Node c = child(map, key, need);
  if (!c.IsDefined() || c.IsNull()) return out;
  if (!c.IsSequence()) {
    error(c, std::string("'") + key + "' must be a list");
    return out;
  }
  for (const auto& item : c)
    if (auto s = scalar(item, std::string("each entry of '") + key + "'")) out.push_back(*s);
  return out;
}

std::optional<std::int64_t> YamlFields::integer(const YAML::Node& map, const char* key, std::int64_t min,
                                                std::int64_t max, Need need) {
  const YAML::Node c = child(map, key, need);
  if (!c.IsDefined() || c.IsNull()) return std::nullopt;
  auto s = scalar(c, std::string("'") + key + "'");
  if (!s) return std::nullopt;
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s->data(), s->data() + s->size(), v);
  const std::string range = " (" + std::to_string(min) + " to " + std::to_string(max) + ")";
  if (ec == std::errc::result_out_of_range || (ec == std::errc{} && p == s->data() + s->size() && (v < min || v > max))) {
    error(c, std::string("'") + key + "' is out of range" + range);
    return std::nullopt;
  }
  if (ec != std::errc{} || p != s->data() + s->size()) {
    error(c, std::string("'") + key + "' must be a whole number" + range);
    return std::nullopt;
  }
  return v;
}

bool YamlFields::flag(const YAML::Node& map, const char* key, bool fallback) {
  const YAML::Node c = child(map, key, Need::Optional);
  if (!c.IsDefined() || c.IsNull()) return fallback;
  auto s = scalar(c, std::string("'") + key + "'");
  if (!s) return fallback;
  if (*s == "true" || *s == "yes" || *s == "ya") return true;
  if (*s == "false" || *s == "no" || *s == "tidak") return false;
  error(c, std::string("'") + key + "' must be true or false");
  return fallback;
}

}  // namespace sp
