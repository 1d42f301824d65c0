#pragma once
// A generated document's layout as data: a title, an optional number line and blocks laid out
// top to bottom. Texts hold {{placeholders}} filled from DocumentValues when rendering. The
// defaults live in templates/documents/<kind>.yaml; an office overrides one by putting its own
// file in sop/<office>/documents/<kind>.yaml, and a permit in sop/<office>/documents/<permit>/.
// Such a file either replaces the whole template (`blocks`) or changes only some of its named
// blocks (`replace`), so an office that words one paragraph differently keeps every later
// change to the rest of the shared template.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "catalog/source_location.hpp"
#include "core/result.hpp"

namespace sp::documents {

// A row of a `fields` block: a label and a value, or (`table` set) every row of the named table
// of DocumentValues spliced in at this place, e.g. the permit data the form marks `on_permit`.
struct FieldRow {
  std::string label, value;
  std::string table;
};

struct TemplateBlock {
  enum class Kind : std::uint8_t { Heading, Text, Fields, List, Signature, Qr, Spacer };
  Kind kind = Kind::Text;
  std::string id;  // optional name, by which an office's or permit's file replaces the block
  std::string text;                                        // Heading, Text, Qr (the encoded text)
  std::vector<FieldRow> rows;                              // Fields
  std::string list;                                        // List: the name of a list value
  std::string empty_text;                                  // List: shown when the list is empty
  // Signature: place and date, the signer's title, name and NIP, in that order.
  // The QR code (Signature: optional, drawn where a wet signature would go) and its caption.
  std::string place_date, signer_title, signer_name, signer_nip;
  std::string caption;                                     // Qr: text beside the code
};

struct DocumentTemplate {
  std::string kind;  // tanda_terima, surat_pengembalian, undangan, rekomendasi_teknis, izin, penolakan
  std::string title;
  std::string subtitle;  // e.g. "Nomor: {{permit_number}}"
  std::vector<TemplateBlock> blocks;
  bool one_page = false;  // laid out smaller rather than spill onto a second page (a permit)
  std::string source;  // file it came from, for messages
};

// A file that changes named blocks of the template it would otherwise get (the office's, else
// the default), and perhaps its title lines.
struct TemplatePatch {
  struct Replacement {
    std::string id;
    std::vector<TemplateBlock> blocks;  // none: the block is dropped
    SourceLocation where;
  };
  std::string kind;
  std::optional<std::string> title, subtitle;
  std::vector<Replacement> replace;
  std::string source;
};

// One template file: a whole template, or a patch of one.
struct TemplateFile {
  std::optional<DocumentTemplate> whole;
  std::optional<TemplatePatch> patch;
  const std::string& kind() const { return whole ? whole->kind : patch->kind; }
};

struct DocumentValues {
  std::map<std::string, std::string> text;
  std::map<std::string, std::vector<std::string>> lists;
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> tables;  // label, value rows
};

// Parses one template file's text. Problems are reported as file:line diagnostics.
std::optional<DocumentTemplate> parse_document_template(const std::string& yaml_text, const std::string& file,
                                                        Diagnostics& out);

// Parses a template file, whole or patch. Problems are reported as file:line diagnostics.
std::optional<TemplateFile> parse_template_file(const std::string& yaml_text, const std::string& file,
                                                Diagnostics& out);

// `base` with the patch's blocks in place of the named ones (the result's source is the patch's
// file). A name the base does not have is a diagnostic at its entry.
std::optional<DocumentTemplate> apply_patch(const DocumentTemplate& base, const TemplatePatch& patch, Diagnostics& out);

// Every placeholder name the template's texts use, once each.
std::vector<std::string> placeholder_names(const DocumentTemplate& t);

// "{{name}}" replaced by values.text["name"]; an unknown name is an error naming it, so a
// template typo never reaches a citizen's letter.
Result<std::string> fill_placeholders(const std::string& text, const DocumentValues& values);

}  // namespace sp::documents
