#pragma once
// The satisfaction survey's results as offices publish them (the "pengolahan data SKM" sheet):
// one anonymous row per respondent with their nine scores, then the total, the NRR and the
// weighted NRR of each element, with the IKM, its grade, the period and the respondents' profile
// above the table. As XLSX, CSV or PDF, the same from the web app, the API and the CLI.
#include <string>

#include "core/result.hpp"
#include "reports/table_writer.hpp"
#include "service/app_context.hpp"
#include "service/principal.hpp"

namespace sp::service {

struct SurveyExport {
  int respondents = 0;
  std::string filename;  // ikm-OFFICE-FROM-TO.EXT
};

Result<SurveyExport> export_survey(AppContext& ctx, const std::string& office, const std::string& from,
                                   const std::string& to, const std::string& permit, reports::TableFormat format,
                                   const std::string& path);
// The same for an officer or admin of the office.
Result<SurveyExport> export_survey_for(AppContext& ctx, const Principal& who, const std::string& from,
                                       const std::string& to, const std::string& permit, reports::TableFormat format,
                                       const std::string& path);

}  // namespace sp::service
