#pragma once
// Defensive reading of YAML definitions: every accessor checks the node's shape first and
// records a `file:line: reason` diagnostic instead of throwing, so any input, however broken,
// yields a list of problems and never a crash. Only the catalog parsers include yaml-cpp.
#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/source_location.hpp"

namespace sp {

enum class Need : std::uint8_t { Required, Optional };

class YamlFields {
 public:
  YamlFields(std::string file, Diagnostics& out) : file_(std::move(file)), out_(out) {}

  const std::string& file() const { return file_; }
  SourceLocation at(const YAML::Node& n) const;
  void error(const YAML::Node& n, std::string message);
  std::size_t error_count() const { return out_.size(); }

  // True when `n` is a mapping; reports duplicate keys, non-scalar keys and keys outside `allowed`.
  bool expect_map(const YAML::Node& n, std::string_view what, std::initializer_list<std::string_view> allowed);
  // The child node, or an undefined node when absent (reported when required).
  YAML::Node child(const YAML::Node& map, const char* key, Need need);

  std::string text(const YAML::Node& map, const char* key, Need need);
  std::vector<std::string> text_list(const YAML::Node& map, const char* key, Need need);
  std::optional<std::int64_t> integer(const YAML::Node& map, const char* key, std::int64_t min, std::int64_t max,
                                      Need need);
  bool flag(const YAML::Node& map, const char* key, bool fallback);

  // A scalar node's text, reporting `what` when the node is not a scalar.
  std::optional<std::string> scalar(const YAML::Node& n, std::string_view what);

 private:
  std::string file_;
  Diagnostics& out_;
};

}  // namespace sp
