#include "service/sop_editing.hpp"

#include <algorithm>
#include <map>

#include "auth/secrets.hpp"
#include "catalog/catalog_loader.hpp"
#include "core/civil_time.hpp"
#include "documents/template_library.hpp"
#include "sandbox/untrusted_definitions.hpp"
#include "service/audit_log.hpp"
#include "service/sop_publishing.hpp"
#include "store/account_repository.hpp"
#include "store/sop_version_repository.hpp"
#include "store/store.hpp"

namespace sp::service {

namespace {

constexpr const char* kDraftFile = "draft";

// The SOP the path names, as its newest version: the one a draft succeeds.
Result<const Sop*> sop_named(AppContext& ctx, const std::string& code) {
  const Sop* sop = ctx.catalog.sop(code);
  if (!sop || sop->code != code) return make_error("not_found", "no SOP with code '" + code.substr(0, 60) + "'");
  return sop;
}

Result<const Sop*> admins_sop(AppContext& ctx, const Principal& admin, const std::string& code) {
  if (admin.kind != UserKind::Admin) return make_error("forbidden", "only an office admin edits its SOPs");
  auto sop = sop_named(ctx, code);
  if (!sop) return sop.error();
  if ((*sop)->office != admin.office) return make_error("forbidden", "this SOP belongs to another office");
  return sop;
}

// The office's date today, YYYY-MM-DD.
std::string today_in(AppContext& ctx, const std::string& office) {
  return format_date(to_local(ctx.clock.now(), ctx.catalog.calendar(office)->zone()).date);
}

// The first line whose text starts with `key:` at `indent` spaces, for problems the parser cannot
// place (they concern the draft against the published versions); 0 when none.
int line_of(std::string_view text, std::string_view key, std::size_t indent) {
  int line = 1;
  for (std::size_t at = 0; at < text.size(); ++line) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    const std::string_view l = text.substr(at, end - at);
    if (l.size() > indent + key.size() && l.find_first_not_of(' ') == indent && l.substr(indent, key.size()) == key &&
        l[indent + key.size()] == ':')
      return line;
    at = end + 1;
  }
  return 0;
}

struct Draft {
  SopDraftView view;
  std::optional<Sop> sop;  // parsed, when the definition reads
};

// The draft against what it succeeds; appends to `out`.
void check_succession(AppContext& ctx, const Sop& current, const Sop& s, std::string_view text,
                      std::vector<SopDraftProblem>& out) {
  const auto add = [&](int line, std::string message) { out.push_back({line, std::move(message)}); };
  if (s.code != current.code)
    add(line_of(text, "code", 0), "the code is '" + s.code + "'; a new version of this SOP keeps '" + current.code + "'");
  if (s.office != current.office)
    add(line_of(text, "office", 0), "the office is '" + s.office + "'; this SOP belongs to '" + current.office + "'");
  if (s.version != current.version + 1)
    add(line_of(text, "version", 0), "the next version is " + std::to_string(current.version + 1) + ", not " +
                                         std::to_string(s.version) + " (version " + std::to_string(current.version) +
                                         " is the newest published)");
  if (s.permit.code != current.permit.code)
    add(line_of(text, "code", 2), "the permit's code is '" + current.permit.code +
                                      "' in every version: applications, permits and document templates name it");
  if (s.permit.form.empty())
    add(line_of(text, "permit", 0), "the permit has no 'form' (the fields an applicant fills in)");
  if (s.steps.size() > kMaxSopSteps)
    add(line_of(text, "steps", 0), "an SOP has at most " + std::to_string(kMaxSopSteps) + " steps");
  const int effective_line = line_of(text, "effective", 2);
  if (s.identity.effective.empty()) {
    add(line_of(text, "identity", 0), "give the Tanggal Efektif (identity: effective: YYYY-MM-DD): the day new "
                                      "applications start following this version");
  } else if (!parse_date(s.identity.effective)) {
    add(effective_line, "the Tanggal Efektif '" + s.identity.effective + "' is not a date (YYYY-MM-DD)");
  } else if (const std::string today = today_in(ctx, current.office); s.identity.effective < today) {
    add(effective_line, "the Tanggal Efektif " + s.identity.effective + " has passed; a new version takes effect from "
                        "today (" + today + ") on, as applications started before keep theirs");
  }
  if (ctx.document_templates) {
    Diagnostics fields;
    ctx.document_templates->check_form_fields(s, s.permit.form, fields);
    for (const auto& d : fields) add(line_of(text, "form", 2), d.message);
  }
}

Result<Draft> read_draft(AppContext& ctx, const Principal& admin, const std::string& code, const std::string& text) {
  auto current = admins_sop(ctx, admin, code);
  if (!current) return current.error();
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    return field_error("source", "required", "the definition is empty");
  if (text.size() > kMaxSopDraftBytes)
    return field_error("source", "too_long", "a definition has at most " + std::to_string(kMaxSopDraftBytes / 1024) +
                                                 " KiB", {}, static_cast<long long>(kMaxSopDraftBytes));
  Draft d;
  d.view.code = code;
  d.view.office = (*current)->office;
  d.view.version = (*current)->version + 1;
  // First in a worker: a draft that crashes the parser ends the worker, not this server.
  auto checked = untrusted_definitions(ctx).check(text, kDraftFile);
  if (!checked) return checked.error();
  for (const auto& p : *checked) d.view.problems.push_back({p.where.line, p.message});
  if (!d.view.problems.empty()) return d;
  // It read whole there, so the same bytes read here.
  Catalog scratch;
  Diagnostics again;
  load_definition_text(text, kDraftFile, scratch, again);
  for (const auto& p : again) d.view.problems.push_back({p.where.line, p.message});
  if (scratch.sops().size() != 1 || !scratch.offices().empty()) {
    d.view.problems.push_back({line_of(text, "kind", 0), "the definition must be one SOP (kind: sop)"});
    return d;
  }
  d.sop = scratch.sops().front();
  d.view.effective = d.sop->identity.effective;
  check_succession(ctx, **current, *d.sop, text, d.view.problems);
  return d;
}

Error invalid(const SopDraftView& v) {
  Error e = make_error("invalid_definition", "the definition has " + std::to_string(v.problems.size()) +
                                                 (v.problems.size() == 1 ? " problem" : " problems") + ", first: " +
                                                 (v.problems.front().line ? "line " + std::to_string(v.problems.front().line) + ": " : "") +
                                                 v.problems.front().message);
  for (const auto& p : v.problems)
    e.items.push_back((p.line ? "line " + std::to_string(p.line) + ": " : std::string()) + p.message);
  return e;
}

}  // namespace

Result<SopVersionsView> list_sop_versions(AppContext& ctx, const std::string& code) {
  auto newest = sop_named(ctx, code);
  if (!newest) return newest.error();
  const std::string office = (*newest)->office;
  auto stored = ctx.store.read([&](store::Transaction& tx) -> Result<SopVersionsView> {
    SopVersionsView out{code, office, {}};
    std::map<long long, std::string> names;
    for (const auto& p : tx.sop_versions().all()) {
      if (p.code != code) continue;
      SopVersionView v;
      v.code = p.code;
      v.office = p.office;
      v.version = p.version;
      v.published = p.published;
      v.sha256 = p.sha256;
      if (p.published_by) {
        if (!names.count(p.published_by)) {
          const auto who = tx.accounts().find(p.published_by);
          names[p.published_by] = who ? who->full_name : "";
        }
        v.published_by = names[p.published_by];
      }
      out.items.push_back(std::move(v));
    }
    return out;
  });
  if (!stored) return stored.error();
  const WorkingCalendar& cal = *ctx.catalog.calendar(office);
  const std::string today = today_in(ctx, office);
  const Sop* in_effect = ctx.catalog.sop_in_effect(code, today);
  std::sort(stored->items.begin(), stored->items.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
  for (auto& v : stored->items) {
    if (const Sop* s = ctx.catalog.sop(code, v.version)) v.effective = s->identity.effective;
    v.status = in_effect && v.version == in_effect->version ? "in_effect"
               : in_effect && v.version < in_effect->version ? "superseded"
                                                             : "upcoming";
    v.zone = cal.zone();
  }
  return stored;
}

Result<std::string> sop_source(AppContext& ctx, const std::string& code, int version) {
  const Sop* sop = ctx.catalog.sop(code, version);
  if (!sop || sop->code != code)
    return make_error("not_found", "no SOP '" + code.substr(0, 60) + "' version " + std::to_string(version));
  return sop->source_text;
}

Result<SopDraftView> check_sop_draft(AppContext& ctx, const Principal& admin, const std::string& code,
                                     const std::string& text) {
  auto d = read_draft(ctx, admin, code, text);
  if (!d) return d.error();
  return d->view;
}

Result<Sop> read_sop_draft(AppContext& ctx, const Principal& admin, const std::string& code, const std::string& text) {
  auto d = read_draft(ctx, admin, code, text);
  if (!d) return d.error();
  if (!d->view.problems.empty() || !d->sop) return invalid(d->view);
  return std::move(*d->sop);
}

Result<SopVersionView> publish_sop_version(AppContext& ctx, const Principal& admin, const std::string& code,
                                           const std::string& text) {
  auto d = read_draft(ctx, admin, code, text);
  if (!d) return d.error();
  if (!d->view.problems.empty() || !d->sop) return invalid(d->view);
  Sop& sop = *d->sop;
  const Instant now = ctx.clock.now();
  const std::string sha = auth::sha256_hex(text);
  auto written = ctx.store.write([&](store::Transaction& tx) -> Result<bool> {
    auto& versions = tx.sop_versions();
    versions.lock_for_publishing();
    // Another admin, or another server, may have published this number since the draft was read.
    if (versions.published_sha(sop.code, sop.version))
      return make_error("conflict", "version " + std::to_string(sop.version) + " of " + sop.code +
                                        " was published meanwhile; reload it and edit from there");
    versions.publish({sop.code, sop.version, sop.office, sha, text, now, admin.user_id.value});
    AuditEvent e = admin_event(sop.office, admin.user_id.value, "sop_published", now);
    e.payload = {{"sop", sop.code}, {"sop_version", sop.version}, {"effective", sop.identity.effective},
                 {"sha256", sha}};
    append_event(tx, e);
    return true;
  });
  if (!written) {
    // Another server published it: install it here now, so the admin's reload starts from it.
    if (written.error().code == "conflict") (void)refresh_sop_versions(ctx);
    return written.error();
  }
  const int version = sop.version;
  sop.source.file = "published:" + sop.code + "@" + std::to_string(version);
  if (!ctx.catalog.install_sop(std::move(sop)) && !ctx.catalog.sop(code, version))
    return make_error("internal", "version " + std::to_string(version) + " was stored but could not be installed");
  auto listed = list_sop_versions(ctx, code);
  if (!listed) return listed.error();
  for (auto& v : listed->items)
    if (v.version == version) return std::move(v);
  return make_error("internal", "version " + std::to_string(version) + " is not listed after publishing");
}

}  // namespace sp::service
