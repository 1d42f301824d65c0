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
// The office admin closes a working day from today on (the office's date); running steps'
// deadlines are recomputed in the same transaction, which also writes the audit event.
Result<ClosureView> add_closure(AppContext& ctx, const Principal& admin, const std::string& date,
                                   const std::string& name);
// Withdraws one, from today on, recomputing deadlines likewise.
Result<bool> remove_closure(AppContext& ctx, const Principal& admin, const std::string& date);
// Reads every office's extra closures and installs them in the catalog's calendars.
Result<bool> refresh_closures(AppContext& ctx);

}  // namespace sp::service
