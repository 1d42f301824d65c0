#include "documents/template_library.hpp"

#include <filesystem>
#include <algorithm>
#include <fstream>
#include <sstream>
#include <tuple>

namespace sp::documents {

namespace fs = std::filesystem;

namespace {

std::optional<TemplateFile> load_file(const fs::path& file, Diagnostics& out) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    out.push_back({{file.string(), 0}, "cannot read the file"});
    return std::nullopt;
  }
  std::stringstream text;
  text << in.rdbuf();
  auto t = parse_template_file(text.str(), file.string(), out);
  if (t && t->kind() != file.stem().string()) {
    out.push_back({{file.string(), 1}, "document: '" + t->kind() + "' must match the file name '" + file.stem().string() + "'"});
    return std::nullopt;
  }
  return t;
}

// The template an office or permit file makes: itself when whole, else `base` changed by it.
std::optional<DocumentTemplate> resolve(TemplateFile&& f, const DocumentTemplate* base, const fs::path& file,
                                        Diagnostics& out) {
  if (!base) {
    out.push_back({{file.string(), 1}, "no default template '" + f.kind() + "' to override"});
    return std::nullopt;
  }
  if (f.whole) return std::move(*f.whole);
  return apply_patch(*base, *f.patch, out);
}

std::vector<fs::path> yaml_files(const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.is_regular_file() && e.path().extension() == ".yaml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TemplateLibrary TemplateLibrary::load(const std::string& defaults_dir, const std::string& sop_dir, Diagnostics& out) {
  TemplateLibrary lib;
  if (!fs::is_directory(defaults_dir)) out.push_back({{defaults_dir, 0}, "the document templates folder is missing"});
  for (const auto& f : yaml_files(defaults_dir)) {
    auto t = load_file(f, out);
    if (t && t->patch) out.push_back({{f.string(), 1}, "a default template is whole: give blocks, not replace"});
    else if (t) lib.defaults_.emplace(t->kind(), std::move(*t->whole));
  }
  std::error_code ec;
  for (const auto& office : fs::directory_iterator(sop_dir, ec)) {
    if (!office.is_directory()) continue;
    const std::string code = office.path().filename().string();
    for (const auto& f : yaml_files(office.path() / "documents")) {
      auto file = load_file(f, out);
      if (!file) continue;
      const std::string kind = file->kind();
      auto d = lib.defaults_.find(kind);
      if (auto t = resolve(std::move(*file), d == lib.defaults_.end() ? nullptr : &d->second, f, out))
        lib.overrides_.emplace(std::pair{code, kind}, std::move(*t));
    }
    for (const auto& permit : fs::directory_iterator(office.path() / "documents", ec)) {
      if (!permit.is_directory()) continue;
      const std::string permit_code = permit.path().filename().string();
      lib.permit_dirs_.emplace_back(code, permit_code);
      for (const auto& f : yaml_files(permit.path())) {
        auto file = load_file(f, out);
        if (!file) continue;
        const std::string kind = file->kind();
        // A permit's file changes its office's template where the office has one.
        if (auto t = resolve(std::move(*file), lib.find(code, kind), f, out))
          lib.permits_.emplace(std::tuple{code, permit_code, kind}, std::move(*t));
      }
    }
  }
  return lib;
}

const DocumentTemplate* TemplateLibrary::find(const std::string& office, const std::string& kind,
                                              const std::string& permit) const {
  if (auto it = permits_.find({office, permit, kind}); it != permits_.end()) return &it->second;
  if (auto it = overrides_.find({office, kind}); it != overrides_.end()) return &it->second;
  if (auto it = defaults_.find(kind); it != defaults_.end()) return &it->second;
  return nullptr;
}

void TemplateLibrary::check_form_fields(const Catalog& catalog, Diagnostics& out) const {
  for (const auto& [office, permit] : permit_dirs_) {
    const auto& sops = catalog.sops();
    if (std::none_of(sops.begin(), sops.end(), [&](const Sop& s) { return s.office == office && s.permit.code == permit; }))
      out.push_back({{office + "/documents/" + permit, 0},
                     "no permit with code '" + permit + "' in office '" + office + "' for these templates"});
  }
  for (const auto& sop : catalog.sops()) check_form_fields(sop, catalog.form(sop), out);
}

void TemplateLibrary::check_form_fields(const Sop& sop, const PermitForm& form, Diagnostics& out) const {
  for (const auto& kind : kinds()) {
    const DocumentTemplate* t = find(sop.office, kind, sop.permit.code);
    for (const auto& name : placeholder_names(*t)) {
      if (name.rfind("form.", 0) != 0 || form.field(name.substr(5))) continue;
      out.push_back({{t->source, 0}, "the template names form field '" + name.substr(5) + "', which the form of SOP '" +
                                         sop.code + "' version " + std::to_string(sop.version) + " does not have"});
    }
  }
}

std::vector<std::string> TemplateLibrary::kinds() const {
  std::vector<std::string> out;
  for (const auto& [k, _] : defaults_) out.push_back(k);
  return out;
}

}  // namespace sp::documents
