// satupintu register export: an office's Buku Registrasi as a file, the same file the web app's
// export gives (with NIKs masked, as an officer's; --full-nik for the office's own records).
#include <iostream>

#include "cli/commands.hpp"
#include "cli/runtime.hpp"
#include "service/register_book.hpp"

namespace sp::cli {

namespace {

struct RegisterFlags {
  std::string config_file, db, office, from, to, permit, status, format = "xlsx", output;
  bool full_nik = false;
};

RegisterFlags& flags() {
  static RegisterFlags f;
  return f;
}

int fail(const Error& e) {
  std::cerr << "satupintu: " << e.message << "\n";  // a field's problem starts with the option's name
  return 1;
}

int cmd_register_export() {
  const auto format = reports::table_format(flags().format);
  if (!format) return fail(field_error("format", "not_allowed", "one of xlsx, csv, pdf"));
  auto rt = open_command_runtime(flags().config_file, flags().db);
  if (!rt) return fail(rt.error());
  const service::RegisterFilter filter{flags().from, flags().to, flags().permit, flags().status};
  auto done = service::export_register(*(*rt)->app, flags().office, filter, *format, flags().full_nik, flags().output);
  if (!done) return fail(done.error());
  std::cout << flags().output << ": " << done->lines << " permohonan\n";
  return 0;
}

}  // namespace

void add_register_commands(CLI::App& app, GlobalOptions& g) {
  CLI::App* reg = app.add_subcommand("register", "The office's register of applications (Buku Registrasi)");
  reg->require_subcommand(1);
  CLI::App* ex = reg->add_subcommand("export", "Write the register of a period as XLSX, CSV or PDF");
  ex->add_option("--config", flags().config_file, "Config file (YAML)");
  ex->add_option("--db", flags().db, "Database: sqlite:PATH or postgresql://...");
  ex->add_option("--office", flags().office, "Office code")->required();
  ex->add_option("--from", flags().from, "First day of registration, YYYY-MM-DD")->required();
  ex->add_option("--to", flags().to, "Last day of registration, YYYY-MM-DD (inclusive)")->required();
  ex->add_option("--format", flags().format, "xlsx (default), csv or pdf");
  ex->add_option("--permit", flags().permit, "Only this permit (its code)");
  ex->add_option("--status", flags().status, "in_progress, with_applicant, issued, rejected or withdrawn");
  ex->add_option("-o,--output", flags().output, "The file to write")->required();
  ex->add_flag("--full-nik", flags().full_nik, "Write applicants' NIKs in full (the office's own records)");
  ex->callback([&g] { g.exit_code = cmd_register_export(); });
}

}  // namespace sp::cli
