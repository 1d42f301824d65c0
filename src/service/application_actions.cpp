// The actions on an application (act): decided from a read outside the writer, then recorded
// in one write transaction guarded by the file's version.
#include <spdlog/spdlog.h>

#include <algorithm>

#include "core/text.hpp"
#include "forms/form_data.hpp"
#include "service/application_cache.hpp"
#include "service/application_record.hpp"
#include "service/applications.hpp"
#include "service/audit_log.hpp"
#include "service/generated_documents.hpp"
#include "service/idempotency.hpp"
#include "service/numbering.hpp"
#include "service/office_approvals.hpp"
#include "service/outbox.hpp"
#include "service/survey.hpp"
#include "service/walk_ins.hpp"
#include "signing/local_pki.hpp"
#include "signing/signer_provider.hpp"
#include "store/application_repository.hpp"
#include "store/store.hpp"

namespace sp::service {

namespace {

// The requirements the office returned the file for (its latest return) that have no document
// uploaded since: a resubmission must replace each of them.
std::vector<std::string> documents_to_replace(store::Transaction& tx, const Sop& sop, long long app_id) {
  auto& apps = tx.applications();
  std::optional<store::AuditRecord> returned;
  for (const auto& step : sop.steps)
    for (const auto& o : step.outcomes)
      if (o.target.kind == Target::Kind::ReturnToApplicant)
        if (auto e = apps.latest_event(app_id, o.code); e && (!returned || e->seq > returned->seq)) returned = e;
  if (!returned) return {};
  std::vector<std::string> missing;
  for (const auto& r : apps.return_reasons(app_id, returned->seq))
    if (std::find(missing.begin(), missing.end(), r.requirement) == missing.end()) missing.push_back(r.requirement);
  for (const auto& [e, _] : apps.timeline(returned->office, app_id)) {
    if (e.seq <= returned->seq || e.kind != "document_attached") continue;
    const nlohmann::json p = nlohmann::json::parse(e.payload, nullptr, false);
    if (p.is_object() && p.contains("requirement") && p["requirement"].is_string())
      std::erase(missing, p["requirement"].get<std::string>());
  }
  return missing;
}

// The requirements' names for their codes, for a message a person reads (the codes go in the
// error's items, for clients that show their own words).
std::vector<std::string> requirement_names(const Sop& sop, const std::vector<std::string>& codes) {
  std::vector<std::string> names;
  for (const auto& code : codes) {
    auto q = std::find_if(sop.permit.requirements.begin(), sop.permit.requirements.end(),
                          [&](const Requirement& r) { return r.code == code; });
    names.push_back(q == sop.permit.requirements.end() ? code : q->name);
  }
  return names;
}
int local_year(const ApplicationRecord& r, Instant now) { return to_local(now, r.calendar->zone()).date.year; }
int local_month(const ApplicationRecord& r, Instant now) { return to_local(now, r.calendar->zone()).date.month; }


// A draft moves to the version in effect on the day it is submitted (follow_sop_in_effect),
// provided its form data fit that version's form. Changes `rec` in memory; the action's write
// stores it.
Result<bool> follow_version_in_effect(store::Transaction& tx, AppContext& ctx, ApplicationRecord& rec) {
  if (!follow_sop_in_effect(ctx.catalog, ctx.clock.now(), rec)) return false;
  const Sop* target = rec.sop;
  // Read here: a cached record has no form (application_cache.hpp).
  const auto row = tx.applications().find(rec.id);
  const auto data = nlohmann::json::parse(row ? row->data : rec.data, nullptr, false);
  if (auto fits = forms::check_form_data(ctx.catalog.form(*target), data.is_object() ? data : nlohmann::json::object(),
                                         "data", ctx.regions);
      !fits) {
    Error e = fits.error();
    e.code = "form_changed";
    e.message = "version " + std::to_string(target->version) + " of this permit's SOP took effect on " +
                target->identity.effective + " and its form asks otherwise; correct the form, then submit: " + e.message;
    return e;
  }
  return true;
}

// Everything an action decides, computed from a consistent read before the write transaction.
struct Decision {
  ApplicationRecord rec;       // the application after the action
  std::uint32_t old_version = 0;
  Event event;
  const Outcome* outcome = nullptr;
  bool submitting = false;     // assign the registration number
  bool moved_to_version = false;  // the draft follows the SOP version in effect now
  bool signs_grant = false;    // assign the permit number
  std::string applicant_email;
  std::map<std::string, std::string> vars;  // mail placeholders known before the write
  std::vector<std::string> mails;
  std::vector<std::string> documents;       // generated after the commit (generated_documents.hpp)
};

// `known`: the application as last read (application_snapshot), or null to read it here.
Result<Decision> decide(store::Transaction& tx, AppContext& ctx, const Principal& who, ApplicationId app_id,
                        const ActRequest& req, Instant now, const ApplicationRecord* known) {
  auto loaded = known ? std::optional<ApplicationRecord>(*known) : load_application(tx, ctx.catalog, app_id.value);
  if (!loaded || !may_view(who, *loaded)) return application_not_found();
  Decision d;
  d.rec = std::move(*loaded);
  ApplicationRecord& rec = d.rec;
  if (req.action != "withdrawn") {
    auto moved = follow_version_in_effect(tx, ctx, rec);
    if (!moved) return moved.error();
    d.moved_to_version = *moved;
  }
  const Sop& sop = *rec.sop;
  d.old_version = rec.state.version;
  if (req.expected_version && static_cast<std::uint32_t>(*req.expected_version) != d.old_version)
    return make_error("version_conflict", "the application changed since you loaded it (version " +
                                              std::to_string(d.old_version) + "); reload and try again");
  const RoleSet mine = roles_in(who, rec);
  Command cmd;
  cmd.actor = who.user_id;
  cmd.at = now;
  cmd.note = req.note;
  bool reasons_as_note = false;
  const StepIndex step_before = rec.state.step;
  if (req.action == "withdrawn" || req.action == "resubmitted") {
    if (!(mine & role_bit(sop.applicant)))
      return make_error("not_your_step",
                        "only the applicant can " + std::string(req.action == "withdrawn" ? "withdraw" : "resubmit"));
    cmd.kind = req.action == "withdrawn" ? Command::Kind::Withdraw : Command::Kind::Resubmit;
    cmd.role = sop.applicant;
  } else {
    if (rec.state.phase != Phase::AtStep)
      return make_error(rec.state.phase == Phase::Closed ? "closed" : "not_at_step",
                        rec.state.phase == Phase::Closed ? "the application is closed"
                                                         : "the file is with the applicant; it must be resubmitted first");
    auto oi = find_outcome(sop, rec.state, req.action);
    if (!oi) {
      // Name what may be done instead: this user's actions here, else the step's.
      std::string codes;
      const auto add = [&](std::string_view code) {
        if (!codes.empty()) codes += ", ";
        codes += code;
      };
      for (const auto& a : allowed_actions(sop, rec.state, mine)) add(a.code);
      if (codes.empty())
        for (const auto& o : sop.steps[rec.state.step].outcomes) add(o.code);
      return make_error("unknown_action", "step " + std::to_string(sop.steps[rec.state.step].number) +
                                              " has no action '" + req.action + "'; the actions here are: " + codes);
    }
    cmd.kind = Command::Kind::Act;
    cmd.outcome = *oi;
    d.outcome = &sop.steps[rec.state.step].outcomes[*oi];
    const Step& step = sop.steps[rec.state.step];
    const RoleSet allowed = mine & acting_roles(sop, rec.state);
    if (!allowed)
      return make_error("not_your_step",
                        "step " + std::to_string(step.number) + " belongs to " + sop.roles[step.actor].name);
    cmd.role = (allowed & role_bit(step.actor)) ? step.actor : static_cast<RoleIndex>(__builtin_ctz(allowed));
    if (d.outcome->target.kind == Target::Kind::ReturnToApplicant) {
      if (req.reasons.empty())
        return field_error("reasons", "required", "name each missing or wrong requirement with its reason");
      for (const auto& rr : req.reasons) {
        const auto& reqs = sop.permit.requirements;
        if (std::none_of(reqs.begin(), reqs.end(), [&](const Requirement& q) { return q.code == rr.requirement; }))
          return field_error("reasons", "unknown", "'" + rr.requirement + "' is not a requirement of this permit");
        if (rr.reason.find_first_not_of(" \t\r\n") == std::string::npos)
          return field_error("reasons." + rr.requirement, "required", "give a reason for '" + rr.requirement + "'");
      }
      // The reasons stand for a note the SOP asks for; the officer's own note is kept apart
      // from them (the event's note), for the applicant's page, the letter and the mail.
      if (cmd.note.empty()) {
        reasons_as_note = true;
        for (const auto& rr : req.reasons) cmd.note += (cmd.note.empty() ? "" : "; ") + rr.requirement + ": " + rr.reason;
      }
    }
  }
  // Submission: the applicant's first application step needs every mandatory requirement.
  d.submitting = cmd.kind == Command::Kind::Act && rec.state.step == sop.first_application_step() &&
                 cmd.role == sop.applicant && rec.submitted_at == 0;
  if (d.submitting)
    if (auto refused = submission_refusal(tx, ctx, UserId{rec.applicant_id}, rec.office)) return *refused;
  if (d.submitting || cmd.kind == Command::Kind::Resubmit) {
    const std::vector<std::string> have = tx.applications().requirements_present(app_id.value);
    std::vector<std::string> missing;
    for (const auto& q : sop.permit.requirements)
      if (q.mandatory && std::find(have.begin(), have.end(), q.code) == have.end()) missing.push_back(q.code);
    if (!missing.empty()) {
      Error e = make_error("missing_documents", "upload the mandatory requirements first: " +
                                                    join(requirement_names(sop, missing), ", "));
      e.items = std::move(missing);
      return e;
    }
  }
  if (cmd.kind == Command::Kind::Resubmit && rec.state.phase == Phase::WithApplicant) {
    std::vector<std::string> stale = documents_to_replace(tx, sop, app_id.value);
    if (!stale.empty()) {
      Error e = make_error("documents_not_replaced", "replace the documents the office returned first: " +
                                                         join(requirement_names(sop, stale), ", "));
      e.items = std::move(stale);
      return e;
    }
  }
  auto event = apply(sop, *rec.calendar, rec.state, std::move(cmd));
  if (!event) return event.error();
  if (reasons_as_note) event->note.clear();
  d.event = std::move(*event);
  d.signs_grant = d.outcome && sop.steps[step_before].signs && rec.state.verdict == Verdict::Grant &&
                  rec.permit_number.empty();
  if (d.event.produces) d.documents = document_kinds_for(*d.event.produces, rec);
  const auto producing = [&](const char* kind) {
    return std::find(d.documents.begin(), d.documents.end(), kind) != d.documents.end();
  };
  if (producing("undangan")) {
    if (tx.applications().schedule_count(app_id.value) == 0)
      return make_error("missing_schedule", "schedule the technical meeting or field inspection first (POST .../schedule)");
  }
  // A signing step is taken only by someone whose own key is installed: the document is signed
  // in the name of the person who acted, never with a key that belongs to the role.
  if (d.outcome && sop.steps[step_before].signs && !d.documents.empty() && ctx.document_templates &&
      !(ctx.signers && ctx.signers->can_sign(rec.office, signing::personal_signer(who.user_id.value))))
    return make_error("no_signer", "you have no signing certificate installed; the operator installs it with "
                                   "`satupintu pki import --user " + who.email + "`");
  if (producing("rekomendasi_teknis") && !req.report)
    return field_error("report", "required", "the technical team's findings and conclusion are required at this step");
  // A report (BAP) tells what the meeting or inspection found: it is filed once that has taken
  // place, and dated the day it is filed.
  if (producing("rekomendasi_teknis"))
    if (auto sch = tx.applications().latest_schedule(app_id.value); sch && now < sch->at)
      return make_error("before_schedule", "the " + std::string(sch->kind == "peninjauan_lapangan" ? "field inspection"
                                                                                                 : "technical meeting") +
                                               " is scheduled for " + format_local_readable(sch->at, rec.calendar->zone()) +
                                               "; its report can be filed from then on");

  const std::string& name = rec.applicant_name;
  d.applicant_email = rec.applicant_email;
  const Office* office = ctx.catalog.office(rec.office);
  d.vars = {{"name", name},
            {"office", office->name},
            {"permit", sop.permit.name},
            {"time", format_local_readable(now, rec.calendar->zone())}};
  if (d.outcome && d.outcome->target.kind == Target::Kind::ReturnToApplicant) {
    std::string lines;
    for (const auto& rr : req.reasons) {
      std::string label = rr.requirement;
      for (const auto& q : sop.permit.requirements)
        if (q.code == rr.requirement) label = q.name;
      lines += "- " + label + ": " + rr.reason + "\n";
    }
    if (req.note.find_first_not_of(" \t\r\n") != std::string::npos) lines += "\nCatatan petugas: " + req.note + "\n";
    d.vars["reasons"] = lines;
    d.mails.push_back("berkas_dikembalikan");
  }
  if (d.event.produces &&
      std::find(d.event.produces->begin(), d.event.produces->end(), "tanda_terima") != d.event.produces->end())
    d.mails.push_back("tanda_terima");
  if (rec.state.outcome == FinalOutcome::Issued) d.mails.push_back("izin_terbit");
  if (rec.state.outcome == FinalOutcome::Rejected) {
    d.vars["reason"] = refusal_reason(tx, rec);
    d.mails.push_back("permohonan_ditolak");
  }
  // Closed and handed over: the applicant is asked to rate the service (service/survey.hpp).
  if (survey_due(rec)) {
    d.vars["link"] = ctx.settings.public_base_url + "/permohonan/" + std::to_string(rec.id);
    d.mails.push_back("survei_kepuasan");
  }
  return d;
}

// The write: numbers, the state guarded by its version, the audit event, return reasons and
// mail, in one transaction. A concurrent action that committed first makes this a conflict.
Result<bool> record(store::Transaction& tx, AppContext& ctx, const Principal& who, ApplicationId app_id, const ActRequest& req,
                    Decision& d, Instant now) {
  if (auto c = claim_idempotency(tx, req.idempotency, now); !c) return c.error();
  ApplicationRecord& rec = d.rec;
  const Sop& sop = *rec.sop;
  const Office* office = ctx.catalog.office(rec.office);
  const int year = local_year(rec, now);
  if (d.submitting) {
    rec.submitted_at = now.unix_seconds;
    rec.registration_number = format_number(office->numbering.registration,
                                            next_number(tx, rec.office, NumberKind::Registration, year), year,
                                            local_month(rec, now));
  }
  if (d.signs_grant)
    rec.permit_number = format_number(office->numbering.permit, next_number(tx, rec.office, NumberKind::Permit, year),
                                      year, local_month(rec, now));
  // How the file reaches its next step, for the worklists: back from the applicant, sent back
  // by a later step, or forwarded.
  rec.arrived_from = d.event.kind == EventKind::Resubmitted ? -1
                     : sop.steps[d.event.step].number > sop.steps[rec.state.step].number ? sop.steps[d.event.step].number
                                                                                        : 0;
  if (!store_state(tx, rec, d.old_version))
    return make_error("version_conflict", "someone else acted on this application first; reload and try again");

  const Event& ev = d.event;
  AuditEvent e = transition_event(rec, ev, who.user_id.value);
  // Done by the counter officer for a walk-in applicant: the event names both.
  if (ev.role == sop.applicant)
    if (auto for_applicant = acting_for(who, rec); !for_applicant.is_null()) e.payload.update(for_applicant);
  if (req.report) e.payload["report"] = *req.report;
  if (d.submitting) e.payload["registration_number"] = rec.registration_number;
  if (d.moved_to_version) e.payload["sop_version"] = rec.sop_version;
  if (d.signs_grant) e.payload["permit_number"] = rec.permit_number;
  const bool returning = d.outcome && d.outcome->target.kind == Target::Kind::ReturnToApplicant;
  if (returning) {
    nlohmann::json reasons = nlohmann::json::array();
    for (const auto& rr : req.reasons) reasons.push_back({{"requirement", rr.requirement}, {"reason", rr.reason}});
    e.payload["reasons"] = reasons;
  }
  d.vars["registration"] = rec.registration_number;
  d.vars["permit_number"] = rec.permit_number;
  for (const auto& m : d.mails) {
    auto mail = ctx.mail.render(m, d.vars);
    if (!mail) return mail.error();
    enqueue_mail(tx, d.applicant_email, *mail, now);
  }
  // The audit append locks the office's chain until COMMIT (PostgreSQL), so it comes last.
  const long long seq = append_event(tx, e);
  if (returning)
    for (const auto& rr : req.reasons) tx.applications().add_return_reason(app_id.value, seq, {rr.requirement, rr.reason});
  const Step& acted = sop.steps[ev.step];
  plan_documents(tx, rec, seq, d.documents, acted.signs ? sop.roles[acted.actor].code : std::string(),
                 acted.signs ? who.user_id.value : 0, now);
  return true;
}

}  // namespace

Result<ActionResult> act(AppContext& ctx, const Principal& who, ApplicationId app_id, const ActRequest& req) {
  const Instant now = ctx.clock.now();
  // Decide from a read, outside the single-writer lock; the write then only records, and its
  // version check turns a race with another action into a 409.
  // Where a status cache runs (a database a round trip away), the state comes from it.
  std::shared_ptr<const ApplicationRecord> known;
  if (ctx.applications_cache) {
    auto snapshot = application_snapshot(ctx, app_id.value);
    if (!snapshot) return snapshot.error();
    if (!*snapshot) return application_not_found();
    known = *snapshot;
  }
  auto decision =
      ctx.store.read([&](store::Transaction& tx) { return decide(tx, ctx, who, app_id, req, now, known.get()); });
  if (!decision) return decision.error();
  auto written =
      ctx.store.write([&](store::Transaction& tx) { return record(tx, ctx, who, app_id, req, *decision, now); });
  // After COMMIT (see application_cache.hpp); other servers hear of it from the database.
  if (ctx.applications_cache) ctx.applications_cache->evict(app_id.value);
  if (!written) return written.error();
  if (!decision->documents.empty() && ctx.documents_planned) ctx.documents_planned();
  // The action is committed: if reading the result back fails (Database::read turns any
  // exception into an error), the answer must still say it happened, or a client would retry
  // (or give up on) a decision already taken.
  auto view = ctx.store.read([&](store::Transaction& tx) -> Result<ApplicationView> {
    return application_view(tx, decision->rec, who, now);
  });
  ActionResult result;
  result.committed = {app_id, static_cast<int>(decision->rec.state.version)};
  if (view) result.application = std::move(*view);
  else
    spdlog::warn("application {}: action {} committed, but reading it back failed: {}", app_id.value, req.action,
                 view.error().message);
  return result;
}

}  // namespace sp::service
