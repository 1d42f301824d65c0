#include "service/escalations.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "catalog/escalation_chain.hpp"
#include "catalog/time_limit.hpp"
#include "service/audit_log.hpp"
#include "service/outbox.hpp"
#include "service/report_period.hpp"
#include "store/account_repository.hpp"
#include "store/application_repository.hpp"
#include "store/escalation_repository.hpp"
#include "store/notification_repository.hpp"
#include "store/store.hpp"

namespace sp::service {

namespace {

struct Recipient {
  long long id = 0;
  std::string name, email;
};

// The active accounts holding `role` in the office, with their addresses.
std::vector<Recipient> holders(store::Transaction& tx, const std::string& office, const std::string& role) {
  std::vector<Recipient> out;
  for (const auto& [id, name] : tx.accounts().active_holders(office, role)) {
    auto user = tx.accounts().find(id);
    if (user) out.push_back({id, name, user->email});
  }
  return out;
}

std::string role_name(const Sop& sop, const std::string& code) {
  if (auto i = sop.role_by_code(code)) return sop.roles[*i].name;
  return code;
}

// Working minutes for people: "2 jam 15 menit".
std::string working_time(long long minutes) { return format_time_total(TimeTotal{0, minutes < 1 ? 1 : minutes}); }

// Escalates one step visit and returns the accounts told; nothing when the file moved on or the
// visit was recorded already.
Result<std::optional<int>> escalate_one(AppContext& ctx, const Office& office, const WorkingCalendar& cal,
                         const store::OverdueRecord& r, Instant now) {
  const Sop* sop = ctx.catalog.sop(r.sop_code, r.sop_version);
  const auto si = sop ? sop->step_by_number(r.step) : std::nullopt;
  if (!si) return std::optional<int>();  // a version this server has not installed yet: the next round, or another server
  const Step& step = sop->steps[*si];
  const std::string step_role = sop->roles[step.actor].code;
  const std::optional<std::string> target = next_role_up(office.escalation, step_role);
  return ctx.store.write([&](store::Transaction& tx) -> Result<std::optional<int>> {
    // The file may have moved on since it was listed.
    auto row = tx.applications().find(r.id);
    if (!row || row->phase != "at_step" || row->step != r.step || row->step_started != r.step_started ||
        !row->deadline || !(*row->deadline < now))
      return std::optional<int>();
    const std::vector<Recipient> told = target ? holders(tx, office.code, *target) : std::vector<Recipient>{};
    store::EscalationRecord e{r.id, r.step, r.step_started, office.code, target.value_or(""),
                              static_cast<int>(told.size()), now};
    if (!tx.escalations().record(e)) return std::optional<int>();  // another round or server did it
    const long long late = cal.elapsed(*row->deadline, now).count;
    const std::string target_name = target ? role_name(*sop, *target) : "";
    const nlohmann::json facts{{"registration_number", r.registration_number},
                               {"permit", sop->permit.name},
                               {"step", {{"number", step.number}, {"title", step.title}, {"role", role_name(*sop, step_role)}}},
                               {"deadline", r.deadline.unix_seconds},
                               {"to_role", target.value_or("")},
                               {"to_role_name", target_name}};
    for (const auto& who : told) {
      auto mail = ctx.mail.render("eskalasi_terlambat",
                                  {{"name", who.name},
                                   {"office", office.name},
                                   {"registration", r.registration_number},
                                   {"permit", sop->permit.name},
                                   {"step", std::to_string(step.number) + ". " + step.title},
                                   {"step_role", role_name(*sop, step_role)},
                                   {"standard", format_time_limit(step.time)},
                                   {"deadline", format_local_readable(*row->deadline, cal.zone())},
                                   {"late", working_time(late)},
                                   {"your_role", target_name},
                                   {"link", ctx.settings.public_base_url + "/permohonan/" + std::to_string(r.id)}});
      if (!mail) return mail.error();
      enqueue_mail(tx, who.email, *mail, now);
      tx.notifications().add({0, who.id, office.code, "escalation", r.id, facts.dump(), now, std::nullopt});
    }
    AuditEvent ev;
    ev.office = office.code;
    ev.application_id = r.id;
    ev.kind = "escalated";
    ev.step = step.number;
    ev.action = "eskalasi";
    ev.at = now;
    ev.overdue = true;
    ev.allowed = format_time_limit(step.time);
    ev.payload = {{"to_role", target.value_or("")}, {"to_role_name", target_name}, {"recipients", told.size()}};
    append_event(tx, ev);  // last: on PostgreSQL it holds the office's chain until COMMIT
    return std::optional<int>(static_cast<int>(told.size()));
  });
}

// The office's local day (days since 1970-01-01) whose digest is due at `now`: a working day
// once the office has opened; none before, on a closed day, or without a chain.
std::optional<long long> digest_day(const Office& office, const WorkingCalendar& cal, Instant now) {
  if (office.escalation.empty()) return std::nullopt;
  const LocalDateTime local = to_local(now, cal.zone());
  const DayHours& hours = cal.hours_on(local.date);
  if (hours.intervals.empty() || local.minute_of_day < hours.intervals.front().start) return std::nullopt;
  return to_day_number(local.date);
}

// The office's digest for `day`. Returns whether it went out: once the day is taken, even with
// nothing overdue, no later round sends one that day.
Result<bool> send_digest(AppContext& ctx, const Office& office, const WorkingCalendar& cal, Instant now, long long day) {
  const std::string& head_role = office.escalation.back();
  return ctx.store.write([&](store::Transaction& tx) -> Result<bool> {
    const store::OverdueQuery q = office_overdue_query(ctx.catalog, office.code, now);
    const long long total = tx.dashboard().overdue_count(q);
    // The day is taken first: a second server waits here on PostgreSQL, then finds it taken.
    if (!tx.escalations().record_digest(office.code, day, static_cast<int>(total), now)) return false;
    if (total == 0) return false;  // nothing overdue: the day is taken, and no mail goes out
    std::string list;
    nlohmann::json files = nlohmann::json::array();
    for (const auto& r : tx.dashboard().overdue(q, kDigestListed)) {
      const Sop* sop = ctx.catalog.sop(r.sop_code, r.sop_version);
      const auto si = sop ? sop->step_by_number(r.step) : std::nullopt;
      const std::string step = si ? std::to_string(r.step) + ". " + sop->steps[*si].title : std::to_string(r.step);
      const std::string role = si ? role_name(*sop, sop->roles[sop->steps[*si].actor].code) : "";
      const long long late = cal.elapsed(r.deadline, now).count;
      list += "- " + r.registration_number + " (" + (sop ? sop->permit.name : r.sop_code) + "), langkah " + step +
              (role.empty() ? "" : " oleh " + role) + ": terlambat " + working_time(late) + "\n";
      files.push_back({{"id", r.id}, {"registration_number", r.registration_number}, {"late_minutes", late}});
    }
    if (total > kDigestListed)
      list += "- dan " + std::to_string(total - kDigestListed) + " berkas lainnya (lihat dasbor Mutu Baku)\n";
    const nlohmann::json facts{{"total", total}, {"files", files}};
    for (const auto& who : holders(tx, office.code, head_role)) {
      auto mail = ctx.mail.render("ringkasan_terlambat", {{"name", who.name},
                                                          {"office", office.name},
                                                          {"count", std::to_string(total)},
                                                          {"time", format_local_readable(now, cal.zone())},
                                                          {"list", list},
                                                          {"link", ctx.settings.public_base_url + "/kantor/mutu-baku"}});
      if (!mail) return mail.error();
      enqueue_mail(tx, who.email, *mail, now);
      tx.notifications().mark_all_read(who.id, now, "digest");  // today's replaces an earlier day's
      tx.notifications().add({0, who.id, office.code, "digest", std::nullopt, facts.dump(), now, std::nullopt});
    }
    return true;
  });
}

}  // namespace

Result<EscalationRound> escalate_overdue(AppContext& ctx) {
  EscalationRound round;
  const Instant now = ctx.clock.now();
  for (const Office& office : ctx.catalog.offices()) {
    const WorkingCalendar* cal = ctx.catalog.calendar(office.code);
    if (!cal) continue;
    const std::optional<long long> day = digest_day(office, *cal, now);
    bool digest_due = false;
    auto due = ctx.store.read([&](store::Transaction& tx) -> Result<std::vector<store::OverdueRecord>> {
      digest_due = day && !tx.escalations().digest_taken(office.code, *day);
      return tx.escalations().unescalated(office_overdue_query(ctx.catalog, office.code, now), kEscalationsPerRound);
    });
    if (!due) return due.error();
    for (const auto& r : *due) {
      auto told = escalate_one(ctx, office, *cal, r, now);
      if (!told) return told.error();
      if (!*told) continue;
      round.escalated += 1;
      round.notified += **told;
    }
    if (!digest_due) continue;
    auto digest = send_digest(ctx, office, *cal, now, *day);
    if (!digest) return digest.error();
    round.digests += *digest ? 1 : 0;
  }
  if (round.escalated || round.digests)
    spdlog::info("escalation: {} overdue step(s) escalated to {} account(s), {} digest(s) sent", round.escalated,
                 round.notified, round.digests);
  return round;
}

}  // namespace sp::service
