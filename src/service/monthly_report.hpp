#pragma once
// The monthly report (laporan bulanan) an office sends up each month: for a period (a month by
// default, a year at most), per permit the files received, issued, refused, withdrawn and still
// in progress, and the share of those decided within the SOP's time standard. It exports as PDF
// (with a chart), XLSX (with the chart on a sheet of its own) and CSV.
#include <string>

#include "core/result.hpp"
#include "reports/table_writer.hpp"
#include "service/app_context.hpp"
#include "service/monthly_report_view.hpp"
#include "service/principal.hpp"

namespace sp::service {

inline constexpr int kMaxMonthlyReportDays = 366;

struct MonthlyReportFilter {
  std::string from, to;  // YYYY-MM-DD, inclusive; both empty: the office's current month
};

// The report of `office` (the CLI), and the same for an officer or admin of the reader's office.
Result<MonthlyReportView> monthly_report(AppContext& ctx, const std::string& office, const MonthlyReportFilter& filter);
Result<MonthlyReportView> monthly_report_for(AppContext& ctx, const Principal& who, const MonthlyReportFilter& filter);

struct MonthlyReportExport {
  long long lines = 0;   // the permits' lines and the total
  std::string filename;  // laporan-bulanan-OFFICE-FROM-TO.EXT
};

Result<MonthlyReportExport> export_monthly_report(AppContext& ctx, const std::string& office,
                                                  const MonthlyReportFilter& filter, reports::TableFormat format,
                                                  const std::string& path);
Result<MonthlyReportExport> export_monthly_report_for(AppContext& ctx, const Principal& who,
                                                      const MonthlyReportFilter& filter, reports::TableFormat format,
                                                      const std::string& path);

}  // namespace sp::service
