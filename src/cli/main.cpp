// satupintu: the command line. `satupintu --help` lists the commands.
#include <iostream>

#include "cli/clock_option.hpp"
#include "cli/commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"satupintu: SOP-driven one-stop permit office (DPMPTSP)"};
  app.require_subcommand(1);
  sp::cli::GlobalOptions g;
  app.add_option("--sop-dir", g.sop_dir, "Directory of office and SOP definitions (default: ./sop)");
  app.add_option("--holidays", g.holidays, "National holiday file (default: ./calendar/id-holidays.yaml)");
  sp::cli::add_clock_option(app);
  sp::cli::add_sop_commands(app, g);
  sp::cli::add_calendar_commands(app, g);
  sp::cli::add_server_commands(app, g);
  sp::cli::add_backup_commands(app, g);
  sp::cli::add_survey_commands(app, g);
  sp::cli::add_register_commands(app, g);
  sp::cli::add_report_commands(app, g);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return g.exit_code;
}
