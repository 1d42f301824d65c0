// sop/<office>/<permit>.yaml: one SOP sheet as data. See docs/sop-format.md.
#include <algorithm>

#include "catalog/definition_parsers.hpp"

namespace sp {

namespace {

struct PendingTarget {
  StepIndex step;
  std::size_t outcome;
  YAML::Node node;
};

void parse_identity(const YAML::Node& n, SopIdentity& id, YamlFields& f) {
  if (!n.IsDefined() || !f.expect_map(n, "'identity'", {"number", "name", "created", "revised", "effective",
                                                       "approved_by", "approver_nip", "executor_qualifications",
                                                       "related_sops", "equipment", "warnings", "records"}))
    return;
  id.number = f.text(n, "number", Need::Required);
  id.name = f.text(n, "name", Need::Required);
  for (auto [key, out, need] : {std::tuple{"created", &id.created, Need::Required},
                                std::tuple{"revised", &id.revised, Need::Optional},
                                std::tuple{"effective", &id.effective, Need::Required}})
    if (auto d = parse_date_field(n, key, f, need)) *out = format_date(*d);
  id.approved_by = f.text(n, "approved_by", Need::Required);
  id.approver_nip = f.text(n, "approver_nip", Need::Optional);
  id.executor_qualifications = f.text_list(n, "executor_qualifications", Need::Optional);
  id.related_sops = f.text_list(n, "related_sops", Need::Optional);
  id.equipment = f.text_list(n, "equipment", Need::Optional);
  id.warnings = f.text_list(n, "warnings", Need::Optional);
  id.records = f.text_list(n, "records", Need::Optional);
}

void parse_permit(const YAML::Node& n, PermitType& p, YamlFields& f) {
  if (!n.IsDefined() || !f.expect_map(n, "'permit'", {"code", "name", "legal_basis", "requirements", "validity",
                                                     "validity_years", "max_places", "fee", "notes", "conditions", "form"}))
    return;
  p.code = f.text(n, "code", Need::Required);
  p.name = f.text(n, "name", Need::Required);
  const YAML::Node lb = f.child(n, "legal_basis", Need::Required);
  if (lb.IsDefined() && f.expect_map(lb, "'legal_basis'", {"as_written", "current"})) {
    p.legal_basis.as_written = f.text_list(lb, "as_written", Need::Optional);
    p.legal_basis.current = f.text_list(lb, "current", Need::Optional);
    if (p.legal_basis.as_written.empty() && p.legal_basis.current.empty())
      f.error(lb, "legal basis (dasar hukum) lists no regulation");
  }
  const YAML::Node reqs = f.child(n, "requirements", Need::Required);
  if (reqs.IsDefined() && !reqs.IsSequence()) f.error(reqs, "'requirements' must be a list");
  if (reqs.IsSequence())
    for (const auto& r : reqs) {
      if (!f.expect_map(r, "a requirement", {"code", "name", "mandatory", "description"})) continue;
      Requirement q;
      q.source = f.at(r);
      q.code = f.text(r, "code", Need::Required);
      q.name = f.text(r, "name", Need::Required);
      q.mandatory = f.flag(r, "mandatory", true);
      q.description = f.text(r, "description", Need::Optional);
      p.requirements.push_back(std::move(q));
    }
  p.validity = f.text(n, "validity", Need::Required);
  p.validity_years = static_cast<int>(f.integer(n, "validity_years", 0, 100, Need::Optional).value_or(0));
  p.max_places = static_cast<int>(f.integer(n, "max_places", 0, 100, Need::Optional).value_or(0));
  p.fee_rupiah = f.integer(n, "fee", 0, 1'000'000'000'000, Need::Optional).value_or(0);
  p.notes = f.text_list(n, "notes", Need::Optional);
  p.conditions = f.text_list(n, "conditions", Need::Optional);
  if (const YAML::Node form = f.child(n, "form", Need::Optional); form.IsDefined() && !form.IsNull())
    parse_form(form, p.form, f);
}

void parse_roles(const YAML::Node& n, Sop& sop, YamlFields& f) {
  if (!n.IsDefined()) return;
  if (!n.IsSequence()) {
    f.error(n, "'roles' must be a list");
    return;
  }
  bool have_applicant = false;
  for (const auto& r : n) {
    if (!f.expect_map(r, "a role", {"code", "name", "applicant"})) continue;
    Role role;
    role.source = f.at(r);
    role.code = f.text(r, "code", Need::Required);
    role.name = f.text(r, "name", Need::Required);
    if (f.flag(r, "applicant", false)) {
      if (have_applicant) f.error(r, "only one role can be the applicant");
      have_applicant = true;
      sop.applicant = static_cast<RoleIndex>(std::min(sop.roles.size(), kMaxRoles - 1));
    }
    if (sop.roles.size() == kMaxRoles) {
      f.error(r, "an SOP can have at most " + std::to_string(kMaxRoles) + " roles");
      break;
    }
    sop.roles.push_back(std::move(role));
  }
  if (!have_applicant) f.error(n, "no role is marked 'applicant: true' (the Pemohon)");
}

std::optional<RoleIndex> role_ref(const YAML::Node& node, const Sop& sop, YamlFields& f) {
  auto code = f.scalar(node, "a role");
  if (!code) return std::nullopt;
  auto r = sop.role_by_code(*code);
  if (!r) f.error(node, "unknown role '" + code->substr(0, 60) + "'");
  return r;
}

void parse_outcome(const YAML::Node& o, Step& step, StepIndex si, std::vector<PendingTarget>& pending, YamlFields& f) {
  if (!f.expect_map(o, "an outcome", {"code", "label", "to", "note", "verdict", "produces"})) return;
  Outcome out;
  out.source = f.at(o);
  out.code = f.text(o, "code", Need::Required);
  out.label = f.text(o, "label", Need::Required);
  const std::string note = f.text(o, "note", Need::Optional);
  if (note == "required") out.note_required = true;
  else if (!note.empty() && note != "optional") f.error(f.child(o, "note", Need::Optional), "'note' must be required or optional");
  const std::string verdict = f.text(o, "verdict", Need::Optional);
  if (verdict == "refuse") out.sets_verdict = Verdict::Refuse;
  else if (verdict == "grant") out.sets_verdict = Verdict::Grant;
  else if (!verdict.empty()) f.error(f.child(o, "verdict", Need::Optional), "'verdict' must be grant or refuse");
  out.produces = f.text_list(o, "produces", Need::Optional);
  const YAML::Node to = f.child(o, "to", Need::Required);
  if (to.IsDefined() && !to.IsNull()) pending.push_back({si, step.outcomes.size(), to});
  step.outcomes.push_back(std::move(out));
}

// "pemeriksaan_berkas" -> "Pemeriksaan berkas": the step's code in words, its title when the SOP
// gives none (codes are lower-case ASCII words joined by underscores).
std::string title_from_code(const std::string& code) {
  std::string t = code;
  std::replace(t.begin(), t.end(), '_', ' ');
  if (!t.empty() && t[0] >= 'a' && t[0] <= 'z') t[0] = static_cast<char>(t[0] - 'a' + 'A');
  return t;
}

void parse_step(const YAML::Node& s, Sop& sop, std::vector<PendingTarget>& pending, YamlFields& f) {
  if (!f.expect_map(s, "a step", {"no", "code", "title", "scope", "actor", "assisted_by", "description", "inputs",
                                  "time", "output", "remark", "decision", "signs", "next", "action", "outcomes"}))
    return;
  Step step;
  step.source = f.at(s);
  const auto si = static_cast<StepIndex>(sop.steps.size());
  step.number = static_cast<int>(f.integer(s, "no", 1, 999, Need::Required).value_or(0));
  step.code = f.text(s, "code", Need::Required);
  step.description = f.text(s, "description", Need::Required);
  step.title = f.text(s, "title", Need::Optional);
  if (step.title.size() > 60 || step.title.find('\n') != std::string::npos)
    f.error(f.child(s, "title", Need::Optional), "'title' is a short line for step trackers: at most 60 characters");
  if (step.title.empty()) step.title = title_from_code(step.code);
  const std::string scope = f.text(s, "scope", Need::Optional);
  if (scope == "account") step.scope = StepScope::Account;
  else if (!scope.empty() && scope != "application")
    f.error(f.child(s, "scope", Need::Optional), "'scope' must be account or application");
  const YAML::Node actor = f.child(s, "actor", Need::Required);
  step.actor = kNoRole;
  if (actor.IsDefined() && !actor.IsNull()) step.actor = role_ref(actor, sop, f).value_or(kNoRole);
  const YAML::Node assisted = f.child(s, "assisted_by", Need::Optional);
  if (assisted.IsDefined() && !assisted.IsSequence()) f.error(assisted, "'assisted_by' must be a list of roles");
  if (assisted.IsSequence())
    for (const auto& r : assisted)
      if (auto ri = role_ref(r, sop, f)) step.assisted_by.push_back(*ri);
  step.inputs = f.text_list(s, "inputs", Need::Optional);
  const YAML::Node time = f.child(s, "time", Need::Optional);
  if (time.IsDefined() && !time.IsNull())
    if (auto t = f.scalar(time, "'time'")) {
      auto tl = parse_time_limit(*t);
      if (tl) step.time = *tl;
      else f.error(time, tl.error().message);
    }
  step.output = f.text(s, "output", Need::Optional);
  step.remark = f.text(s, "remark", Need::Optional);
  step.decision = f.flag(s, "decision", false);
  step.signs = f.flag(s, "signs", false);

  const YAML::Node next = f.child(s, "next", Need::Optional);
  const YAML::Node outcomes = f.child(s, "outcomes", Need::Optional);
  const bool has_next = next.IsDefined() && !next.IsNull();
  const bool has_outcomes = outcomes.IsDefined() && !outcomes.IsNull();
  if (has_next && has_outcomes) f.error(s, "a step has either 'next' or 'outcomes', not both");
  if (has_next) {
    // Shorthand for a process step: one outcome, named by 'action'.
    Outcome out;
    out.source = f.at(next);
    out.code = "selesai";
    out.label = f.text(s, "action", Need::Optional);
    if (out.label.empty()) out.label = "Selesai";
    pending.push_back({si, 0, next});
    step.outcomes.push_back(std::move(out));
  } else if (has_outcomes) {
    if (!outcomes.IsSequence()) f.error(outcomes, "'outcomes' must be a list");
    else
      for (const auto& o : outcomes) parse_outcome(o, step, si, pending, f);
  } else if (!step.decision) {
    f.error(s, "step " + std::to_string(step.number) + " has neither 'next' nor 'outcomes'");
  }
  sop.steps.push_back(std::move(step));
}

void resolve_target(const PendingTarget& p, Sop& sop, YamlFields& f) {
  auto text = f.scalar(p.node, "'to'");
  if (!text) return;
  Target& t = sop.steps[p.step].outcomes[p.outcome].target;
  if (*text == "return") t.kind = Target::Kind::ReturnToApplicant;
  else if (*text == "finish") t.kind = Target::Kind::Finish;
  else if (*text == "issued" || *text == "rejected" || *text == "withdrawn") {
    t.kind = Target::Kind::End;
    t.outcome = *text == "issued" ? FinalOutcome::Issued
                : *text == "rejected" ? FinalOutcome::Rejected : FinalOutcome::Withdrawn;
  } else {
    int number = 0;
    const bool numeric = !text->empty() && text->size() <= 4 &&
                         std::all_of(text->begin(), text->end(), [](char c) { return c >= '0' && c <= '9'; });
    if (numeric) number = std::stoi(*text);
    auto target = numeric ? sop.step_by_number(number) : std::nullopt;
    if (!target) {
      f.error(p.node, numeric ? "outcome leads to step " + *text + ", which does not exist"
                              : "'to' must be a step number, return, finish, issued, rejected or withdrawn");
      return;
    }
    t.kind = Target::Kind::Step;
    t.step = *target;
  }
}

}  // namespace

std::optional<Sop> parse_sop(const YAML::Node& root, YamlFields& f) {
  if (!f.expect_map(root, "the SOP", {"kind", "code", "version", "office", "identity", "permit", "roles", "steps",
                                      "notes"}))
    return std::nullopt;
  Sop sop;
  sop.source = f.at(root);
  sop.code = f.text(root, "code", Need::Required);
  sop.version = static_cast<int>(f.integer(root, "version", 1, 1'000'000, Need::Required).value_or(1));
  sop.office = f.text(root, "office", Need::Required);
  parse_identity(f.child(root, "identity", Need::Required), sop.identity, f);
  parse_permit(f.child(root, "permit", Need::Required), sop.permit, f);
  parse_roles(f.child(root, "roles", Need::Required), sop, f);
  sop.notes = f.text_list(root, "notes", Need::Optional);

  const YAML::Node steps = f.child(root, "steps", Need::Required);
  if (!steps.IsDefined()) return sop;
  if (!steps.IsSequence()) {
    f.error(steps, "'steps' must be a list");
    return sop;
  }
  std::vector<PendingTarget> pending;
  for (const auto& s : steps) {
    if (sop.steps.size() >= 500) {
      f.error(s, "an SOP can have at most 500 steps");
      break;
    }
    parse_step(s, sop, pending, f);
  }
  for (const auto& p : pending) resolve_target(p, sop, f);
  return sop;
}

}  // namespace sp
