#include "documents/document_template.hpp"

#include <algorithm>

#include "catalog/yaml_fields.hpp"

namespace sp::documents {

namespace {

// A "{{name}}" in a template text: where it starts, where it ends (past "}}"; npos when the
// "{{" is never closed) and its name without surrounding spaces.
struct Placeholder {
  std::size_t open = 0, end = std::string::npos;
  std::string name;
};

std::optional<Placeholder> next_placeholder(const std::string& text, std::size_t from) {
  const auto open = text.find("{{", from);
  if (open == std::string::npos) return std::nullopt;
  const auto close = text.find("}}", open + 2);
  if (close == std::string::npos) return Placeholder{open, std::string::npos, {}};
  std::string name = text.substr(open + 2, close - open - 2);
  while (!name.empty() && name.front() == ' ') name.erase(0, 1);
  while (!name.empty() && name.back() == ' ') name.pop_back();
  return Placeholder{open, close + 2, std::move(name)};
}

std::optional<TemplateBlock> parse_block(YamlFields& y, const YAML::Node& n) {
  if (!y.expect_map(n, "a block", {"heading", "text", "fields", "list", "empty", "signature", "qr", "caption", "spacer"}))
    return std::nullopt;
  TemplateBlock b;
  int kinds = 0;
  if (n["heading"]) ++kinds, b.kind = TemplateBlock::Kind::Heading, b.text = y.text(n, "heading", Need::Required);
  if (n["text"]) ++kinds, b.kind = TemplateBlock::Kind::Text, b.text = y.text(n, "text", Need::Required);
  if (n["spacer"]) ++kinds, b.kind = TemplateBlock::Kind::Spacer;
  if (n["list"]) {
    ++kinds;
    b.kind = TemplateBlock::Kind::List;
    b.list = y.text(n, "list", Need::Required);
    b.empty_text = y.text(n, "empty", Need::Optional);
  }
  if (n["qr"]) {
    ++kinds;
    b.kind = TemplateBlock::Kind::Qr;
    b.text = y.text(n, "qr", Need::Required);
    b.caption = y.text(n, "caption", Need::Optional);
  }
  if (const YAML::Node f = n["fields"]) {
    ++kinds;
    b.kind = TemplateBlock::Kind::Fields;
    if (!f.IsSequence() || f.size() == 0) {
      y.error(f, "fields: give a list of [label, value] pairs");
    } else {
      for (const auto& row : f) {
        if (row.IsMap() && y.expect_map(row, "a fields row", {"table"})) {
          b.rows.push_back({{}, {}, y.text(row, "table", Need::Required)});
          continue;
        }
        if (!row.IsSequence() || row.size() != 2 || !row[0].IsScalar() || !row[1].IsScalar()) {
          y.error(row, "fields: each row is [label, value] or {table: NAME}");
          continue;
        }
        b.rows.push_back({row[0].as<std::string>(), row[1].as<std::string>(), {}});
      }
    }
  }
  if (const YAML::Node s = n["signature"]) {
    ++kinds;
    b.kind = TemplateBlock::Kind::Signature;
    if (y.expect_map(s, "signature", {"place_date", "title", "name", "nip", "qr"})) {
      b.text = y.text(s, "qr", Need::Optional);
      b.place_date = y.text(s, "place_date", Need::Required);
      b.signer_title = y.text(s, "title", Need::Required);
      b.signer_name = y.text(s, "name", Need::Required);
      b.signer_nip = y.text(s, "nip", Need::Optional);
    }
  }
  if (kinds != 1) {
    y.error(n, "a block is exactly one of heading, text, fields, list, signature, qr or spacer");
    return std::nullopt;
  }
  return b;
}

}  // namespace

std::optional<DocumentTemplate> parse_document_template(const std::string& yaml_text, const std::string& file,
                                                        Diagnostics& out) {
  YamlFields y(file, out);
  const std::size_t before = out.size();
  YAML::Node root;
  try {
    root = YAML::Load(yaml_text);
  } catch (const YAML::Exception& e) {
    out.push_back({{file, e.mark.line + 1}, e.msg});
    return std::nullopt;
  }
  if (!y.expect_map(root, "a document template", {"kind", "document", "title", "subtitle", "one_page", "blocks"})) return std::nullopt;
  DocumentTemplate t;
  t.source = file;
  if (y.text(root, "kind", Need::Required) != "document_template" && out.size() == before)
    y.error(root["kind"], "kind: must be document_template");
  t.kind = y.text(root, "document", Need::Required);
  t.title = y.text(root, "title", Need::Required);
  t.subtitle = y.text(root, "subtitle", Need::Optional);
  t.one_page = y.flag(root, "one_page", false);
  const YAML::Node blocks = y.child(root, "blocks", Need::Required);
  if (blocks && (!blocks.IsSequence() || blocks.size() == 0)) y.error(blocks, "blocks: give a list of blocks");
  else if (blocks)
    for (const auto& n : blocks)
      if (auto b = parse_block(y, n)) t.blocks.push_back(std::move(*b));
  if (out.size() != before) return std::nullopt;
  return t;
}

std::vector<std::string> placeholder_names(const DocumentTemplate& t) {
  std::vector<std::string> names;
  const auto scan = [&](const std::string& text) {
    for (auto p = next_placeholder(text, 0); p && p->end != std::string::npos; p = next_placeholder(text, p->end))
      if (std::find(names.begin(), names.end(), p->name) == names.end()) names.push_back(p->name);
  };
  scan(t.title);
  scan(t.subtitle);
  for (const auto& b : t.blocks) {
    for (const std::string* s : {&b.text, &b.empty_text, &b.place_date, &b.signer_title, &b.signer_name,
                                 &b.signer_nip, &b.caption})
      scan(*s);
    for (const auto& row : b.rows) {
      scan(row.label);
      scan(row.value);
    }
  }
  return names;
}

Result<std::string> fill_placeholders(const std::string& text, const DocumentValues& values) {
  std::string out;
  std::size_t at = 0;
  for (auto p = next_placeholder(text, 0); p; p = next_placeholder(text, at)) {
    if (p->end == std::string::npos) return make_error("template", "an unclosed '{{' in \"" + text + "\"");
    out.append(text, at, p->open - at);
    const auto it = values.text.find(p->name);
    if (it == values.text.end()) return make_error("template", "no value named '" + p->name + "'");
    out += it->second;
    at = p->end;
  }
  out.append(text, at, std::string::npos);
  return out;
}

}  // namespace sp::documents
