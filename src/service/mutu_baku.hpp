#pragma once
// The Mutu Baku dashboard: how an office keeps to its SOPs' time standards. For a period (a
// quarter at most; the current month by default): per permit, step and officer the steps done,
// the share on time, and the median and 90th percentile of the working time they took against
// the step's standard; the monthly trend over the year to the period's end; and the files past
// their step's deadline now, with how long. The same figures export as CSV, XLSX or PDF.
#include <stop_token>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "reports/table_writer.hpp"
#include "service/app_context.hpp"
#include "service/mutu_baku_view.hpp"
#include "service/principal.hpp"

namespace sp::service {

inline constexpr int kMaxDashboardDays = 92;
inline constexpr int kMaxOverdueListed = 100;
inline constexpr int kTrendMonths = 12;

struct DashboardFilter {
  std::string from, to;  // YYYY-MM-DD, inclusive; both empty: the office's current month
  std::string permit;    // a permit code, or "" for all
};

// The dashboard of the reader's office, for its officers and admin.
Result<MutuBakuView> mutu_baku_dashboard(AppContext& ctx, const Principal& who, const DashboardFilter& filter);

struct DashboardExport {
  long long lines = 0;
  std::string filename;  // mutu-baku-OFFICE-FROM-TO.EXT
};

// Counts what every office's dashboard and monthly report keep of ended months
// (closed_month_steps.hpp, the trend's tallies, the report's counts) before anyone asks: the
// views office heads open (this month, the quarter to date, each permit; the report's year to
// date, which holds last month). A server runs it when it starts and every hour, so the first
// head to open them after a restart or a month's end does not wait for a year to be read.
// Returns what failed, "office: message" each, for the caller to log; stops between offices
// once `stop` is requested.
std::vector<std::string> warm_dashboards(AppContext& ctx, std::stop_token stop = {});

// The dashboard's step table (a line per step, then one per officer at it) into a new file at `path`.
Result<DashboardExport> export_mutu_baku_for(AppContext& ctx, const Principal& who, const DashboardFilter& filter,
                                             reports::TableFormat format, const std::string& path);

}  // namespace sp::service
