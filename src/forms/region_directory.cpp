#include "forms/region_directory.hpp"

#include <algorithm>

namespace sp::forms {

namespace {

bool digits(std::string_view s, std::size_t n) {
  return s.size() == n && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// One CSV record (RFC 4180: fields may be quoted, a quote inside doubled), or nullopt when a
// quote is left open. The data's names hold commas ("Lubuk Pakam I,II") but never line breaks.
std::optional<std::vector<std::string>> csv_fields(std::string_view line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') out.back() += '"', ++i;
      else if (c == '"') quoted = false;
      else out.back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  if (quoted) return std::nullopt;
  return out;
}

}  // namespace

std::string parent_code(std::string_view code) {
  const auto dot = code.rfind('.');
  return dot == std::string_view::npos ? std::string() : std::string(code.substr(0, dot));
}

std::optional<RegionLevel> level_of(std::string_view code) {
  // 32 | 32.14 | 32.14.01 | 32.14.01.2001
  static constexpr std::size_t widths[] = {2, 2, 2, 4};
  std::size_t part = 0, start = 0;
  while (true) {
    const auto dot = code.find('.', start);
    const std::string_view piece = code.substr(start, dot == std::string_view::npos ? code.npos : dot - start);
    if (part >= 4 || !digits(piece, widths[part])) return std::nullopt;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
    ++part;
  }
  return static_cast<RegionLevel>(part);
}

std::optional<RegionDirectory> RegionDirectory::parse(const RegionFile& provinces, const RegionFile& regencies,
                                                      const RegionFile& districts, const RegionFile& villages,
                                                      Diagnostics& out) {
  RegionDirectory d;
  const std::size_t before = out.size();
  const auto read = [&](const RegionFile& f, RegionLevel level) {
    const bool top = level == RegionLevel::Province;
    std::size_t pos = 0;
    int line_no = 0;
    while (pos < f.text.size()) {
      auto end = f.text.find('\n', pos);
      if (end == std::string::npos) end = f.text.size();
      std::string_view line(f.text.data() + pos, end - pos);
      pos = end + 1;
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line_no == 1 || line.empty()) continue;  // the header
      const auto bad = [&](const std::string& why) { out.push_back({{f.name, line_no}, why}); };
      const auto fields = csv_fields(line);
      if (!fields || fields->size() != (top ? 2u : 3u)) {
        bad(top ? "expected code,name" : "expected code,parent code,name");
        continue;
      }
      const std::string& code = (*fields)[0];
      const std::string& name = fields->back();
      if (level_of(code) != level) {
        bad("'" + code.substr(0, 20) + "' is not a code of this level");
        continue;
      }
      if (!top && (*fields)[1] != parent_code(code)) {
        bad("'" + code + "' does not extend its parent's code '" + (*fields)[1].substr(0, 20) + "'");
        continue;
      }
      if (!top && !d.by_code_.count((*fields)[1])) {
        bad("no region '" + (*fields)[1] + "' above '" + code + "'");
        continue;
      }
      if (name.empty() || name.size() > 200) {
        bad("a region needs a name of 1 to 200 characters");
        continue;
      }
      if (!d.by_code_.emplace(code, d.regions_.size()).second) {
        bad("'" + code + "' is listed twice");
        continue;
      }
      d.children_[parent_code(code)].push_back(d.regions_.size());
      d.regions_.push_back({code, name, level});
    }
  };
  read(provinces, RegionLevel::Province);
  read(regencies, RegionLevel::Regency);
  read(districts, RegionLevel::District);
  read(villages, RegionLevel::Village);
  if (out.size() != before) return std::nullopt;
  return d;
}

const Region* RegionDirectory::find(std::string_view code) const {
  const auto it = by_code_.find(std::string(code));
  return it == by_code_.end() ? nullptr : &regions_[it->second];
}

std::vector<const Region*> RegionDirectory::children(std::string_view parent) const {
  std::vector<const Region*> out;
  if (const auto it = children_.find(std::string(parent)); it != children_.end())
    for (std::size_t i : it->second) out.push_back(&regions_[i]);
  return out;
}

}  // namespace sp::forms
