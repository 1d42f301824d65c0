#include "catalog/catalog_loader.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "catalog/definition_parsers.hpp"
#include "catalog/sop_validator.hpp"

namespace sp {

namespace fs = std::filesystem;

namespace {

constexpr std::uintmax_t kMaxFileBytes = 4 * 1024 * 1024;

bool is_yaml(const fs::path& p) { return p.extension() == ".yaml" || p.extension() == ".yml"; }

void collect(const std::string& path, std::vector<std::string>& files, Diagnostics& out) {
  std::error_code ec;
  const fs::path p(path);
  if (fs::is_directory(p, ec)) {
    std::vector<std::string> found;
    for (fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end;
         !ec && it != end; it.increment(ec)) {
      // An office's documents/ folder holds its document templates, read by the template
      // library (documents/template_library.hpp), not definitions.
      if (it->is_directory(ec) && it->path().filename() == "documents") {
        it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file(ec) && is_yaml(it->path())) found.push_back(it->path().string());
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  } else if (fs::exists(p, ec)) {
    files.push_back(path);
    // A lone SOP file needs its office: take the office.yaml beside it.
    const fs::path office = p.parent_path() / "office.yaml";
    if (p.filename() != "office.yaml" && fs::exists(office, ec)) files.push_back(office.string());
  } else {
    out.push_back({{path, 0}, "no such file or directory"});
  }
}

}  // namespace

void load_definition_text(std::string_view text, const std::string& file, Catalog& into, Diagnostics& out) {
  YamlFields f(file, out);
  if (text.find('\0') != std::string_view::npos) {
    out.push_back({{file, 1}, "not a YAML text file (contains NUL bytes)"});
    return;
  }
  try {
    const YAML::Node root = YAML::Load(std::string(text));
    if (!root.IsDefined() || root.IsNull()) {
      out.push_back({{file, 1}, "empty file: expected a definition with 'kind: office', 'kind: sop' or "
                                "'kind: national-calendar'"});
      return;
    }
    if (!root.IsMap()) {
      f.error(root, "a definition must be a mapping with a 'kind' field");
      return;
    }
    const std::string kind = f.text(root, "kind", Need::Required);
    if (kind == "office") {
      if (auto o = parse_office(root, f)) into.add_office(std::move(*o));
    } else if (kind == "sop") {
      if (auto s = parse_sop(root, f)) {
        validate_sop(*s, out);
        s->source_text = std::string(text);
        into.add_sop(std::move(*s));
      }
    } else if (kind == "national-calendar") {
      if (auto h = parse_holidays(root, f)) into.set_national_holidays(std::move(*h));
    } else if (!kind.empty()) {
      f.error(f.child(root, "kind", Need::Required),
              "unknown kind '" + kind.substr(0, 40) + "' (expected office, sop or national-calendar)");
    }
  } catch (const YAML::Exception& e) {
    out.push_back({{file, e.mark.line >= 0 ? e.mark.line + 1 : 0}, "YAML syntax error: " + e.msg});
  } catch (const std::exception& e) {
    out.push_back({{file, 0}, std::string("cannot read definition: ") + e.what()});
  }
}

LoadedCatalog load_catalog(const std::vector<std::string>& paths) {
  LoadedCatalog result;
  std::vector<std::string> files;
  for (const auto& p : paths) collect(p, files, result.problems);
  // The same file may be named twice (a directory and a file in it): read it once.
  std::vector<std::string> unique;
  for (const auto& f : files) {
    std::error_code ec;
    const auto canon = fs::weakly_canonical(f, ec).string();
    if (std::none_of(unique.begin(), unique.end(), [&](const std::string& u) {
          std::error_code e2;
          return fs::weakly_canonical(u, e2).string() == canon;
        }))
      unique.push_back(f);
  }
  for (const auto& file : unique) {
    std::error_code ec;
    const auto size = fs::file_size(file, ec);
    if (ec) {
      result.problems.push_back({{file, 0}, "cannot read: " + ec.message()});
      continue;
    }
    if (size > kMaxFileBytes) {
      result.problems.push_back({{file, 0}, "file too large (over 4 MiB) for a definition"});
      continue;
    }
    std::ifstream in(file, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    if (!in && !in.eof()) {
      result.problems.push_back({{file, 0}, "cannot read file"});
      continue;
    }
    result.files.push_back(file);
    load_definition_text(buf.str(), file, result.catalog, result.problems);
  }
  result.catalog.finish(result.problems);
  return result;
}

}  // namespace sp
