// satupintu survey ikm: an office's satisfaction index over a period, as the web app shows it.
#include <iomanip>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/runtime.hpp"
#include "http/view_json.hpp"
#include "service/survey.hpp"
#include "service/survey_export.hpp"

namespace sp::cli {

namespace {

struct SurveyFlags {
  std::string config_file, db, office, from, to, permit, format = "xlsx", output;
  bool json = false;
};

SurveyFlags& flags() {
  static SurveyFlags f;
  return f;
}

int fail(const Error& e) {
  std::cerr << "satupintu: " << e.message << "\n";
  return 1;
}

// The report as an office prints it: the IKM and grade, then each element's NRR.
void print_report(const service::SurveyReportView& r) {
  std::cout << "IKM " << r.office << " " << r.from << " s.d. " << r.to << (r.permit.empty() ? "" : " (" + r.permit + ")")
            << "\nResponden: " << r.respondents << "\n";
  if (r.respondents == 0) {
    std::cout << "Belum ada jawaban survei pada periode ini.\n";
    return;
  }
  std::cout << std::fixed << std::setprecision(2) << "IKM: " << static_cast<double>(r.ikm_hundredths) / 100.0
            << "  Mutu: " << r.grade << " (" << r.grade_label << ")\n";
  std::cout << std::setprecision(3);
  for (const auto& e : r.elements)
    std::cout << "U" << e.no << " " << e.name << ": NRR " << e.nrr << ", tertimbang " << e.nrr_weighted << "\n";
  std::cout << "Saran dan komentar: " << r.comments.size() << "\n";
}

int cmd_survey_ikm() {
  auto rt = open_command_runtime(flags().config_file, flags().db);
  if (!rt) return fail(rt.error());
  auto report = service::survey_report(*(*rt)->app, flags().office, flags().from, flags().to, flags().permit);
  if (!report) return fail(report.error());
  if (flags().json) std::cout << nlohmann::json(*report).dump(2) << "\n";
  else print_report(*report);
  return 0;
}

int cmd_survey_export() {
  const auto format = reports::table_format(flags().format);
  if (!format) return fail(field_error("format", "not_allowed", "one of xlsx, csv, pdf"));
  auto rt = open_command_runtime(flags().config_file, flags().db);
  if (!rt) return fail(rt.error());
  auto done = service::export_survey(*(*rt)->app, flags().office, flags().from, flags().to, flags().permit, *format,
                                     flags().output);
  if (!done) return fail(done.error());
  std::cout << flags().output << ": " << done->respondents << " responden\n";
  return 0;
}

// The options every survey command takes.
void period_options(CLI::App* c) {
  c->add_option("--config", flags().config_file, "Config file (YAML)");
  c->add_option("--db", flags().db, "Database: sqlite:PATH or postgresql://...");
  c->add_option("--office", flags().office, "Office code")->required();
  c->add_option("--from", flags().from, "First day, YYYY-MM-DD")->required();
  c->add_option("--to", flags().to, "Last day, YYYY-MM-DD (inclusive)")->required();
  c->add_option("--permit", flags().permit, "Only this permit (its code)");
}

}  // namespace

void add_survey_commands(CLI::App& app, GlobalOptions& g) {
  CLI::App* survey = app.add_subcommand("survey", "The satisfaction survey (SKM, PermenPAN-RB 14/2017)");
  survey->require_subcommand(1);
  CLI::App* ikm = survey->add_subcommand("ikm", "An office's IKM over a period: grade, NRR per element, respondents");
  period_options(ikm);
  ikm->add_flag("--json", flags().json, "Print JSON");
  ikm->callback([&g] { g.exit_code = cmd_survey_ikm(); });
  CLI::App* ex = survey->add_subcommand("export", "The period's results as offices publish them: XLSX, CSV or PDF");
  period_options(ex);
  ex->add_option("--format", flags().format, "xlsx (default), csv or pdf");
  ex->add_option("-o,--output", flags().output, "The file to write")->required();
  ex->callback([&g] { g.exit_code = cmd_survey_export(); });
}

}  // namespace sp::cli
