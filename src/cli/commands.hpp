#pragma once
// Subcommand registration. Each function adds its subcommands to the app; the actions run when
// CLI11 dispatches and set `exit_code`.
#include <CLI/CLI.hpp>

namespace sp::cli {

// Every option's storage; CLI11 binds options by reference, so this outlives parsing.
struct GlobalOptions {
  std::string sop_dir;
  std::string holidays;
  bool json = false;
  int exit_code = 0;
  // Subcommand arguments.
  std::string code;
  std::vector<std::string> codes;
  bool all = false;
  std::string start;
  std::vector<std::string> paths;
  std::string office;
  std::string from;
  std::string to;
  std::string out;  // an output file ("-" or empty: standard output)
  std::string format;
  std::string paper;
};

void add_sop_commands(CLI::App& app, GlobalOptions& g);
void add_calendar_commands(CLI::App& app, GlobalOptions& g);
void add_server_commands(CLI::App& app, GlobalOptions& g);
void add_backup_commands(CLI::App& app, GlobalOptions& g);
void add_survey_commands(CLI::App& app, GlobalOptions& g);
void add_register_commands(CLI::App& app, GlobalOptions& g);
void add_report_commands(CLI::App& app, GlobalOptions& g);

}  // namespace sp::cli
