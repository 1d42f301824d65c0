#include "catalog/catalog.hpp"
#include "catalog/escalation_chain.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>

namespace sp {

struct Catalog::CalendarSlot {
  CalendarSpec spec;  // the office's definition: national calendar, hours, office.yaml closures
  std::atomic<const WorkingCalendar*> current{nullptr};
  std::mutex mu;
  std::vector<std::unique_ptr<WorkingCalendar>> built;  // every version so far, under mu
  std::vector<Closure> extra;                           // installed extra closures, under mu
};

// SOP versions only ever grow. Each addition builds a new shelf (the list of pointers) and
// publishes it with one atomic store; earlier shelves and every Sop stay alive, so a SopList or a
// Sop pointer taken before stays valid. Versions are published a few times a year per office.
struct Catalog::SopShelf {
  std::mutex mu;                                  // serialises additions
  std::vector<std::unique_ptr<const Sop>> owned;  // under mu
  std::vector<std::unique_ptr<const std::vector<const Sop*>>> lists;  // every list so far, under mu
  std::atomic<const std::vector<const Sop*>*> current{nullptr};

  const Sop* add(Sop s) {
    owned.push_back(std::make_unique<const Sop>(std::move(s)));
    auto next = std::make_unique<std::vector<const Sop*>>();
    if (const auto* now = current.load(std::memory_order_relaxed)) *next = *now;
    next->push_back(owned.back().get());
    current.store(next.get(), std::memory_order_release);
    lists.push_back(std::move(next));
    return owned.back().get();
  }
};

Catalog::Catalog() : sops_(std::make_unique<SopShelf>()) {}
Catalog::~Catalog() = default;
Catalog::Catalog(Catalog&&) noexcept = default;
Catalog& Catalog::operator=(Catalog&&) noexcept = default;

const Office* Catalog::office(std::string_view code) const {
  for (const auto& o : offices_)
    if (o.code == code) return &o;
  return nullptr;
}

SopList Catalog::sops() const {
  const auto* list = sops_ ? sops_->current.load(std::memory_order_acquire) : nullptr;
  return list ? SopList(list->data(), list->size()) : SopList();
}

void Catalog::add_sop(Sop s) {
  std::lock_guard lock(sops_->mu);
  sops_->add(std::move(s));
}

const Sop* Catalog::install_sop(Sop s) const {
  std::lock_guard lock(sops_->mu);
  if (sop(s.code, s.version)) return nullptr;
  return sops_->add(std::move(s));
}

const Sop* Catalog::sop(std::string_view code) const {
  const Sop* best = nullptr;
  for (const auto& s : sops())
    if ((s.code == code || s.identity.number == code) && (!best || s.version > best->version)) best = &s;
  return best;
}

const Sop* Catalog::sop(std::string_view code, int version) const {
  for (const auto& s : sops())
    if (s.code == code && s.version == version) return &s;
  return nullptr;
}

const Sop* Catalog::sop_in_effect(std::string_view code, std::string_view today) const {
  const Sop* first = nullptr;
  const Sop* best = nullptr;
  for (const auto& s : sops()) {
    if (s.code != code) continue;
    if (!first || s.version < first->version) first = &s;
    // Dates are YYYY-MM-DD, so they compare as text; a version without a date is in effect.
    const bool in_effect = s.identity.effective.empty() || s.identity.effective <= today;
    if (in_effect && (!best || s.version > best->version)) best = &s;
  }
  return best ? best : first;
}

const WorkingCalendar* Catalog::calendar(std::string_view office_code) const {
  auto it = calendars_.find(office_code);
  return it == calendars_.end() ? nullptr : it->second->current.load(std::memory_order_acquire);
}

namespace {
CalendarSpec with_extra(CalendarSpec spec, const std::vector<Closure>& extra) {
  spec.holidays.closures.insert(spec.holidays.closures.end(), extra.begin(), extra.end());
  return spec;
}
// Checks the office's escalation chain against the roles its SOPs name, or without one in
// office.yaml takes the default chain's roles that its SOPs have.
void resolve_escalation(Office& o, const SopList& sops, Diagnostics& out) {
  std::set<std::string> roles;
  for (const auto& s : sops)
    if (s.office == o.code)
      for (std::size_t i = 0; i < s.roles.size(); ++i)
        if (i != static_cast<std::size_t>(s.applicant)) roles.insert(s.roles[i].code);
  if (o.escalation.empty()) {
    for (const char* r : kDefaultEscalation)
      if (roles.count(r)) o.escalation.emplace_back(r);
    return;
  }
  std::set<std::string> seen;
  for (const auto& r : o.escalation) {
    if (!seen.insert(r).second) out.push_back({o.escalation_source, "escalation names role '" + r + "' twice"});
    if (!roles.count(r)) {
      std::string known;
      for (const auto& k : roles) known += (known.empty() ? "" : ", ") + k;
      out.push_back({o.escalation_source, "escalation role '" + r + "' is no officer role in the SOPs of office '" +
                                              o.code + "' (they have: " + (known.empty() ? "none" : known) + ")"});
    }
  }
}
bool same_closures(const std::vector<Closure>& a, const std::vector<Closure>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const Closure& x, const Closure& y) {
    return x.date == y.date && x.kind == y.kind && x.name == y.name;
  });
}
}  // namespace

std::unique_ptr<WorkingCalendar> Catalog::calendar_with(std::string_view office_code,
                                                        const std::vector<Closure>& extra) const {
  auto it = calendars_.find(office_code);
  if (it == calendars_.end()) return nullptr;
  return std::make_unique<WorkingCalendar>(with_extra(it->second->spec, extra));
}

void Catalog::set_extra_closures(std::string_view office_code, const std::vector<Closure>& extra) const {
  auto it = calendars_.find(office_code);
  if (it == calendars_.end()) return;
  CalendarSlot& slot = *it->second;
  std::lock_guard lock(slot.mu);
  if (same_closures(slot.extra, extra)) return;
  slot.built.push_back(std::make_unique<WorkingCalendar>(with_extra(slot.spec, extra)));
  slot.extra = extra;
  slot.current.store(slot.built.back().get(), std::memory_order_release);
}

const PermitForm& Catalog::form(const Sop& s) const {
  if (!s.permit.form.empty()) return s.permit.form;
  const Sop* newest = sop(s.code);
  return newest ? newest->permit.form : s.permit.form;
}

void Catalog::finish(Diagnostics& out) {
  std::set<std::string> office_codes;
  for (const auto& o : offices_)
    if (!o.code.empty() && !office_codes.insert(o.code).second)
      out.push_back({o.source, "duplicate office code '" + o.code + "'"});

  std::set<std::pair<std::string, int>> sop_keys;
  std::map<std::pair<std::string, std::string>, std::string> permit_owner;  // (office, permit) -> sop code
  for (const auto& s : sops()) {
    if (!s.code.empty() && !sop_keys.insert({s.code, s.version}).second)
      out.push_back({s.source, "duplicate SOP code '" + s.code + "' version " + std::to_string(s.version)});
    // Only versions published before forms existed may lack one (brought back from the database
    // later, not through here).
    if (s.permit.form.empty())
      out.push_back({s.source, "the permit has no 'form' (the fields an applicant fills in; see docs/sop-format.md)"});
    if (!s.office.empty() && !office(s.office))
      out.push_back({s.source, "unknown office '" + s.office + "' (no office.yaml defines it)"});
    if (!s.permit.code.empty()) {
      auto [it, inserted] = permit_owner.emplace(std::pair{s.office, s.permit.code}, s.code);
      if (!inserted && it->second != s.code)
        out.push_back({s.source, "duplicate permit code '" + s.permit.code + "' in office '" + s.office +
                                     "' (also used by SOP '" + it->second + "')"});
    }
  }

  for (auto& o : offices_) resolve_escalation(o, sops(), out);

  for (const auto& o : offices_) {
    CalendarSpec spec;
    spec.zone = o.zone;
    spec.normal = o.working_hours;
    spec.ramadan = o.ramadan_hours;
    spec.holidays = national_;
    spec.holidays.merge(o.closures);
    auto slot = std::make_unique<CalendarSlot>();
    slot->spec = spec;
    slot->built.push_back(std::make_unique<WorkingCalendar>(spec));
    slot->current.store(slot->built.back().get(), std::memory_order_release);
    calendars_[o.code] = std::move(slot);
  }
}

}  // namespace sp
