#pragma once
// Every document template the server may render: the defaults from templates/documents/ and the
// offices' overrides from sop/<office>/documents/. Loaded once at start; a broken file stops
// the start with file:line diagnostics instead of failing on a citizen's letter later.
#include <map>
#include <string>
#include <vector>

#include "documents/document_template.hpp"

namespace sp::documents {

class TemplateLibrary {
 public:
  // `defaults_dir`: templates/documents; `sop_dir`: sop (offices' overrides in <office>/documents).
  static TemplateLibrary load(const std::string& defaults_dir, const std::string& sop_dir, Diagnostics& out);

  // The office's own template of `kind`, else the default; nullptr when neither exists.
  const DocumentTemplate* find(const std::string& office, const std::string& kind) const;
  std::vector<std::string> kinds() const;

 private:
  std::map<std::string, DocumentTemplate> defaults_;
  std::map<std::pair<std::string, std::string>, DocumentTemplate> overrides_;
};

}  // namespace sp::documents
