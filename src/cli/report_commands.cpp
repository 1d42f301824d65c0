// satupintu report monthly: an office's monthly report (laporan bulanan) as a file, the same file
// the web app's download gives.
#include <iostream>

#include "cli/commands.hpp"
#include "cli/runtime.hpp"
#include "service/monthly_report.hpp"

namespace sp::cli {

namespace {

struct ReportFlags {
  std::string config_file, db, office, from, to, format = "pdf", output;
};

ReportFlags& flags() {
  static ReportFlags f;
  return f;
}

int fail(const Error& e) {
  std::cerr << "satupintu: " << e.message << "\n";  // a field's problem starts with the option's name
  return 1;
}

int cmd_monthly_report() {
  const auto format = reports::table_format(flags().format);
  if (!format) return fail(field_error("format", "not_allowed", "one of xlsx, csv, pdf"));
  auto rt = open_command_runtime(flags().config_file, flags().db);
  if (!rt) return fail(rt.error());
  auto done = service::export_monthly_report(*(*rt)->app, flags().office, {flags().from, flags().to}, *format,
                                             flags().output);
  if (!done) return fail(done.error());
  std::cout << flags().output << ": " << done->lines - 1 << " jenis izin\n";
  return 0;
}

}  // namespace

void add_report_commands(CLI::App& app, GlobalOptions& g) {
  CLI::App* rep = app.add_subcommand("report", "The office's reports");
  rep->require_subcommand(1);
  CLI::App* m = rep->add_subcommand("monthly", "Write the monthly report (laporan bulanan) as PDF, XLSX or CSV");
  m->add_option("--config", flags().config_file, "Config file (YAML)");
  m->add_option("--db", flags().db, "Database: sqlite:PATH or postgresql://...");
  m->add_option("--office", flags().office, "Office code")->required();
  m->add_option("--from", flags().from, "First day, YYYY-MM-DD (with --to; neither: the current month)");
  m->add_option("--to", flags().to, "Last day, YYYY-MM-DD (inclusive)");
  m->add_option("--format", flags().format, "pdf (default), xlsx or csv");
  m->add_option("-o,--output", flags().output, "The file to write")->required();
  m->callback([&g] { g.exit_code = cmd_monthly_report(); });
}

}  // namespace sp::cli
