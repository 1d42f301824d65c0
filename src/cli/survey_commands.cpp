// satupintu survey ikm: an office's satisfaction index over a period, as the web app shows it.
#include <iomanip>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/runtime.hpp"
#include "http/view_json.hpp"
#include "service/survey.hpp"

namespace sp::cli {

namespace {

struct SurveyFlags {
  std::string config_file, db, office, from, to, permit;
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
  ServerConfig config;
  if (auto ok = load_server_config(flags().config_file, config); !ok) return fail(ok.error());
  if (!flags().db.empty()) config.db = flags().db;
  auto rt = open_runtime(config, 1);
  if (!rt) return fail(rt.error());
  auto report = service::survey_report(*(*rt)->app, flags().office, flags().from, flags().to, flags().permit);
  if (!report) return fail(report.error());
  if (flags().json) std::cout << nlohmann::json(*report).dump(2) << "\n";
  else print_report(*report);
  return 0;
}

}  // namespace

void add_survey_commands(CLI::App& app, GlobalOptions& g) {
  CLI::App* survey = app.add_subcommand("survey", "The satisfaction survey (SKM, PermenPAN-RB 14/2017)");
  survey->require_subcommand(1);
  CLI::App* ikm = survey->add_subcommand("ikm", "An office's IKM over a period: grade, NRR per element, respondents");
  ikm->add_option("--config", flags().config_file, "Config file (YAML)");
  ikm->add_option("--db", flags().db, "Database: sqlite:PATH or postgresql://...");
  ikm->add_option("--office", flags().office, "Office code")->required();
  ikm->add_option("--from", flags().from, "First day, YYYY-MM-DD")->required();
  ikm->add_option("--to", flags().to, "Last day, YYYY-MM-DD (inclusive)")->required();
  ikm->add_option("--permit", flags().permit, "Only this permit (its code)");
  ikm->add_flag("--json", flags().json, "Print JSON");
  ikm->callback([&g] { g.exit_code = cmd_survey_ikm(); });
}

}  // namespace sp::cli
