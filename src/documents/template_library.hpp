#pragma once
// Every document template the server may render: the defaults from templates/documents/, the
// offices' overrides from sop/<office>/documents/, and a permit's own from
// sop/<office>/documents/<PERMIT CODE>/ (the optician permit's layout differs from a SIP's).
// An office's or permit's file is a whole template, or replaces named blocks of the template
// below it (the office's, else the default). Loaded once at start; a broken file stops the
// start with file:line diagnostics instead of failing on a citizen's letter later.
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "catalog/catalog.hpp"
#include "documents/document_template.hpp"

namespace sp::documents {

class TemplateLibrary {
 public:
  // `defaults_dir`: templates/documents; `sop_dir`: sop (offices' overrides in <office>/documents).
  static TemplateLibrary load(const std::string& defaults_dir, const std::string& sop_dir, Diagnostics& out);

  // The permit's own template of `kind`, else the office's, else the default; nullptr when none.
  const DocumentTemplate* find(const std::string& office, const std::string& kind, const std::string& permit = "") const;
  std::vector<std::string> kinds() const;
  // Against the catalogue: every `{{form.KEY}}` a template names must be a field of the form of
  // each permit whose documents it renders (its office's SOPs, every version), and a permit's
  // folder must name a permit of its office; else a diagnostic at the template or folder.
  void check_form_fields(const Catalog& catalog, Diagnostics& out) const;
  // The same for one SOP version whose applications fill in `form` (a draft about to be published).
  void check_form_fields(const Sop& sop, const PermitForm& form, Diagnostics& out) const;

 private:
  std::map<std::string, DocumentTemplate> defaults_;
  std::map<std::pair<std::string, std::string>, DocumentTemplate> overrides_;
  std::map<std::tuple<std::string, std::string, std::string>, DocumentTemplate> permits_;  // office, permit, kind
  std::vector<std::pair<std::string, std::string>> permit_dirs_;                           // office, permit
};

}  // namespace sp::documents
