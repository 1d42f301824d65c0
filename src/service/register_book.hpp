#pragma once
// The Buku Registrasi: the office's register of applications, one line per registered
// (submitted) file: its number and date, applicant, permit, where it stands, the date each step
// was done, the permit number and date or the refusal, and its working time against the SOP's
// standard. Officers browse it page by page; the export writes the same lines, streamed, as CSV,
// XLSX or PDF, identical from the web app, the API and the CLI.
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "reports/table_writer.hpp"
#include "service/app_context.hpp"
#include "service/principal.hpp"
#include "service/views.hpp"

namespace sp::service {

inline constexpr int kRegisterPageSize = 100;  // lines per page of the browsed register, at most
inline constexpr int kMaxRegisterDays = 3660;  // a register covers at most ten years
// A PDF register holds at most this many lines (about 11,500 pages): each page's objects stay
// in memory until the file is finished (about 3 KB a page, some 35 MB at the bound) and a
// printed register longer than that is no register anyone reads; XLSX and CSV have no bound.
inline constexpr long long kMaxPdfRegisterLines = 150000;

struct RegisterFilter {
  std::string from, to;  // YYYY-MM-DD, inclusive, the office's dates of registration
  std::string permit;    // a permit code, or "" for all
  std::string status;    // "", in_progress, with_applicant, issued, rejected, withdrawn
};

// A page of the register for an officer or admin of the office; `after` is a previous page's
// `next` (empty: the first page).
Result<RegisterPageView> register_page(AppContext& ctx, const Principal& who, const RegisterFilter& filter,
                                       const std::string& after, int limit);

struct RegisterExport {
  long long lines = 0;
  std::string filename;  // what to call the file: buku-registrasi-OFFICE-FROM-TO.EXT
};

// Writes the register of `office` into a new file at `path` (the CLI: full NIKs when `full_nik`).
Result<RegisterExport> export_register(AppContext& ctx, const std::string& office, const RegisterFilter& filter,
                                       reports::TableFormat format, bool full_nik, const std::string& path);
// The same for an officer or admin of the office: the NIK is masked unless the reader is its admin.
Result<RegisterExport> export_register_for(AppContext& ctx, const Principal& who, const RegisterFilter& filter,
                                           reports::TableFormat format, const std::string& path);

}  // namespace sp::service
