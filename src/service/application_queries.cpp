// Read models: the application as its viewer sees it, the timeline, worklists, public status.
#include <algorithm>
#include <memory>

#include "service/application_record.hpp"
#include "service/application_cache.hpp"
#include "service/generated_documents.hpp"
#include "service/applications.hpp"
#include "documents/blob_store.hpp"
#include "store/account_repository.hpp"
#include "store/application_repository.hpp"
#include "store/store.hpp"

namespace sp::service {

namespace {

using nlohmann::json;

json step_json(const Sop& sop, StepIndex i) {
  const Step& st = sop.steps[i];
  return {{"no", st.number},
          {"code", st.code},
          {"description", st.description},
          {"actor", sop.roles[st.actor].code},
          {"actor_name", sop.roles[st.actor].name},
          {"time", format_time_limit(st.time)},
          {"output", st.output}};
}

json deadline_json(const ApplicationRecord& r, Instant now) {
  const auto& st = r.state;
  if (st.phase != Phase::AtStep || !st.deadline) return nullptr;
  const auto left = time_left(st, *r.calendar, now);
  return {{"at", format_instant(*st.deadline, r.calendar->zone())},
          {"working_minutes_left", left ? left->count : 0},
          {"overdue", is_overdue(st, now)}};
}

}  // namespace

json application_json(store::Transaction& tx, const ApplicationRecord& r, const Principal& who, Instant now) {
  // A record from the status cache has no form: it comes with the files.
  return application_json(r, tx.applications().files(r.id, r.state.phase == Phase::WithApplicant, r.data.empty()), who,
                          now);
}

json application_json(const ApplicationRecord& r, const store::ApplicationFiles& files, const Principal& who,
                      Instant now) {
  const Sop& sop = *r.sop;
  const ZoneOffset z = r.calendar->zone();
  json actions = json::array();
  for (const auto& a : allowed_actions(sop, r.state, roles_in(who, r))) {
    const Outcome* o = a.kind == Command::Kind::Act ? &sop.steps[r.state.step].outcomes[a.outcome] : nullptr;
    const std::vector<std::string> produces = o ? o->produces : std::vector<std::string>{};
    const bool report = std::any_of(produces.begin(), produces.end(),
                                    [](const std::string& p) { return p == "rekomendasi_teknis" || p == "bap"; });
    actions.push_back({{"code", a.code},
                       {"label", a.label},
                       {"note_required", a.note_required},
                       {"returns_file", o && o->target.kind == Target::Kind::ReturnToApplicant},
                       {"produces", produces},
                       {"report_required", report}});
  }
  const std::string& form = files.form ? *files.form : r.data;
  json documents = json::array();
  for (const auto& d : files.documents)
    documents.push_back({{"id", d.id},
                         {"requirement", d.requirement},
                         {"revision", d.revision},
                         {"filename", d.filename},
                         {"content_type", d.content_type},
                         {"size", d.size},
                         {"sha256", d.sha256},
                         {"uploaded_at", format_instant(d.uploaded, z)}});
  json returns = json::array();
  if (r.state.phase == Phase::WithApplicant)
    for (const auto& rr : files.latest_return_reasons) returns.push_back({{"requirement", rr.requirement}, {"reason", rr.reason}});
  const std::string& applicant_name = r.applicant_name;
  json requirements = json::array();
  for (const auto& q : sop.permit.requirements)
    requirements.push_back({{"code", q.code}, {"name", q.name}, {"mandatory", q.mandatory}});
  return {{"id", r.id},
          {"office", r.office},
          {"sop", r.sop_code},
          {"sop_version", r.sop_version},
          {"permit", sop.permit.name},
          {"registration_number", r.registration_number.empty() ? json(nullptr) : json(r.registration_number)},
          {"permit_number", r.permit_number.empty() ? json(nullptr) : json(r.permit_number)},
          {"applicant", {{"id", r.applicant_id}, {"name", applicant_name}}},
          {"data", json::parse(form, nullptr, false)},
          {"step", step_json(sop, r.state.step)},
          {"phase", phase_db(r.state.phase)},
          {"outcome", final_outcome_key(r.state.outcome)},
          {"verdict", r.state.verdict == Verdict::Refuse ? "refuse" : "grant"},
          {"created_at", format_instant(r.state.created, z)},
          {"submitted_at", r.submitted_at ? json(format_instant(Instant{r.submitted_at}, z)) : json(nullptr)},
          {"step_started_at", format_instant(r.state.step_started, z)},
          {"deadline", deadline_json(r, now)},
          {"office_working_minutes", r.state.office_time.count},
          {"applicant_working_minutes", r.state.applicant_time.count},
          {"version", r.state.version},
          {"actions", actions},
          {"requirements", requirements},
          {"documents", documents},
          {"generated_documents", generated_documents_json(files.generated, z, who.kind == UserKind::Applicant)},
          {"return_reasons", returns}};
}

Result<json> get_application(AppContext& ctx, const Principal& who, long long app_id) {
  const Instant now = ctx.clock.now();
  return ctx.store.read([&](store::Transaction& tx) -> Result<json> {
    auto rec = load_application(tx, ctx.catalog, app_id);
    if (!rec || !may_view(who, *rec)) return make_error("not_found", "no such application");
    return application_json(tx, *rec, who, now);
  });
}

Result<json> application_status(AppContext& ctx, const Principal& who, long long app_id) {
  const Instant now = ctx.clock.now();
  auto snapshot = application_snapshot(ctx, app_id);
  if (!snapshot) return snapshot.error();
  const std::shared_ptr<const ApplicationRecord>& r = *snapshot;
  if (!r) return make_error("not_found", "no such application");
  if (!may_view(who, *r)) return make_error("not_found", "no such application");
  const Step& st = r->sop->steps[r->state.step];
  return json{{"id", r->id},
              {"registration_number", r->registration_number.empty() ? json(nullptr) : json(r->registration_number)},
              {"permit", r->sop->permit.name},
              {"step", {{"no", st.number}, {"description", st.description}, {"actor", r->sop->roles[st.actor].code},
                        {"actor_name", r->sop->roles[st.actor].name}, {"time", format_time_limit(st.time)}}},
              {"phase", phase_db(r->state.phase)},
              {"outcome", final_outcome_key(r->state.outcome)},
              {"deadline", deadline_json(*r, now)},
              {"version", r->state.version}};
}

Result<json> timeline(AppContext& ctx, const Principal& who, long long app_id) {
  return ctx.store.read([&](store::Transaction& tx) -> Result<json> {
    auto rec = load_application(tx, ctx.catalog, app_id);
    if (!rec || !may_view(who, *rec)) return make_error("not_found", "no such application");
    const ZoneOffset z = rec->calendar->zone();
    const bool applicant_view = who.kind == UserKind::Applicant;
    json events = json::array();
    for (const auto& [e, actor_name] : tx.applications().timeline(rec->office, app_id)) {
      std::string role_name = e.role;
      if (auto ri = rec->sop->role_by_code(e.role)) role_name = rec->sop->roles[*ri].name;
      events.push_back(
          {{"seq", e.seq},
           {"kind", e.kind},
           {"role", e.role},
           {"role_name", role_name},
           {"step", e.step},
           {"action", e.action},
           {"note", e.note},
           {"at", format_instant(Instant{e.at}, z)},
           {"elapsed_working_minutes", e.elapsed_minutes ? json(*e.elapsed_minutes) : json(nullptr)},
           {"allowed", e.allowed},
           {"overdue", e.overdue},
           // Officers' names are shown to officers; applicants see the role.
           {"by", applicant_view && e.role != rec->sop->roles[rec->sop->applicant].code ? role_name : actor_name},
           {"details", json::parse(e.payload, nullptr, false)}});
    }
    return json{{"application_id", app_id}, {"events", events}};
  });
}

Result<json> worklist(AppContext& ctx, const Principal& who) {
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
  return ctx.store.read([&](store::Transaction& tx) -> Result<json> {
    struct Item {
      ApplicationRecord rec;
      std::string applicant;
    };
    std::vector<Item> items;
    // One query per SOP for the whole list with the applicants' names: at a busy office the list
    // holds hundreds of files, and a query per file cost a round trip each on PostgreSQL.
    for (const auto& t : targets)
      for (auto& row : tx.applications().at_steps(who.office, t.code, t.version, t.steps))
        if (auto rec = application_from_row(std::move(row), ctx.catalog)) {
          std::string applicant = rec->applicant_name;
          items.push_back({std::move(*rec), std::move(applicant)});
        }
    // Overdue first, then by deadline, then those without a deadline by age.
    std::sort(items.begin(), items.end(), [&](const auto& a, const auto& b) {
      const auto& x = a.rec.state;
      const auto& y = b.rec.state;
      const bool ox = is_overdue(x, now), oy = is_overdue(y, now);
      if (ox != oy) return ox;
      if (x.deadline.has_value() != y.deadline.has_value()) return x.deadline.has_value();
      if (x.deadline && *x.deadline != *y.deadline) return *x.deadline < *y.deadline;
      return x.step_started < y.step_started;
    });
    json out = json::array();
    for (const auto& [r, applicant] : items) {
      out.push_back({{"id", r.id},
                     {"registration_number", r.registration_number.empty() ? json(nullptr) : json(r.registration_number)},
                     {"permit", r.sop->permit.name},
                     {"sop", r.sop_code},
                     {"applicant", applicant},
                     {"step", step_json(*r.sop, r.state.step)},
                     {"step_started_at", format_instant(r.state.step_started, r.calendar->zone())},
                     {"deadline", deadline_json(r, now)},
                     {"overdue", is_overdue(r.state, now)},
                     {"version", r.state.version}});
    }
    return json{{"items", out}, {"count", out.size()}};
  });
}

Result<json> my_applications(AppContext& ctx, const Principal& who) {
  if (who.kind != UserKind::Applicant) return make_error("forbidden", "this list is for applicants");
  const Instant now = ctx.clock.now();
  return ctx.store.read([&](store::Transaction& tx) -> Result<json> {
    json out = json::array();
    for (auto& row : tx.applications().of_applicant(who.user_id))
      if (auto r = application_from_row(std::move(row), ctx.catalog))
        out.push_back({{"id", r->id},
                       {"permit", r->sop->permit.name},
                       {"office", r->office},
                       {"registration_number", r->registration_number.empty() ? json(nullptr) : json(r->registration_number)},
                       {"step", step_json(*r->sop, r->state.step)},
                       {"phase", phase_db(r->state.phase)},
                       {"outcome", final_outcome_key(r->state.outcome)},
                       {"deadline", deadline_json(*r, now)}});
    return json{{"items", out}};
  });
}

Result<json> public_status(AppContext& ctx, const std::string& registration_number) {
  if (registration_number.empty() || registration_number.size() > 100)
    return make_error("not_found", "no application with this registration number");
  const Instant now = ctx.clock.now();
  return ctx.store.read([&](store::Transaction& tx) -> Result<json> {
    const auto id = tx.applications().id_by_registration(registration_number);
    if (!id) return make_error("not_found", "no application with this registration number");
    auto r = load_application(tx, ctx.catalog, *id);
    if (!r) return make_error("not_found", "no application with this registration number");
    const Office* office = ctx.catalog.office(r->office);
    const ZoneOffset z = r->calendar->zone();
    // No personal data: no name, NIK, contact, address or notes.
    return json{{"registration_number", r->registration_number},
                {"office", office->name},
                {"permit", r->sop->permit.name},
                {"submitted_at", r->submitted_at ? json(format_instant(Instant{r->submitted_at}, z)) : json(nullptr)},
                {"step", {{"no", r->sop->steps[r->state.step].number},
                          {"description", r->sop->steps[r->state.step].description},
                          {"actor_name", r->sop->roles[r->sop->steps[r->state.step].actor].name}}},
                {"phase", phase_db(r->state.phase)},
                {"outcome", final_outcome_key(r->state.outcome)},
                {"outcome_label", final_outcome_label(r->state.outcome)},
                {"deadline", deadline_json(*r, now)},
                {"permit_number", r->permit_number.empty() ? json(nullptr) : json(r->permit_number)}};
  });
}

Result<std::pair<std::string, std::string>> document_content(AppContext& ctx, const Principal& who, long long app_id,
                                                             long long document_id) {
  return ctx.store.read([&](store::Transaction& tx) -> Result<std::pair<std::string, std::string>> {
    auto rec = load_application(tx, ctx.catalog, app_id);
    if (!rec || !may_view(who, *rec)) return make_error("not_found", "no such document");
    auto doc = tx.applications().document(app_id, document_id);
    if (!doc) return make_error("not_found", "no such document");
    auto bytes = ctx.blobs.get(doc->sha256);
    if (!bytes) return bytes.error();
    return std::pair{doc->content_type, *bytes};
  });
}

}  // namespace sp::service
