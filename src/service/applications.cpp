// Commands on applications: opening one, its uploads and form corrections, and scheduling its
// technical review. Actions are in application_actions.cpp, read models in application_queries.cpp.

#include <algorithm>

#include "auth/secrets.hpp"
#include "service/application_record.hpp"
#include "service/applications.hpp"
#include "service/idempotency.hpp"
#include "service/audit_log.hpp"
#include "service/office_approvals.hpp"
#include "service/walk_ins.hpp"
#include "store/account_repository.hpp"
#include "documents/blob_store.hpp"
#include "documents/content_check.hpp"
#include "forms/form_data.hpp"
#include "sandbox/untrusted_pdfs.hpp"
#include "service/application_cache.hpp"
#include "store/application_repository.hpp"
#include "store/store.hpp"

namespace sp::service {

namespace {

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
  if (!*seen || !may_view(who, **seen)) return application_not_found();
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
    if (!rec || !may_view(who, *rec)) return application_not_found();
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
    if (!rec || !may_view(who, *rec)) return application_not_found();
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
    if (!rec || !may_view(who, *rec)) return application_not_found();
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
    if (!rec || !may_view(who, *rec)) return application_not_found();
    auto sch = tx.applications().latest_schedule(app_id.value);
    if (!sch) return std::optional<ScheduleView>{};
    return std::optional<ScheduleView>{
        ScheduleView{sch->id, sch->kind, sch->at, sch->place, schedule_members(*sch), rec->calendar->zone()}};
  });
}

}  // namespace sp::service
