// Read models: the application as its viewer sees it, the timeline, worklists, public status.
#include <soci/soci.h>

#include <algorithm>
#include <memory>

#include "service/application_record.hpp"
#include "service/application_cache.hpp"
#include "service/generated_documents.hpp"
#include "service/applications.hpp"
#include "documents/blob_store.hpp"
#include "store/database.hpp"
#include "store/prepared.hpp"
#include "store/row_access.hpp"

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

// An application's documents, every revision, prepared once per connection.
struct DocumentsQuery {
  long long app = 0, id = 0, size = 0, uploaded_at = 0;
  int revision = 0;
  std::string requirement, filename, content_type, sha256;
  soci::statement st;
  explicit DocumentsQuery(soci::session& s)
      : st((s.prepare << "SELECT id, requirement, revision, filename, content_type, size_bytes, sha256, uploaded_at "
                         "FROM documents WHERE application_id = :a ORDER BY requirement, revision",
            soci::use(app), soci::into(id), soci::into(requirement), soci::into(revision), soci::into(filename),
            soci::into(content_type), soci::into(size), soci::into(sha256), soci::into(uploaded_at))) {}
};

}  // namespace

json application_json(soci::session& s, AppContext& /*ctx*/, const ApplicationRecord& r, const Principal& who,
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
  json documents = json::array();
  {
    auto& q = store::prepared<DocumentsQuery>(s);
    q.app = r.id;
    if (q.st.execute(true))
      do
        documents.push_back({{"id", q.id},
                             {"requirement", q.requirement},
                             {"revision", q.revision},
                             {"filename", q.filename},
                             {"content_type", q.content_type},
                             {"size", q.size},
                             {"sha256", q.sha256},
                             {"uploaded_at", format_instant(Instant{q.uploaded_at}, z)}});
      while (q.st.fetch());
  }
  json returns = json::array();
  if (r.state.phase == Phase::WithApplicant) {
    long long seq = 0;
    s << "SELECT MAX(event_seq) FROM return_reasons WHERE application_id = :a", soci::use(r.id), soci::into(seq);
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT requirement, reason FROM return_reasons WHERE application_id = :a AND event_seq = :s",
         soci::use(r.id), soci::use(seq));
    for (const auto& row : rows)
      returns.push_back({{"requirement", row.get<std::string>(0)}, {"reason", row.get<std::string>(1)}});
  }
  const std::string applicant_name =
      r.applicant_name.empty() ? user_name_and_email(s, r.applicant_id).first : r.applicant_name;
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
          {"data", json::parse(r.data, nullptr, false)},
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
          {"generated_documents", generated_documents_json(s, r.id, z, who.kind == UserKind::Applicant)},
          {"return_reasons", returns}};
}

Result<json> get_application(AppContext& ctx, const Principal& who, long long app_id) {
  const Instant now = ctx.clock.now();
  return ctx.db->read([&](soci::session& s) -> Result<json> {
    auto rec = load_application(s, ctx.catalog, app_id);
    if (!rec || !may_view(who, *rec)) return make_error("not_found", "no such application");
    return application_json(s, ctx, *rec, who, now);
  });
}

Result<json> application_status(AppContext& ctx, const Principal& who, long long app_id) {
  const Instant now = ctx.clock.now();
  ApplicationCache* cache = ctx.applications_cache;
  std::shared_ptr<const ApplicationRecord> r = cache ? cache->find(app_id) : nullptr;
  if (!r) {
    const auto ticket = cache ? cache->ticket(app_id) : ApplicationCache::Ticket{};
    auto loaded = ctx.db->read(
        [&](soci::session& s) -> Result<std::optional<ApplicationRecord>> { return load_application(s, ctx.catalog, app_id); });
    if (!loaded) return loaded.error();
    if (!*loaded) return make_error("not_found", "no such application");
    (*loaded)->data.clear();  // the form is not part of the status; kept out of the cache
    r = std::make_shared<const ApplicationRecord>(std::move(**loaded));
    if (cache) cache->put(app_id, r, ticket);
  }
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
  return ctx.db->read([&](soci::session& s) -> Result<json> {
    auto rec = load_application(s, ctx.catalog, app_id);
    if (!rec || !may_view(who, *rec)) return make_error("not_found", "no such application");
    const ZoneOffset z = rec->calendar->zone();
    json events = json::array();
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT e.seq, e.kind, e.role, e.step, e.action, e.note, e.at, e.elapsed_minutes, e.allowed, "
                      "e.overdue, u.full_name, e.payload FROM events e LEFT JOIN users u ON u.id = e.actor_id "
                      "WHERE e.office = :o AND e.application_id = :a ORDER BY e.seq",
         soci::use(rec->office), soci::use(app_id));
    for (const auto& row : rows) {
      const std::string role = store::text_at(row, 2, "");
      std::string role_name = role;
      if (auto ri = rec->sop->role_by_code(role)) role_name = rec->sop->roles[*ri].name;
      const bool applicant_view = who.kind == UserKind::Applicant;
      json ev{{"seq", store::int_at(row, 0)},
              {"kind", row.get<std::string>(1)},
              {"role", role},
              {"role_name", role_name},
              {"step", static_cast<int>(store::int_at(row, 3, 0))},
              {"action", row.get<std::string>(4)},
              {"note", row.get<std::string>(5)},
              {"at", format_instant(Instant{store::int_at(row, 6)}, z)},
              {"elapsed_working_minutes", !store::is_null(row, 7) ? json(store::int_at(row, 7)) : json(nullptr)},
              {"allowed", store::text_at(row, 8, "")},
              {"overdue", static_cast<int>(store::int_at(row, 9)) != 0},
              // Officers' names are shown to officers; applicants see the role.
              {"by", applicant_view && role != rec->sop->roles[rec->sop->applicant].code ? role_name
                                                                                         : store::text_at(row, 10, "")},
              {"details", json::parse(row.get<std::string>(11), nullptr, false)}};
      events.push_back(ev);
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
  return ctx.db->read([&](soci::session& s) -> Result<json> {
    struct Item {
      ApplicationRecord rec;
      std::string applicant;
    };
    std::vector<Item> items;
    for (const auto& t : targets) {
      std::string list;
      for (int n : t.steps) list += (list.empty() ? "" : ",") + std::to_string(n);
      // One query per SOP for the whole list with the applicants' names: at a busy office the
      // list holds hundreds of files, and a query per file cost a round trip each on PostgreSQL.
      // Step numbers are integers from the catalog, never user input.
      soci::rowset<soci::row> rows =
          (s.prepare << "SELECT " + application_columns("a") + ", u.full_name FROM applications a "
                        "LEFT JOIN users u ON u.id = a.applicant_id WHERE a.office = :o AND a.phase = 'at_step' "
                        "AND a.sop_code = :c AND a.sop_version = :v AND a.step IN (" + list + ")",
           soci::use(who.office), soci::use(t.code), soci::use(t.version));
      for (const auto& row : rows)
        if (auto rec = application_from_row(row, ctx.catalog))
          items.push_back({std::move(*rec), store::text_at(row, 19)});
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
  return ctx.db->read([&](soci::session& s) -> Result<json> {
    soci::rowset<long long> ids =
        (s.prepare << "SELECT id FROM applications WHERE applicant_id = :u ORDER BY id DESC", soci::use(who.user_id));
    std::vector<long long> found(ids.begin(), ids.end());
    json out = json::array();
    for (long long id : found)
      if (auto r = load_application(s, ctx.catalog, id))
        out.push_back({{"id", id},
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
  return ctx.db->read([&](soci::session& s) -> Result<json> {
    long long id = 0;
    s << "SELECT id FROM applications WHERE registration_number = :r", soci::use(registration_number), soci::into(id);
    if (!s.got_data()) return make_error("not_found", "no application with this registration number");
    auto r = load_application(s, ctx.catalog, id);
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
  return ctx.db->read([&](soci::session& s) -> Result<std::pair<std::string, std::string>> {
    auto rec = load_application(s, ctx.catalog, app_id);
    if (!rec || !may_view(who, *rec)) return make_error("not_found", "no such document");
    std::string type, sha;
    s << "SELECT content_type, sha256 FROM documents WHERE id = :d AND application_id = :a", soci::use(document_id),
        soci::use(app_id), soci::into(type), soci::into(sha);
    if (!s.got_data()) return make_error("not_found", "no such document");
    auto bytes = ctx.blobs.get(sha);
    if (!bytes) return bytes.error();
    return std::pair{type, *bytes};
  });
}

}  // namespace sp::service
