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
  if (!y.expect_map(n, "a block",
                    {"id", "heading", "text", "fields", "list", "empty", "signature", "qr", "caption", "spacer"}))
    return std::nullopt;
  TemplateBlock b;
  b.id = y.text(n, "id", Need::Optional);
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

namespace {

// The blocks of a `blocks` list, or of one `replace` entry (which may be empty: the block goes).
std::vector<TemplateBlock> parse_blocks(YamlFields& y, const YAML::Node& list, bool may_be_empty) {
  std::vector<TemplateBlock> out;
  if (!list.IsSequence() || (list.size() == 0 && !may_be_empty)) {
    y.error(list, may_be_empty ? "give a list of blocks ([] drops the block)" : "blocks: give a list of blocks");
    return out;
  }
  for (const auto& n : list)
    if (auto b = parse_block(y, n)) out.push_back(std::move(*b));
  return out;
}

}  // namespace

std::optional<TemplateFile> parse_template_file(const std::string& yaml_text, const std::string& file,
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
  if (!y.expect_map(root, "a document template", {"kind", "document", "title", "subtitle", "one_page", "blocks", "replace"}))
    return std::nullopt;
  if (y.text(root, "kind", Need::Required) != "document_template" && out.size() == before)
    y.error(root["kind"], "kind: must be document_template");
  TemplateFile f;
  if (root["replace"]) {
    if (root["blocks"]) y.error(root["blocks"], "a file gives either blocks (a whole template) or replace (some of its blocks)");
    if (root["one_page"]) y.error(root["one_page"], "one_page belongs to the whole template, not to a replace file");
    TemplatePatch p;
    p.source = file;
    p.kind = y.text(root, "document", Need::Required);
    if (root["title"]) p.title = y.text(root, "title", Need::Required);
    if (root["subtitle"]) p.subtitle = y.text(root, "subtitle", Need::Optional);
    const YAML::Node replace = root["replace"];
    if (!replace.IsMap() || replace.size() == 0) {
      y.error(replace, "replace: give block names, each with the blocks that take its place");
    } else {
      for (const auto& entry : replace) {
        auto id = y.scalar(entry.first, "a block name");
        if (!id) continue;
        if (std::any_of(p.replace.begin(), p.replace.end(), [&](const auto& r) { return r.id == *id; }))
          y.error(entry.first, "block '" + *id + "' is replaced twice");
        p.replace.push_back({*id, parse_blocks(y, entry.second, true), y.at(entry.first)});
      }
    }
    f.patch = std::move(p);
  } else {
    DocumentTemplate t;
    t.source = file;
    t.kind = y.text(root, "document", Need::Required);
    t.title = y.text(root, "title", Need::Required);
    t.subtitle = y.text(root, "subtitle", Need::Optional);
    t.one_page = y.flag(root, "one_page", false);
    if (const YAML::Node blocks = y.child(root, "blocks", Need::Required)) t.blocks = parse_blocks(y, blocks, false);
    // Names are how offices and permits reach a block: each names one block only.
    for (std::size_t i = 0; i < t.blocks.size(); ++i)
      for (std::size_t j = 0; j < i; ++j)
        if (!t.blocks[i].id.empty() && t.blocks[i].id == t.blocks[j].id)
          y.error(root["blocks"][i], "block name '" + t.blocks[i].id + "' is used twice");
    f.whole = std::move(t);
  }
  if (out.size() != before) return std::nullopt;
  return f;
}

std::optional<DocumentTemplate> parse_document_template(const std::string& yaml_text, const std::string& file,
                                                        Diagnostics& out) {
  auto f = parse_template_file(yaml_text, file, out);
  if (!f) return std::nullopt;
  if (!f->whole) {
    out.push_back({{file, 1}, "this file replaces blocks of another template; a whole template is needed here"});
    return std::nullopt;
  }
  return std::move(*f->whole);
}

std::optional<DocumentTemplate> apply_patch(const DocumentTemplate& base, const TemplatePatch& patch, Diagnostics& out) {
  DocumentTemplate t = base;
  t.source = patch.source;
  if (patch.title) t.title = *patch.title;
  if (patch.subtitle) t.subtitle = *patch.subtitle;
  bool ok = true;
  for (const auto& r : patch.replace) {
    auto it = std::find_if(t.blocks.begin(), t.blocks.end(), [&](const TemplateBlock& b) { return b.id == r.id; });
    if (it == t.blocks.end()) {
      std::string names;
      for (const auto& b : base.blocks)
        if (!b.id.empty()) names += (names.empty() ? "" : ", ") + b.id;
      out.push_back({r.where, "no block named '" + r.id + "' in " + base.source +
                                  (names.empty() ? " (it names none)" : "; its named blocks: " + names)});
      ok = false;
      continue;
    }
    // The replacement keeps the name (on each of its blocks), so a permit's file can change
    // again what its office's file changed.
    std::vector<TemplateBlock> blocks = r.blocks;
    for (auto& b : blocks)
      if (b.id.empty()) b.id = r.id;
    const auto at = it - t.blocks.begin();
    std::erase_if(t.blocks, [&](const TemplateBlock& b) { return b.id == r.id; });
    t.blocks.insert(t.blocks.begin() + at, blocks.begin(), blocks.end());
  }
  if (!ok) return std::nullopt;
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
