#pragma once
// An office's extra closures (a local holiday, an office move, a declared emergency): days the
// office admin closes on top of the national calendar and office.yaml. They live in the
// database, so every server sharing it applies them: the one that records a change at once,
// the others within refresh_closures' period. Deadlines of running steps move with them.
#include <string>

#include "core/result.hpp"
#include "service/app_context.hpp"
#include "service/principal.hpp"
#include "service/views.hpp"

namespace sp::service {

// The office's extra closures, oldest first.
Result<ClosuresView> list_closures(AppContext& ctx, const std::string& office);
// The office admin closes a working day from today on (the office's date), or every working day
// from `date` to `until` (inclusive, at most kMaxClosureDays days; empty: `date` alone). Running
// steps' deadlines are recomputed in the same transaction, which also writes one audit event.
inline constexpr int kMaxClosureDays = 31;
Result<ClosuresAddedView> add_closure(AppContext& ctx, const Principal& admin, const std::string& date,
                                      const std::string& until, const std::string& name);
// Withdraws the extra closures on `date` (or from `date` to `until`), from today on,
// recomputing deadlines likewise.
Result<bool> remove_closure(AppContext& ctx, const Principal& admin, const std::string& date,
                            const std::string& until = "");
// A month (YYYY-MM) of the office's calendar, day by day: public, so applicants plan around it.
Result<OfficeCalendarView> office_calendar(AppContext& ctx, const std::string& office, const std::string& month);
// Reads every office's extra closures and installs them in the catalog's calendars.
Result<bool> refresh_closures(AppContext& ctx);

}  // namespace sp::service
