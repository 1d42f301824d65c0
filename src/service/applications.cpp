// Commands on applications. Read models are in application_queries.cpp.
#include <spdlog/spdlog.h>

#include <algorithm>

#include "auth/secrets.hpp"
#include "core/text.hpp"
#include "service/application_record.hpp"
#include "service/survey.hpp"
#include "service/applications.hpp"
#include "service/idempotency.hpp"
#include "service/audit_log.hpp"
#include "service/office_approvals.hpp"
#include "service/walk_ins.hpp"
#include "store/account_repository.hpp"
#include "service/generated_documents.hpp"
#include "service/numbering.hpp"
#include "service/outbox.hpp"
#include "signing/local_pki.hpp"
#include "signing/signer_provider.hpp"
#include "documents/blob_store.hpp"
#include "documents/content_check.hpp"
#include "forms/form_data.hpp"
#include "sandbox/untrusted_pdfs.hpp"
#include "service/application_cache.hpp"
#include "store/application_repository.hpp"
#include "store/store.hpp"

namespace sp::service {

namespace {

Error not_found() { return make_error("not_found", "no such application"); }

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

// Whether the file is the applicant's to change: a draft not yet submitted, or returned.
bool with_applicant(const ApplicationRecord& rec) {
  const auto& st = rec.state;
  const bool drafting = st.phase == Phase::AtStep && st.step == rec.sop->first_application_step() &&
                        rec.sop->steps[st.step].actor == rec.sop->applicant;
  return drafting || st.phase == Phase::WithApplicant;
}

// An event the applicant causes on their own file (`kind` is also its action).
AuditEvent applicant_event(const ApplicationRecord& rec, const Principal& who, const char* kind, Instant now,
                           nlohmann::json payload) {
  AuditEvent e;
  e.office = rec.office;
  e.application_id = rec.id;
  e.kind = kind;
  e.actor_id = who.user_id.value;
  e.role = rec.sop->roles[rec.sop->applicant].code;
  e.step = rec.sop->steps[rec.state.step].number;
  e.action = kind;
  e.at = now;
  e.payload = std::move(payload);
  if (auto for_applicant = acting_for(who, rec); !for_applicant.is_null()) e.payload.update(for_applicant);
  return e;
}

// Does the principal do the applicant's part in this file: the applicant, or a counter officer
// of the office in a file opened at the counter for a walk-in applicant?
bool does_applicants_part(const Principal& who, const ApplicationRecord& rec) {
  return (roles_in(who, rec) & role_bit(rec.sop->applicant)) != 0;
}

int local_year(const ApplicationRecord& r, Instant now) { return to_local(now, r.calendar->zone()).date.year; }
int local_month(const ApplicationRecord& r, Instant now) { return to_local(now, r.calendar->zone()).date.month; }

// Whose file a new application is: the signed-in applicant, or a walk-in applicant for whom a
// counter officer opens it.
struct FileOwner {
  UserId id;
  std::string name, email;
  long long opened_by = 0;  // the counter officer, for a walk-in
};

// The new application as stored (its form, its first step and deadline), with its id.
Result<ApplicationRecord> open_draft(AppContext& ctx, const Principal& who, const FileOwner& owner,
                                     const std::string& sop_code, const nlohmann::json& form,
                                     const std::optional<IdempotencyClaim>& idem) {
  const Sop* sop = sop_for_new_file(ctx.catalog, ctx.clock.now(), sop_code);
  if (!sop) return field_error("sop", "unknown", "no permit SOP with code '" + sop_code + "'");
  auto data = forms::check_form_data(ctx.catalog.form(*sop), form, "data", ctx.regions);
  if (!data) return data.error();
  const Instant now = ctx.clock.now();
  ApplicationState st;
  auto created = start_application(*sop, *ctx.catalog.calendar(sop->office), owner.id, now, st);
  if (!created) return created.error();
  ApplicationRecord draft;
  draft.office = sop->office;
  draft.sop_code = sop->code;
  draft.sop_version = sop->version;
  draft.applicant_id = owner.id.value;
  draft.applicant_name = owner.name;
  draft.applicant_email = owner.email;
  draft.opened_by = owner.opened_by;
  draft.data = data->dump();
  draft.sop = sop;
  draft.calendar = ctx.catalog.calendar(sop->office);
  draft.state = st;
  auto stored = ctx.store.write([&](store::Transaction& tx) -> Result<long long> {
    if (auto c = claim_idempotency(tx, idem, now); !c) return c.error();
    const int step_number = sop->steps[st.step].number;
    const long long id = tx.applications().insert(application_row(draft));
    // The first file in an office gives the applicant a standing there (an approval asked for,
    // where the office's SOP has account steps; the draft can be prepared meanwhile).
    if (!owner.opened_by) link_applicant_to_office(tx, ctx, owner.id, sop->office, now);
    AuditEvent e;
    e.office = sop->office;
    e.application_id = id;
    e.kind = "created";
    e.actor_id = who.user_id.value;
    e.role = sop->roles[sop->applicant].code;
    e.step = step_number;
    e.action = "created";
    e.at = now;
    e.payload = {{"sop", sop->code}, {"sop_version", sop->version}};
    if (owner.opened_by) e.payload.update({{"for_applicant", owner.id.value}, {"applicant_name", owner.name},
                                           {"at_counter", true}});
    append_event(tx, e);
    return id;
  });
  if (!stored) return stored.error();
  draft.id = *stored;
  return draft;
}

Result<ApplicationRecord> open_own_draft(AppContext& ctx, const Principal& who, const std::string& sop_code,
                                         const nlohmann::json& form, const std::optional<IdempotencyClaim>& idem) {
  if (who.kind != UserKind::Applicant) return make_error("forbidden", "only applicants open applications");
  return open_draft(ctx, who, {who.user_id, who.full_name, who.email, 0}, sop_code, form, idem);
}

}  // namespace

Result<ApplicationId> create_draft(AppContext& ctx, const Principal& who, const std::string& sop_code,
                               const nlohmann::json& form, const std::optional<IdempotencyClaim>& idem) {
  auto draft = open_own_draft(ctx, who, sop_code, form, idem);
  if (!draft) return draft.error();
  return ApplicationId{draft->id};
}

Result<ApplicationView> create_application(AppContext& ctx, const Principal& who, const std::string& sop_code,
                                          const nlohmann::json& form, const std::optional<IdempotencyClaim>& idem) {
  auto draft = open_own_draft(ctx, who, sop_code, form, idem);
  if (!draft) return draft.error();
  // A new application has nothing filed yet: its view needs no read.
  return application_view(*draft, store::ApplicationFiles{}, who, ctx.clock.now());
}

Result<ApplicationView> create_application_for(AppContext& ctx, const Principal& officer, UserId applicant,
                                              const std::string& sop_code, const nlohmann::json& form,
                                              const std::optional<IdempotencyClaim>& idem) {
  const Sop* sop = sop_for_new_file(ctx.catalog, ctx.clock.now(), sop_code);
  if (!sop) return field_error("sop", "unknown", "no permit SOP with code '" + sop_code + "'");
  if (!may_serve_walk_ins(ctx.catalog, officer, sop->office))
    return make_error("forbidden", "only the counter of the permit's office opens files for walk-in applicants");
  // Only an applicant who stands approved with the officer's office: registered there at the
  // counter (walk_ins.hpp), or approved by it.
  auto owner = ctx.store.read([&](store::Transaction& tx) -> Result<FileOwner> {
    const auto user = tx.accounts().find(applicant.value);
    const auto standing = user && user->kind == "applicant" && user->status == "active"
                              ? tx.accounts().approval(applicant.value, sop->office)
                              : std::nullopt;
    if (!standing || standing->status != "approved") return make_error("not_found", "no such applicant in this office");
    return FileOwner{applicant, user->full_name, user->email, officer.user_id.value};
  });
  if (!owner) return owner.error();
  auto draft = open_draft(ctx, officer, *owner, sop_code, form, idem);
  if (!draft) return draft.error();
  return application_view(*draft, store::ApplicationFiles{}, officer, ctx.clock.now());
}

Result<DocumentView> attach_document(AppContext& ctx, const Principal& who, ApplicationId app_id,
                                       const DocumentUpload& doc) {
  if (doc.content.size() > ctx.settings.max_upload_bytes)
    return make_error("file_too_large", "a file may have at most " +
                                            std::to_string(ctx.settings.max_upload_bytes / (1024 * 1024)) + " MiB");
  // Only the owner (or the counter, for a walk-in's file) may store bytes at all, so nobody can
  // fill the disk through other files; and only those files are parsed, so nobody else spends
  // the document checkers' time.
  auto seen = application_snapshot(ctx, app_id.value);
  if (!seen) return seen.error();
  if (!*seen || !may_view(who, **seen)) return not_found();
  if (!does_applicants_part(who, **seen))
    return make_error("forbidden", "only the applicant uploads requirement documents (the counter, for a walk-in's file)");
  auto checked = untrusted_pdfs(ctx).check_upload(doc.content, doc.filename);
  if (!checked) return checked.error();
  const std::string& type = checked->content_type;
  const std::string sha = auth::sha256_hex(doc.content);
  const std::string filename = checked->filename.empty()
                                   ? doc.requirement + (type == "application/pdf" ? ".pdf" : type == "image/png" ? ".png" : ".jpg")
                                   : checked->filename;
  const Instant now = ctx.clock.now();
  // The bytes go to the blob store before the transaction (and outside its lock): if the
  // transaction then fails, an unreferenced content-addressed file is harmless; a committed row
  // never points to missing bytes.
  if (auto put = ctx.blobs.put(sha, doc.content); !put) return put.error();
  return ctx.store.write([&](store::Transaction& tx) -> Result<DocumentView> {
    auto rec = load_application(tx, ctx.catalog, app_id.value);
    if (!rec || !may_view(who, *rec)) return not_found();
    if (!with_applicant(*rec))
      return make_error("not_at_step", "documents can be changed only before submission or when the file is returned");
    follow_sop_in_effect(ctx.catalog, ctx.clock.now(), *rec);  // a draft takes the requirements it is submitted under
    const auto& reqs = rec->sop->permit.requirements;
    if (std::none_of(reqs.begin(), reqs.end(), [&](const Requirement& q) { return q.code == doc.requirement; }))
      return field_error("requirement", "unknown", "'" + doc.requirement + "' is not a requirement of this permit");
    auto& apps = tx.applications();
    const store::UploadFacts facts = apps.upload_facts(app_id.value, doc.requirement);
    if (static_cast<std::size_t>(facts.others_size) + doc.content.size() > ctx.settings.max_application_bytes)
      return make_error("file_too_large", "the application's documents may total at most " +
                                              std::to_string(ctx.settings.max_application_bytes / (1024 * 1024)) + " MiB");
    store::DocumentRecord d;
    d.application_id = app_id.value;
    d.requirement = doc.requirement;
    d.revision = facts.last_revision + 1;
    d.filename = filename;
    d.content_type = type;
    d.size = static_cast<long long>(doc.content.size());
    d.sha256 = sha;
    d.uploaded_by = who.user_id.value;
    d.uploaded = now;
    const long long id = apps.add_document(d), size = d.size;
    const int revision = d.revision;
    append_event(tx, applicant_event(*rec, who, "document_attached", now,
                                     {{"document_id", id}, {"requirement", doc.requirement}, {"revision", revision},
                                      {"sha256", sha}}));
    return DocumentView{id, doc.requirement, revision, filename, type, sha, size, std::nullopt, rec->calendar->zone()};
  });
}

Result<ApplicationView> correct_form_data(AppContext& ctx, const Principal& who, ApplicationId app_id,
                                          const nlohmann::json& data) {
  const Instant now = ctx.clock.now();
  auto written = ctx.store.write([&](store::Transaction& tx) -> Result<bool> {
    auto rec = load_application(tx, ctx.catalog, app_id.value);
    if (!rec || !may_view(who, *rec)) return not_found();
    if (!does_applicants_part(who, *rec))
      return make_error("forbidden", "only the applicant corrects the form data (the counter, for a walk-in's file)");
    if (!with_applicant(*rec))
      return make_error("not_at_step", "the form can be corrected only before submission or when the file is returned");
    // A draft is checked against the form it will be submitted under.
    follow_sop_in_effect(ctx.catalog, now, *rec);
    auto checked = forms::check_form_data(ctx.catalog.form(*rec->sop), data, "data", ctx.regions);
    if (!checked) return checked.error();
    const nlohmann::json before = nlohmann::json::parse(rec->data, nullptr, false);
    nlohmann::json changed = nlohmann::json::array();
    for (const auto& [key, value] : checked->items())
      if (!before.is_object() || !before.contains(key) || before[key] != value) changed.push_back(key);
    if (before.is_object())
      for (const auto& [key, _] : before.items())
        if (!checked->contains(key)) changed.push_back(key);
    if (changed.empty()) return false;
    tx.applications().set_data(app_id.value, checked->dump());
    // Field names only: the values stay in the application, where personal data can be erased.
    append_event(tx, applicant_event(*rec, who, "data_corrected", now, {{"fields", changed}}));
    return true;
  });
  if (!written) return written.error();
  return get_application(ctx, who, app_id);
}

namespace {

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
  if (!loaded || !may_view(who, *loaded)) return not_found();
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
    if (!*snapshot) return not_found();
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

Result<ScheduleView> schedule_review(AppContext& ctx, const Principal& who, ApplicationId app_id,
                                       const ScheduleRequest& req) {
  if (req.kind != "rapat_kajian_teknis" && req.kind != "peninjauan_lapangan")
    return field_error("kind", "not_an_option", "rapat_kajian_teknis or peninjauan_lapangan");
  if (req.place.empty() || req.place.size() > 300) return field_error("place", "length", "give 1 to 300 characters", 1, 300);
  if (req.members.empty() || req.members.size() > 30)
    return field_error("members", "item_count", "name 1 to 30 team members", 1, 30);
  const Instant now = ctx.clock.now();
  if (req.at < now) return field_error("at", "in_past", "the meeting must be in the future");
  return ctx.store.write([&](store::Transaction& tx) -> Result<ScheduleView> {
    auto rec = load_application(tx, ctx.catalog, app_id.value);
    if (!rec || !may_view(who, *rec)) return not_found();
    const Step& step = rec->sop->steps[rec->state.step];
    const bool schedules = std::any_of(step.outcomes.begin(), step.outcomes.end(), [](const Outcome& o) {
      return std::find(o.produces.begin(), o.produces.end(), "undangan") != o.produces.end();
    });
    if (rec->state.phase != Phase::AtStep || !schedules)
      return make_error("not_at_step", "the technical review is scheduled at the step that issues the invitation");
    if (!(roles_in(who, *rec) & acting_roles(*rec->sop, rec->state)))
      return make_error("not_your_step", "step " + std::to_string(step.number) + " belongs to " +
                                             rec->sop->roles[step.actor].name);
    // Outside the office's working time (a weekend, a holiday, a closure, or after hours) only
    // when the officer confirms it: a field visit on a Sunday is possible, but rarely meant.
    const WorkingCalendar& cal = *rec->calendar;
    if (!req.outside_hours_confirmed) {
      const Date day = to_local(req.at, cal.zone()).date;
      if (!cal.is_working_day(day))
        return field_error("at", "not_working_day",
                           format_date(day) + " is not a working day of the office (weekend, holiday or closure); "
                           "send outside_hours_confirmed: true to keep it");
      if (!cal.is_working_time(req.at))
        return field_error("at", "outside_office_hours",
                           "the time is outside office hours; send outside_hours_confirmed: true to keep it");
    }
    store::ScheduleRecord sch;
    sch.application_id = app_id.value;
    sch.kind = req.kind;
    sch.at = req.at;
    sch.place = req.place;
    sch.members = nlohmann::json(req.members).dump();
    sch.created_by = who.user_id.value;
    sch.created = now;
    const bool again = tx.applications().schedule_count(app_id.value) > 0;
    const long long id = tx.applications().add_schedule(sch);
    const long long at = req.at.unix_seconds;
    AuditEvent e;
    e.office = rec->office;
    e.application_id = app_id.value;
    e.kind = again ? "rescheduled" : "scheduled";  // the history says a schedule was moved
    e.actor_id = who.user_id.value;
    e.role = rec->sop->roles[step.actor].code;
    e.step = step.number;
    e.action = req.kind;
    e.at = now;
    e.payload = {{"schedule_id", id}, {"at", at}, {"place", req.place}, {"members", req.members}};
    append_event(tx, e);
    return ScheduleView{id, req.kind, req.at, req.place, req.members, rec->calendar->zone()};
  });
}

Result<std::optional<ScheduleView>> current_schedule(AppContext& ctx, const Principal& who, ApplicationId app_id) {
  return ctx.store.read([&](store::Transaction& tx) -> Result<std::optional<ScheduleView>> {
    auto rec = load_application(tx, ctx.catalog, app_id.value);
    if (!rec || !may_view(who, *rec)) return not_found();
    auto sch = tx.applications().latest_schedule(app_id.value);
    if (!sch) return std::optional<ScheduleView>{};
    return std::optional<ScheduleView>{
        ScheduleView{sch->id, sch->kind, sch->at, sch->place, schedule_members(*sch), rec->calendar->zone()}};
  });
}

}  // namespace sp::service
