#include "service/survey_export.hpp"

#include <cstdio>

#include "catalog/catalog.hpp"
#include "service/report_period.hpp"
#include "service/survey.hpp"

namespace sp::service {

namespace {

std::string fixed(double v, int digits) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

reports::TableLayout layout(const Office& office, const SurveyReportView& r) {
  reports::TableLayout l;
  l.title = "Pengolahan Data Survei Kepuasan Masyarakat";
  l.sheet_name = "IKM";
  l.subtitle.push_back(office.name);
  l.subtitle.push_back("Periode: " + format_date_long_id(*parse_date(r.from)) + " s.d. " +
                       format_date_long_id(*parse_date(r.to)) + (r.permit.empty() ? "" : "; jenis izin: " + r.permit));
  l.subtitle.push_back("Jumlah responden: " + std::to_string(r.respondents));
  if (r.respondents > 0)
    l.subtitle.push_back("IKM: " + fixed(static_cast<double>(r.ikm_hundredths) / 100.0, 2) + "; mutu pelayanan: " +
                         r.grade + " (" + r.grade_label + ")");
  for (const auto& p : r.profile) {
    std::string line = p.label + ":";
    for (const auto& c : p.counts) line += " " + c.label + " " + std::to_string(c.count) + ";";
    line.pop_back();
    l.subtitle.push_back(line);
  }
  l.subtitle.push_back("Unsur: " + [&] {
    std::string names;
    for (const auto& e : r.elements) names += (names.empty() ? "" : "; ") + ("U" + std::to_string(e.no) + " " + e.name);
    return names;
  }());
  l.columns.push_back({"No. Responden", 14, false});
  for (const auto& e : r.elements) l.columns.push_back({"U" + std::to_string(e.no), 8, true});
  return l;
}

}  // namespace

Result<SurveyExport> export_survey(AppContext& ctx, const std::string& office, const std::string& from,
                                   const std::string& to, const std::string& permit, reports::TableFormat format,
                                   const std::string& path) {
  auto found = survey_period(ctx, office, from, to, permit);
  if (!found) return found.error();
  const SurveyReportView& report = found->report;
  SurveyExport out;
  out.respondents = report.respondents;
  out.filename = "ikm-" + office + "-" + report.from + "-" + report.to + "." + std::string(reports::format_key(format));
  auto written = reports::write_table(format, path, layout(*ctx.catalog.office(office), report),
                                      [&](reports::TableWriter& w) -> Result<bool> {
    // One row per respondent, numbered in the order they answered: no names, no file numbers.
    std::vector<long long> totals(report.elements.size(), 0);
    int n = 0;
    for (const auto& a : found->answers) {
      std::vector<std::string> row{std::to_string(++n)};
      for (std::size_t i = 0; i < totals.size(); ++i) {
        row.push_back(std::to_string(a.scores[i]));
        totals[i] += a.scores[i];
      }
      if (auto ok = w.row(row); !ok) return ok.error();
    }
    std::vector<std::string> sum{"Jumlah nilai per unsur"}, nrr{"NRR per unsur"}, weighted{"NRR tertimbang per unsur"};
    for (std::size_t i = 0; i < totals.size(); ++i) {
      sum.push_back(std::to_string(totals[i]));
      nrr.push_back(report.respondents ? fixed(report.elements[i].nrr, 3) : "");
      weighted.push_back(report.respondents ? fixed(report.elements[i].nrr_weighted, 3) : "");
    }
    for (const auto* row : {&sum, &nrr, &weighted})
      if (auto ok = w.row(*row); !ok) return ok.error();
    return w.row({"IKM (Σ NRR tertimbang × 25)",
                  report.respondents ? fixed(static_cast<double>(report.ikm_hundredths) / 100.0, 2) : "",
                  report.respondents ? report.grade + " (" + report.grade_label + ")" : ""});
  });
  if (!written) return written.error();
  return out;
}

Result<SurveyExport> export_survey_for(AppContext& ctx, const Principal& who, const std::string& from,
                                       const std::string& to, const std::string& permit, reports::TableFormat format,
                                       const std::string& path) {
  if (auto ok = check_office_reader(who, "the survey's results are"); !ok) return ok.error();
  return export_survey(ctx, who.office, from, to, permit, format, path);
}

}  // namespace sp::service
