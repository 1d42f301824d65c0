#pragma once
// Everything the deployment declares: offices, their SOPs (all versions), the national holiday
// calendar, and one working calendar per office built from those. Immutable once loaded, except
// for two things office admins change at run time: the offices' extra closures and new SOP
// versions. Both are installed atomically and nothing installed is ever freed, so a reader never
// locks and a pointer it holds never dangles.
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/holiday_set.hpp"
#include "calendar/working_calendar.hpp"
#include "catalog/office.hpp"
#include "catalog/sop.hpp"

namespace sp {

// A snapshot of the catalog's SOP versions, in the order they were added; iterates as `const Sop&`.
// Cheap to copy; stays valid (and unchanged) for the catalog's lifetime.
class SopList {
 public:
  class iterator {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = Sop;
    using difference_type = std::ptrdiff_t;
    using pointer = const Sop*;
    using reference = const Sop&;
    iterator() = default;
    explicit iterator(const Sop* const* at) : at_(at) {}
    reference operator*() const { return **at_; }
    pointer operator->() const { return *at_; }
    iterator& operator++() { ++at_; return *this; }
    iterator operator++(int) { iterator old = *this; ++at_; return old; }
    iterator& operator--() { --at_; return *this; }
    iterator& operator+=(difference_type n) { at_ += n; return *this; }
    iterator operator+(difference_type n) const { return iterator(at_ + n); }
    difference_type operator-(const iterator& o) const { return at_ - o.at_; }
    reference operator[](difference_type n) const { return *at_[n]; }
    bool operator==(const iterator& o) const { return at_ == o.at_; }
    auto operator<=>(const iterator& o) const { return at_ <=> o.at_; }

   private:
    const Sop* const* at_ = nullptr;
  };
  SopList() = default;
  SopList(const Sop* const* first, std::size_t size) : first_(first), size_(size) {}
  iterator begin() const { return iterator(first_); }
  iterator end() const { return iterator(first_ + size_); }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const Sop& front() const { return *first_[0]; }
  const Sop& operator[](std::size_t i) const { return *first_[i]; }

 private:
  const Sop* const* first_ = nullptr;
  std::size_t size_ = 0;
};

class Catalog {
 public:
  Catalog();
  ~Catalog();
  Catalog(Catalog&&) noexcept;
  Catalog& operator=(Catalog&&) noexcept;

  const std::vector<Office>& offices() const { return offices_; }
  SopList sops() const;
  const HolidaySet& national_holidays() const { return national_; }

  const Office* office(std::string_view code) const;
  // The newest version of an SOP by its code, or by its SOP number ("04.15.3.1.02").
  const Sop* sop(std::string_view code) const;
  const Sop* sop(std::string_view code, int version) const;
  // The version new applications follow on `today` (YYYY-MM-DD, the office's local date): the
  // newest whose Tanggal Efektif has come (or that has none). Before any has, the first version,
  // as the permit has no earlier procedure; null for an unknown code.
  const Sop* sop_in_effect(std::string_view code, std::string_view today) const;
  // The office's working calendar, with its current extra closures; never null for an office in
  // the catalog.
  const WorkingCalendar* calendar(std::string_view office_code) const;
  // The form applications under `sop` fill in: its own, or for a version published before
  // permits declared forms, the newest version's.
  const PermitForm& form(const Sop& sop) const;
  // The office's calendar as it would be with `extra` closures (added by the office admin, see
  // service/office_closures.hpp) on top of its definition; null for an unknown office.
  std::unique_ptr<WorkingCalendar> calendar_with(std::string_view office_code, const std::vector<Closure>& extra) const;
  // Installs `extra` as the office's extra closures: the rebuilt calendar replaces the current
  // one atomically for every later calendar() call. Earlier calendars stay alive for the
  // process lifetime, so a request still holding one never dangles (closures change a few
  // times a year; a calendar is about 200 KiB). Unchanged closures rebuild nothing.
  void set_extra_closures(std::string_view office_code, const std::vector<Closure>& extra) const;

  // Builders, used by the loader.
  void add_office(Office o) { offices_.push_back(std::move(o)); }
  void add_sop(Sop s);
  // Adds a version at run time, while requests read the catalog; thread-safe. Returns the
  // version as installed. The caller has checked it (service/sop_editing.hpp): a code and version
  // the catalog already holds is refused with null.
  const Sop* install_sop(Sop s) const;
  void set_national_holidays(HolidaySet h) { national_ = std::move(h); }
  // Cross-definition checks (duplicate codes, unknown offices) and calendar construction.
  void finish(Diagnostics& out);

 private:
  std::vector<Office> offices_;
  struct SopShelf;
  std::unique_ptr<SopShelf> sops_;
  HolidaySet national_;
  struct CalendarSlot;
  std::map<std::string, std::unique_ptr<CalendarSlot>, std::less<>> calendars_;
};

}  // namespace sp
