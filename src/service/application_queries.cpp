// Read models: the application as its viewer sees it, the timeline, worklists, public status.
#include <algorithm>
#include <memory>

#include "service/application_record.hpp"
#include "service/sop_publishing.hpp"
#include "service/survey.hpp"
#include "core/text.hpp"
#include "service/application_cache.hpp"
#include "service/generated_documents.hpp"
#include "service/applications.hpp"
#include "documents/blob_store.hpp"
#include "store/account_repository.hpp"
#include "store/application_repository.hpp"
#include "store/store.hpp"

namespace sp::service {

namespace {

StepView step_view(const Sop& sop, StepIndex i) {
  const Step& st = sop.steps[i];
  return {st.number, st.code, st.title, st.description, sop.roles[st.actor].code, sop.roles[st.actor].name,
          format_time_limit(st.time), st.output, st.time};
}

std::optional<DeadlineView> deadline_view(const ApplicationRecord& r, Instant now) {
  const auto& st = r.state;
  if (st.phase != Phase::AtStep || !st.deadline) return std::nullopt;
  const auto left = time_left(st, *r.calendar, now);
  DeadlineView d{*st.deadline, left ? left->count : 0, is_overdue(st, now)};
  // A standard in working days is counted down in working days: the whole ones after today up
  // to the deadline's day (0 when it falls today), never as hours of a working day.
  if (r.sop->steps[st.step].time.is_days() && !d.overdue) {
    const WorkingCalendar& cal = *r.calendar;
    const Date today = to_local(now, cal.zone()).date;
    const Date due = to_local(*st.deadline, cal.zone()).date;
    d.working_days_left = to_day_number(due) > to_day_number(today)
                              ? cal.working_days_between(from_day_number(to_day_number(today) + 1), due)
                              : 0;
  }
  return d;
}

// The latest return of a file now with its applicant: the event of the current step's returning
// outcome, its reasons and its note.
std::optional<ReturnedView> returned_view(store::Transaction& tx, const ApplicationRecord& r) {
  std::optional<store::AuditRecord> latest;
  for (const auto& o : r.sop->steps[r.state.step].outcomes)
    if (o.target.kind == Target::Kind::ReturnToApplicant)
      if (auto ev = tx.applications().latest_event(r.id, o.code); ev && (!latest || ev->seq > latest->seq))
        latest = std::move(ev);
  if (!latest) return std::nullopt;
  ReturnedView v;
  v.at = Instant{latest->at};
  v.note = latest->note;
  for (auto& rr : tx.applications().return_reasons(r.id, latest->seq)) {
    const auto& reqs = r.sop->permit.requirements;
    auto q = std::find_if(reqs.begin(), reqs.end(), [&](const auto& x) { return x.code == rr.requirement; });
    v.reasons.push_back({rr.requirement, q == reqs.end() ? rr.requirement : q->name, std::move(rr.reason)});
  }
  return v;
}

std::optional<std::string> assigned(const std::string& number) {
  return number.empty() ? std::nullopt : std::optional<std::string>(number);
}

}  // namespace

ApplicationView application_view(store::Transaction& tx, const ApplicationRecord& r, const Principal& who, Instant now) {
  // A record from the status cache has no form: it comes with the files.
  ApplicationView v = application_view(
      r, tx.applications().files(r.id, r.state.phase == Phase::WithApplicant, r.data.empty()), who, now);
  v.survey = survey_state(tx, who, r);
  return v;
}

ApplicationView application_view(const ApplicationRecord& r, const store::ApplicationFiles& files, const Principal& who,
                                 Instant now) {
  const Sop& sop = *r.sop;
  const ZoneOffset z = r.calendar->zone();
  ApplicationView v;
  v.zone = z;
  const RoleSet roles = roles_in(who, r);
  v.applicants_part = (roles & role_bit(sop.applicant)) != 0;
  v.opened_at_counter = r.opened_by != 0;
  for (const auto& a : allowed_actions(sop, r.state, roles)) {
    const Outcome* o = a.kind == Command::Kind::Act ? &sop.steps[r.state.step].outcomes[a.outcome] : nullptr;
    ActionView av;
    av.code = a.code;
    av.label = a.label;
    av.note_required = a.note_required;
    av.returns_file = o && o->target.kind == Target::Kind::ReturnToApplicant;
    if (o) {
      av.produces = o->produces;
      av.documents = document_kinds_for(o->produces, r);
    }
    av.signs = o && sop.steps[r.state.step].signs && !o->produces.empty();
    av.report_required = std::any_of(av.produces.begin(), av.produces.end(),
                                     [](const std::string& p) { return p == "rekomendasi_teknis" || p == "bap"; });
    v.actions.push_back(std::move(av));
  }
  for (const auto& d : files.documents)
    v.documents.push_back({d.id, d.requirement, d.revision, d.filename, d.content_type, d.sha256, d.size, d.uploaded, z});
  if (r.state.phase == Phase::WithApplicant)
    for (const auto& rr : files.latest_return_reasons) v.return_reasons.push_back({rr.requirement, rr.reason});
  for (const auto& q : sop.permit.requirements) v.requirements.push_back({q.code, q.name, q.mandatory});
  v.generated_documents = generated_document_views(files.generated, z, who.kind == UserKind::Applicant);
  v.id = ApplicationId{r.id};
  v.office = r.office;
  v.sop = r.sop_code;
  v.sop_version = r.sop_version;
  v.permit = sop.permit.name;
  v.registration_number = assigned(r.registration_number);
  v.permit_number = assigned(r.permit_number);
  v.applicant_id = UserId{r.applicant_id};
  v.applicant_name = r.applicant_name;
  v.data = nlohmann::json::parse(files.form ? *files.form : r.data, nullptr, false);
  v.step = step_view(sop, r.state.step);
  v.phase = phase_db(r.state.phase);
  v.outcome = std::string(final_outcome_key(r.state.outcome));
  v.verdict = r.state.verdict == Verdict::Refuse ? "refuse" : "grant";
  v.created = r.state.created;
  if (r.submitted_at) v.submitted = Instant{r.submitted_at};
  v.step_started = r.state.step_started;
  v.deadline = deadline_view(r, now);
  v.office_working_minutes = r.state.office_time.count;
  v.applicant_working_minutes = r.state.applicant_time.count;
  v.version = static_cast<int>(r.state.version);
  return v;
}

Result<ApplicationView> get_application(AppContext& ctx, const Principal& who, ApplicationId app_id) {
  const Instant now = ctx.clock.now();
  return ctx.store.read([&](store::Transaction& tx) -> Result<ApplicationView> {
    auto rec = load_application(tx, ctx.catalog, app_id.value);
    if (!rec || !may_view(who, *rec)) return make_error("not_found", "no such application");
    follow_sop_in_effect(ctx.catalog, now, *rec);  // a draft shows the version it is submitted under
    return application_view(tx, *rec, who, now);
  });
}

Result<StatusView> application_status(AppContext& ctx, const Principal& who, ApplicationId app_id) {
  const Instant now = ctx.clock.now();
  auto snapshot = application_snapshot(ctx, app_id.value);
  if (!snapshot) return snapshot.error();
  const std::shared_ptr<const ApplicationRecord>& r = *snapshot;
  if (!r || !may_view(who, *r)) return make_error("not_found", "no such application");
  const Sop& sop = *r->sop;
  const Step& st = sop.steps[r->state.step];
  StatusView v;
  v.id = ApplicationId{r->id};
  v.registration_number = assigned(r->registration_number);
  v.permit = sop.permit.name;
  v.step_no = st.number;
  v.step_description = st.description;
  v.step_actor = sop.roles[st.actor].code;
  v.step_actor_name = sop.roles[st.actor].name;
  v.step_time = format_time_limit(st.time);
  v.phase = phase_db(r->state.phase);
  v.outcome = std::string(final_outcome_key(r->state.outcome));
  v.deadline = deadline_view(*r, now);
  v.version = static_cast<int>(r->state.version);
  v.zone = r->calendar->zone();
  return v;
}

Result<TimelineView> timeline(AppContext& ctx, const Principal& who, ApplicationId app_id) {
  return ctx.store.read([&](store::Transaction& tx) -> Result<TimelineView> {
    auto rec = load_application(tx, ctx.catalog, app_id.value);
    if (!rec || !may_view(who, *rec)) return make_error("not_found", "no such application");
    const bool applicant_view = who.kind == UserKind::Applicant;
    TimelineView v;
    v.application_id = app_id;
    v.zone = rec->calendar->zone();
    for (const auto& [e, actor_name] : tx.applications().timeline(rec->office, app_id.value)) {
      EventView ev;
      ev.seq = e.seq;
      ev.kind = e.kind;
      ev.role = e.role;
      ev.role_name = e.role;
      if (auto ri = rec->sop->role_by_code(e.role)) ev.role_name = rec->sop->roles[*ri].name;
      ev.step = e.step;
      ev.action = e.action;
      if (const auto si = rec->sop->step_by_number(e.step))
        for (const auto& o : rec->sop->steps[*si].outcomes)
          if (o.code == e.action) ev.action_label = o.label;
      ev.note = e.note;
      ev.at = Instant{e.at};
      ev.elapsed_working_minutes = e.elapsed_minutes;
      ev.allowed = e.allowed;
      if (auto limit = parse_time_limit(e.allowed)) ev.allowed_limit = *limit;
      ev.overdue = e.overdue;
      // Officers' names are shown to officers; applicants see the role.
      ev.by = applicant_view && e.role != rec->sop->roles[rec->sop->applicant].code ? ev.role_name : actor_name;
      ev.details = nlohmann::json::parse(e.payload, nullptr, false);
      v.events.push_back(std::move(ev));
    }
    return v;
  });
}

// A worklist marks as new the files that reached their step within the last day.
constexpr long long kRecentArrivalSeconds = 24 * 60 * 60;

Result<std::vector<WorklistItemView>> worklist(AppContext& ctx, const Principal& who) {
  if (who.kind == UserKind::Applicant) return make_error("forbidden", "worklists are for officers");
  const Instant now = ctx.clock.now();
  // Which steps of which SOP versions this officer acts on (as actor or assistant).
  struct Target {
    std::string code;
    int version;
    std::vector<int> steps;
  };
  std::vector<Target> targets;
  for (const auto& sop : ctx.catalog.sops()) {
    if (sop.office != who.office) continue;
    Target t{sop.code, sop.version, {}};
    for (const auto& st : sop.steps) {
      bool mine = who.holds(sop.roles[st.actor].code) && st.actor != sop.applicant;
      for (RoleIndex a : st.assisted_by) mine |= who.holds(sop.roles[a].code);
      if (mine && st.scope == StepScope::Application) t.steps.push_back(st.number);
    }
    if (!t.steps.empty()) targets.push_back(std::move(t));
  }
  return ctx.store.read([&](store::Transaction& tx) -> Result<std::vector<WorklistItemView>> {
    std::vector<ApplicationRecord> items;
    // One query per SOP for the whole list with the applicants' names: at a busy office the list
    // holds hundreds of files, and a query per file cost a round trip each on PostgreSQL.
    for (const auto& t : targets)
      for (auto& row : tx.applications().at_steps(who.office, t.code, t.version, t.steps))
        if (auto rec = application_from_row(std::move(row), ctx.catalog)) items.push_back(std::move(*rec));
    // Overdue first, then by deadline, then those without a deadline by age.
    std::sort(items.begin(), items.end(), [&](const auto& a, const auto& b) {
      const auto& x = a.state;
      const auto& y = b.state;
      const bool ox = is_overdue(x, now), oy = is_overdue(y, now);
      if (ox != oy) return ox;
      if (x.deadline.has_value() != y.deadline.has_value()) return x.deadline.has_value();
      if (x.deadline && *x.deadline != *y.deadline) return *x.deadline < *y.deadline;
      return x.step_started < y.step_started;
    });
    std::vector<WorklistItemView> out;
    for (const auto& r : items) {
      WorklistItemView v{r.id, assigned(r.registration_number), r.sop->permit.name, r.sop_code, r.applicant_name,
                         step_view(*r.sop, r.state.step), r.state.step_started, deadline_view(r, now),
                         is_overdue(r.state, now), static_cast<int>(r.state.version), r.calendar->zone()};
      if (r.arrived_from < 0) v.arrived = "resubmitted";
      else if (r.arrived_from > 0) v.arrived = "sent_back", v.arrived_from = r.arrived_from;
      v.recent = now.unix_seconds - r.state.step_started.unix_seconds < kRecentArrivalSeconds;
      out.push_back(std::move(v));
    }
    return out;
  });
}

Result<std::vector<MyApplicationView>> my_applications(AppContext& ctx, const Principal& who) {
  if (who.kind != UserKind::Applicant) return make_error("forbidden", "this list is for applicants");
  const Instant now = ctx.clock.now();
  return ctx.store.read([&](store::Transaction& tx) -> Result<std::vector<MyApplicationView>> {
    std::vector<MyApplicationView> out;
    for (auto& row : tx.applications().of_applicant(who.user_id.value)) {
      sop_version_in(tx, ctx.catalog, row.sop_code, row.sop_version);  // published by another server
      auto r = application_from_row(std::move(row), ctx.catalog);
      if (!r) continue;
      const Sop& sop = *r->sop;
      MyApplicationView v;
      v.id = ApplicationId{r->id};
      v.permit = sop.permit.name;
      v.office = r->office;
      v.registration_number = assigned(r->registration_number);
      v.step = step_view(sop, r->state.step);
      for (const auto& st : sop.steps) {
        if (st.scope != StepScope::Application) continue;
        ++v.step_count;
        if (st.number <= v.step.no) v.step_position = v.step_count;
      }
      if (r->state.phase == Phase::Closed) v.step_position = v.step_count;
      v.phase = phase_db(r->state.phase);
      v.outcome = std::string(final_outcome_key(r->state.outcome));
      v.deadline = deadline_view(*r, now);
      if (r->state.phase == Phase::WithApplicant) v.returned = returned_view(tx, *r);
      v.zone = r->calendar->zone();
      out.push_back(std::move(v));
    }
    return out;
  });
}

Result<std::vector<OfficeFileView>> office_files(AppContext& ctx, const Principal& who, const OfficeFilesQuery& q) {
  if (who.kind == UserKind::Applicant || who.office.empty())
    return make_error("forbidden", "the office's files are for its officers");
  std::string text = q.text;
  text.erase(0, text.find_first_not_of(" \t"));
  text.erase(text.find_last_not_of(" \t") + 1);
  if (!q.list.empty() && q.list != "siap_cetak" && q.list != "siap_diserahkan")
    return field_error("list", "not_an_option", "one of siap_cetak, siap_diserahkan");
  if (q.list.empty() && text.size() < 2)
    return field_error("q", "too_short", "type at least 2 characters of a number or a name", 2);
  if (text.size() > 100) return field_error("q", "too_long", "at most 100 characters", {}, 100);
  const Instant now = ctx.clock.now();
  return ctx.store.read([&](store::Transaction& tx) -> Result<std::vector<OfficeFileView>> {
    // Within a list, the text narrows it (before the limit, in the query).
    auto rows = q.list.empty() ? tx.applications().search(who.office, text, kOfficeFilesLimit)
                               : tx.applications().awaiting_handover(who.office, q.list == "siap_diserahkan", text,
                                                                     kOfficeFilesLimit);
    std::vector<OfficeFileView> out;
    for (auto& row : rows) {
      sop_version_in(tx, ctx.catalog, row.sop_code, row.sop_version);  // published by another server
      auto r = application_from_row(std::move(row), ctx.catalog);
      if (!r) continue;
      out.push_back({r->id, assigned(r->registration_number), assigned(r->permit_number), r->sop->permit.name,
                     r->sop_code, r->applicant_name, step_view(*r->sop, r->state.step), phase_db(r->state.phase),
                     std::string(final_outcome_key(r->state.outcome)), deadline_view(*r, now), r->calendar->zone()});
    }
    return out;
  });
}

Result<PublicStatusView> public_status(AppContext& ctx, const std::string& registration_number) {
  if (registration_number.empty() || registration_number.size() > 100)
    return make_error("not_found", "no application with this registration number");
  const Instant now = ctx.clock.now();
  return ctx.store.read([&](store::Transaction& tx) -> Result<PublicStatusView> {
    // Offices print their numbers in capitals; one typed in lower case is the same number.
    auto id = tx.applications().id_by_registration(registration_number);
    if (!id) id = tx.applications().id_by_registration(ascii_upper(registration_number));
    if (!id) return make_error("not_found", "no application with this registration number");
    auto r = load_application(tx, ctx.catalog, *id);
    if (!r) return make_error("not_found", "no application with this registration number");
    const Step& st = r->sop->steps[r->state.step];
    // No personal data: no name, NIK, contact, address or notes.
    PublicStatusView v;
    v.registration_number = r->registration_number;
    v.office = ctx.catalog.office(r->office)->name;
    v.permit = r->sop->permit.name;
    if (r->submitted_at) v.submitted = Instant{r->submitted_at};
    v.step_no = st.number;
    v.step_description = st.description;
    v.step_actor_name = r->sop->roles[st.actor].name;
    v.phase = phase_db(r->state.phase);
    v.outcome = std::string(final_outcome_key(r->state.outcome));
    v.outcome_label = std::string(final_outcome_label(r->state.outcome));
    v.deadline = deadline_view(*r, now);
    v.permit_number = assigned(r->permit_number);
    v.zone = r->calendar->zone();
    return v;
  });
}

Result<FileContent> document_content(AppContext& ctx, const Principal& who, ApplicationId app_id, DocumentId document_id) {
  return ctx.store.read([&](store::Transaction& tx) -> Result<FileContent> {
    auto rec = load_application(tx, ctx.catalog, app_id.value);
    if (!rec || !may_view(who, *rec)) return make_error("not_found", "no such document");
    auto doc = tx.applications().document(app_id.value, document_id.value);
    if (!doc) return make_error("not_found", "no such document");
    auto bytes = ctx.blobs.get(doc->sha256);
    if (!bytes) return bytes.error();
    return FileContent{doc->content_type, std::move(*bytes), doc->filename};
  });
}

}  // namespace sp::service
