#include "http/view_json.hpp"

namespace sp {

nlohmann::json time_standard_json(const TimeLimit& t) {
  const char* unit = nullptr;
  switch (t.unit) {
    case TimeLimit::Unit::None: return nullptr;
    case TimeLimit::Unit::Minutes: unit = "minutes"; break;
    case TimeLimit::Unit::Hours: unit = "hours"; break;
    case TimeLimit::Unit::WorkingDays: unit = "working_days"; break;
  }
  return {{"unit", unit}, {"amount", t.amount}};
}

}  // namespace sp

namespace sp::service {

namespace {

using nlohmann::json;

json text_or_null(const std::optional<std::string>& t) { return t ? json(*t) : json(nullptr); }

json complaint_tally_json(const ComplaintTallyView& c) {
  return {{"filed", c.filed},
          {"answered", c.answered},
          {"answered_on_time", c.answered_on_time},
          {"median_answer_minutes", c.answered ? json(c.median_answer_minutes) : json(nullptr)},
          {"open", c.open},
          {"overdue", c.overdue}};
}
json instant_or_null(const std::optional<Instant>& t, ZoneOffset z) {
  return t ? json(format_instant(*t, z)) : json(nullptr);
}

json step_json(const StepView& s) {
  return {{"no", s.no},
          {"code", s.code},
          {"title", s.title},
          {"description", s.description},
          {"actor", s.actor},
          {"actor_name", s.actor_name},
          {"time", s.time},
          {"time_standard", time_standard_json(s.time_limit)},
          {"output", s.output}};
}

json deadline_json(const std::optional<DeadlineView>& d, ZoneOffset z) {
  if (!d) return nullptr;
  json j{{"at", format_instant(d->at, z)}, {"working_minutes_left", d->working_minutes_left}, {"overdue", d->overdue}};
  if (d->working_days_left) j["working_days_left"] = *d->working_days_left;
  return j;
}

}  // namespace

void to_json(json& j, const DocumentView& v) {
  j = {{"id", v.id},
       {"requirement", v.requirement},
       {"revision", v.revision},
       {"filename", v.filename},
       {"content_type", v.content_type},
       {"size", v.size},
       {"sha256", v.sha256}};
  if (v.uploaded) j["uploaded_at"] = format_instant(*v.uploaded, v.zone);
}

void to_json(json& j, const GeneratedDocumentView& v) {
  j = {{"id", v.id},
       {"kind", v.kind},
       {"status", v.status},
       {"event_seq", v.event_seq},
       {"sha256", text_or_null(v.sha256)},
       {"size", v.size ? json(*v.size) : json(nullptr)},
       {"signed", v.is_signed},
       {"created_at", format_instant(v.created, v.zone)},
       {"verify_code", v.verify_code},
       {"print_count", v.print_count},
       {"printed_at", instant_or_null(v.printed_at, v.zone)},
       {"delivered_at", instant_or_null(v.delivered_at, v.zone)}};
}

void to_json(json& j, const ApplicationView& v) {
  json actions = json::array();
  for (const auto& a : v.actions)
    actions.push_back({{"code", a.code},
                       {"label", a.label},
                       {"note_required", a.note_required},
                       {"returns_file", a.returns_file},
                       {"produces", a.produces},
                       {"documents", a.documents},
                       {"report_required", a.report_required},
                       {"signs", a.signs}});
  json requirements = json::array();
  for (const auto& q : v.requirements)
    requirements.push_back({{"code", q.code}, {"name", q.name}, {"mandatory", q.mandatory}});
  json returns = json::array();
  for (const auto& r : v.return_reasons) returns.push_back({{"requirement", r.requirement}, {"reason", r.reason}});
  j = {{"id", v.id},
       {"office", v.office},
       {"sop", v.sop},
       {"sop_version", v.sop_version},
       {"permit", v.permit},
       {"registration_number", text_or_null(v.registration_number)},
       {"permit_number", text_or_null(v.permit_number)},
       {"applicant", {{"id", v.applicant_id}, {"name", v.applicant_name}}},
       {"data", v.data},
       {"step", step_json(v.step)},
       {"phase", v.phase},
       {"outcome", v.outcome},
       {"verdict", v.verdict},
       {"created_at", format_instant(v.created, v.zone)},
       {"submitted_at", instant_or_null(v.submitted, v.zone)},
       {"step_started_at", format_instant(v.step_started, v.zone)},
       {"deadline", deadline_json(v.deadline, v.zone)},
       {"office_working_minutes", v.office_working_minutes},
       {"applicant_working_minutes", v.applicant_working_minutes},
       {"version", v.version},
       {"actions", actions},
       {"applicants_part", v.applicants_part},
       {"opened_at_counter", v.opened_at_counter},
       {"survey", v.survey.empty() ? json(nullptr) : json(v.survey)},
       {"requirements", requirements},
       {"documents", v.documents},
       {"generated_documents", v.generated_documents},
       {"return_reasons", returns}};
}

void to_json(json& j, const ActionResult& v) {
  if (v.application) {
    j = *v.application;
    return;
  }
  j = {{"id", v.committed.id},
       {"version", v.committed.version},
       {"committed", true},
       {"detail", "the action was recorded; reload the application to see its new state"}};
}

void to_json(json& j, const StatusView& v) {
  j = {{"id", v.id},
       {"registration_number", text_or_null(v.registration_number)},
       {"permit", v.permit},
       {"step",
        {{"no", v.step_no},
         {"description", v.step_description},
         {"actor", v.step_actor},
         {"actor_name", v.step_actor_name},
         {"time", v.step_time}}},
       {"phase", v.phase},
       {"outcome", v.outcome},
       {"deadline", deadline_json(v.deadline, v.zone)},
       {"version", v.version}};
}

void to_json(json& j, const PublicStatusView& v) {
  j = {{"registration_number", v.registration_number},
       {"office", v.office},
       {"permit", v.permit},
       {"submitted_at", instant_or_null(v.submitted, v.zone)},
       {"step", {{"no", v.step_no}, {"description", v.step_description}, {"actor_name", v.step_actor_name}}},
       {"phase", v.phase},
       {"outcome", v.outcome},
       {"outcome_label", v.outcome_label},
       {"deadline", deadline_json(v.deadline, v.zone)},
       {"permit_number", text_or_null(v.permit_number)}};
}

void to_json(json& j, const TimelineView& v) {
  json events = json::array();
  for (const auto& e : v.events)
    events.push_back(
        {{"seq", e.seq},
         {"kind", e.kind},
         {"role", e.role},
         {"role_name", e.role_name},
         {"step", e.step},
         {"action", e.action},
         {"action_label", e.action_label},
         {"note", e.note},
         {"at", format_instant(e.at, v.zone)},
         {"elapsed_working_minutes", e.elapsed_working_minutes ? json(*e.elapsed_working_minutes) : json(nullptr)},
         {"allowed", e.allowed},
         {"allowed_standard", time_standard_json(e.allowed_limit)},
         {"overdue", e.overdue},
         {"by", e.by},
         {"details", e.details}});
  j = {{"application_id", v.application_id}, {"events", events}};
}

void to_json(json& j, const WorklistItemView& v) {
  j = {{"id", v.id},
       {"registration_number", text_or_null(v.registration_number)},
       {"permit", v.permit},
       {"sop", v.sop},
       {"applicant", v.applicant},
       {"step", step_json(v.step)},
       {"step_started_at", format_instant(v.step_started, v.zone)},
       {"deadline", deadline_json(v.deadline, v.zone)},
       {"overdue", v.overdue},
       {"version", v.version},
       {"arrived", v.arrived},
       {"arrived_from", v.arrived == "sent_back" ? json(v.arrived_from) : json(nullptr)},
       {"new", v.recent}};
}

void to_json(json& j, const MyApplicationView& v) {
  j = {{"id", v.id},
       {"permit", v.permit},
       {"office", v.office},
       {"registration_number", text_or_null(v.registration_number)},
       {"step", step_json(v.step)},
       {"progress", {{"position", v.step_position}, {"steps", v.step_count}}},
       {"phase", v.phase},
       {"outcome", v.outcome},
       {"deadline", deadline_json(v.deadline, v.zone)},
       {"returned", nullptr}};
  if (v.returned) {
    json reasons = json::array();
    for (const auto& r : v.returned->reasons)
      reasons.push_back({{"requirement", r.requirement}, {"requirement_name", r.requirement_name}, {"reason", r.reason}});
    j["returned"] = {{"at", format_instant(v.returned->at, v.zone)}, {"note", v.returned->note}, {"reasons", reasons}};
  }
}

void to_json(json& j, const ScheduleView& v) {
  j = {
      {"id", v.id}, {"kind", v.kind}, {"at", format_instant(v.at, v.zone)}, {"place", v.place}, {"members", v.members}};
}

void to_json(json& j, const PrintView& v) {
  j = {{"id", v.id},
       {"kind", v.kind},
       {"print_count", v.print_count},
       {"printed_at", format_instant(v.printed_at, v.zone)},
       {"printed_by", v.printed_by}};
}

void to_json(json& j, const HandoverView& v) {
  j = {{"id", v.id},
       {"kind", v.kind},
       {"handed_over_at", format_instant(v.handed_over_at, v.zone)},
       {"handed_over_by", v.handed_over_by}};
}

void to_json(json& j, const OfficeFileView& v) {
  j = {{"id", v.id},
       {"registration_number", text_or_null(v.registration_number)},
       {"permit_number", text_or_null(v.permit_number)},
       {"permit", v.permit},
       {"sop", v.sop},
       {"applicant", v.applicant},
       {"step", step_json(v.step)},
       {"phase", v.phase},
       {"outcome", v.outcome},
       {"deadline", deadline_json(v.deadline, v.zone)}};
}

void to_json(json& j, const RevocationView& v) {
  j = {{"id", v.id}, {"kind", v.kind}, {"revoked_at", format_instant(v.revoked_at, v.zone)}, {"reason", v.reason}};
}

void to_json(json& j, const ClosureView& v) { j = {{"date", v.date}, {"name", v.name}}; }

void to_json(json& j, const ClosuresView& v) { j = {{"office", v.office}, {"items", v.items}}; }

void to_json(json& j, const ClosuresAddedView& v) { j = {{"date", v.date}, {"name", v.name}, {"dates", v.dates}}; }

void to_json(json& j, const SopDraftView& v) {
  json problems = json::array();
  for (const auto& p : v.problems) problems.push_back({{"line", p.line}, {"message", p.message}});
  j = {{"code", v.code},
       {"office", v.office},
       {"version", v.version},
       {"effective", v.effective.empty() ? json(nullptr) : json(v.effective)},
       {"publishable", v.problems.empty()},
       {"problems", problems}};
}

void to_json(json& j, const SopVersionView& v) {
  j = {{"code", v.code},
       {"office", v.office},
       {"version", v.version},
       {"effective", v.effective.empty() ? json(nullptr) : json(v.effective)},
       {"published_at", format_instant(v.published, v.zone)},
       {"published_by", v.published_by.empty() ? json(nullptr) : json(v.published_by)},
       {"sha256", v.sha256},
       {"status", v.status}};
}

void to_json(json& j, const SurveyReportView& v) {
  json elements = json::array();
  for (const auto& e : v.elements)
    elements.push_back({{"no", e.no}, {"name", e.name}, {"nrr", e.nrr}, {"nrr_weighted", e.nrr_weighted}});
  json profile = json::array();
  for (const auto& p : v.profile) {
    json counts = json::array();
    for (const auto& c : p.counts) counts.push_back({{"code", c.code}, {"label", c.label}, {"count", c.count}});
    profile.push_back({{"key", p.key}, {"label", p.label}, {"counts", counts}});
  }
  json comments = json::array();
  for (const auto& c : v.comments) comments.push_back({{"date", c.date}, {"permit", c.permit}, {"text", c.text}});
  const bool any = v.respondents > 0;
  j = {{"office", v.office},
       {"from", v.from},
       {"to", v.to},
       {"permit", v.permit.empty() ? json(nullptr) : json(v.permit)},
       {"respondents", v.respondents},
       {"ikm", any ? json(static_cast<double>(v.ikm_hundredths) / 100.0) : json(nullptr)},
       {"grade", any ? json(v.grade) : json(nullptr)},
       {"grade_label", any ? json(v.grade_label) : json(nullptr)},
       {"elements", elements},
       {"profile", profile},
       {"comments", comments}};
}

void to_json(json& j, const RegisterPageView& v) {
  json items = json::array();
  for (const auto& l : v.items) {
    json steps = json::array();
    for (const auto& s : l.steps)
      steps.push_back({{"step", s.step}, {"title", s.title}, {"date", s.date}, {"overdue", s.overdue}});
    const auto text_or_null = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
    items.push_back({{"no", l.no},
                     {"id", l.id},
                     {"registration_number", l.registration_number},
                     {"registered", l.registered},
                     {"applicant", l.applicant},
                     {"nik", text_or_null(l.nik)},
                     {"permit", {{"code", l.permit_code}, {"name", l.permit_name}}},
                     {"step", l.step ? json({{"number", l.step}, {"title", l.step_title}}) : json(nullptr)},
                     {"status", l.status},
                     {"status_label", l.status_label},
                     {"steps", steps},
                     {"permit_number", text_or_null(l.permit_number)},
                     {"decided", text_or_null(l.decided)},
                     {"office_minutes", l.office_minutes},
                     {"standard", l.standard},
                     {"on_time", l.on_time ? json(*l.on_time) : json(nullptr)}});
  }
  j = {{"office", v.office},
       {"from", v.from},
       {"to", v.to},
       {"permit", v.permit.empty() ? json(nullptr) : json(v.permit)},
       {"status", v.status.empty() ? json(nullptr) : json(v.status)},
       {"total", v.total},
       {"items", items},
       {"next", v.next.empty() ? json(nullptr) : json(v.next)}};
}

void to_json(json& j, const SopVersionsView& v) { j = {{"code", v.code}, {"office", v.office}, {"items", v.items}}; }

void to_json(json& j, const OfficeCalendarView& v) {
  json days = json::array();
  for (const auto& d : v.days) {
    json hours = json::array();
    for (const auto& [from, to] : d.hours) hours.push_back({{"from", from}, {"to", to}});
    days.push_back({{"date", d.date}, {"kind", d.kind}, {"name", d.name.empty() ? json(nullptr) : json(d.name)},
                    {"hours", hours}});
  }
  j = {{"office", v.office}, {"month", v.month}, {"days", days}};
}

void to_json(json& j, const VerificationView& v) {
  j = {{"code", v.code},
       {"kind", v.kind},
       {"document", v.document},
       {"office", v.office},
       {"registration_number", text_or_null(v.registration_number)},
       {"permit_number", text_or_null(v.permit_number)},
       {"holder", v.holder},
       {"issued_at", instant_or_null(v.issued, v.zone)},
       {"issued_at_text", v.issued ? json(format_local_readable(*v.issued, v.zone)) : json(nullptr)},
       {"valid_until", v.valid_until ? json(format_date(*v.valid_until)) : json(nullptr)},
       {"valid_until_text", v.valid_until ? json(format_date_long_id(*v.valid_until)) : json(nullptr)},
       {"status", v.status},
       {"signed", v.is_signed},
       {"signer", text_or_null(v.signer)},
       {"signer_name", text_or_null(v.signer_name)},
       {"signer_title", text_or_null(v.signer_title)},
       {"verdict", v.verdict},
       {"sha256", text_or_null(v.sha256)},
       {"revoked_reason", text_or_null(v.revoked_reason)}};
}

void to_json(json& j, const UploadVerificationView& v) {
  j = v.verification;
  j["upload"] = {{"sha256", v.sha256},
                 {"identical", v.identical},
                 {"signature",
                  {{"signed", v.signature.is_signed},
                   {"intact", v.signature.intact},
                   {"covers_whole_file", v.signature.covers_whole_file},
                   {"trusted", v.signature.trusted},
                   {"signer", v.signature.signer},
                   {"problem", text_or_null(v.signature.problem)}}}};
  j["genuine"] = v.genuine;
  j["verdict"] = v.verdict;  // about the file held, which is what its holder asked
}

namespace {

json step_times_json(const StepTimes& t) {
  return {{"handled", t.handled},
          {"on_time", t.on_time},
          {"median_minutes", t.handled ? json(t.median_minutes) : json(nullptr)},
          {"p90_minutes", t.handled ? json(t.p90_minutes) : json(nullptr)}};
}

}  // namespace

void to_json(json& j, const MutuBakuView& v) {
  json steps = json::array();
  for (const auto& s : v.steps) {
    json officers = json::array();
    for (const auto& o : s.officers) {
      json oj = step_times_json(o.times);
      oj["id"] = o.id;
      oj["name"] = o.name;
      officers.push_back(std::move(oj));
    }
    json sj = step_times_json(s.times);
    sj.update({{"sop_code", s.sop_code},
               {"permit", {{"code", s.permit_code}, {"name", s.permit_name}}},
               {"step", s.step},
               {"title", s.title},
               {"role", s.role},
               {"standard", s.standard.empty() ? json(nullptr) : json(s.standard)},
               {"standard_minutes", s.standard_minutes ? json(*s.standard_minutes) : json(nullptr)},
               {"officers", officers}});
    steps.push_back(std::move(sj));
  }
  json trend = json::array();
  for (const auto& m : v.trend) trend.push_back({{"month", m.month}, {"handled", m.handled}, {"on_time", m.on_time}});
  json overdue = json::array();
  for (const auto& o : v.overdue)
    overdue.push_back({{"id", o.id},
                       {"registration_number", o.registration_number},
                       {"permit_name", o.permit_name},
                       {"step", {{"number", o.step}, {"title", o.step_title}, {"role", o.role}}},
                       {"deadline", o.deadline},
                       {"overdue_minutes", o.overdue_minutes}});
  j = {{"office", v.office},
       {"office_name", v.office_name},
       {"from", v.from},
       {"to", v.to},
       {"permit", v.permit.empty() ? json(nullptr) : json(v.permit)},
       {"as_of", v.as_of},
       {"handled", v.handled},
       {"on_time", v.on_time},
       {"steps", steps},
       {"trend", trend},
       {"overdue", {{"total", v.overdue_total}, {"items", overdue}}},
       {"complaints", complaint_tally_json(v.complaints)}};
}

namespace {

json tally_json(const PermitTallyView& t) {
  const long long decided = t.decided();
  return {{"received", t.received},
          {"issued", t.issued},
          {"rejected", t.rejected},
          {"withdrawn", t.withdrawn},
          {"in_progress", t.in_progress},
          {"decided", decided},
          {"decided_on_time", t.decided_on_time},
          // One decimal, as the report prints it; none when nothing was decided.
          {"on_time_percent", decided ? json(static_cast<double>((t.decided_on_time * 1000 + decided / 2) / decided) / 10)
                                      : json(nullptr)}};
}

}  // namespace

void to_json(json& j, const MonthlyReportView& v) {
  json permits = json::array();
  for (const auto& p : v.permits) {
    json pj = tally_json(p);
    pj["permit"] = {{"code", p.permit_code}, {"name", p.permit_name}};
    permits.push_back(std::move(pj));
  }
  j = {{"office", v.office},
       {"office_name", v.office_name},
       {"from", v.from},
       {"to", v.to},
       {"as_of", v.as_of},
       {"permits", permits},
       {"total", tally_json(v.total)},
       {"complaints", complaint_tally_json(v.complaints)}};
}

}  // namespace sp::service
