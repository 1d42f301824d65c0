#pragma once
// The API's JSON for the services' views (service/views.hpp), as docs/openapi.json gives it.
// Found by nlohmann::json's argument-dependent lookup, so `nlohmann::json(view)` and
// `respond(result)` write any view.
#include <nlohmann/json.hpp>

#include "catalog/time_limit.hpp"
#include "service/monthly_report_view.hpp"
#include "service/mutu_baku_view.hpp"
#include "service/views.hpp"

namespace sp {

// A step's time standard as {unit: minutes|hours|working_days, amount}, or null when it has none.
nlohmann::json time_standard_json(const TimeLimit& t);

// An id is its number.
template <class Tag>
void to_json(nlohmann::json& j, const Id<Tag>& id) {
  j = id.value;
}

}  // namespace sp

namespace sp::service {

void to_json(nlohmann::json& j, const ApplicationView& v);
void to_json(nlohmann::json& j, const ActionResult& v);
void to_json(nlohmann::json& j, const DocumentView& v);
void to_json(nlohmann::json& j, const GeneratedDocumentView& v);
void to_json(nlohmann::json& j, const StatusView& v);
void to_json(nlohmann::json& j, const PublicStatusView& v);
void to_json(nlohmann::json& j, const TimelineView& v);
void to_json(nlohmann::json& j, const WorklistItemView& v);
void to_json(nlohmann::json& j, const MyApplicationView& v);
void to_json(nlohmann::json& j, const ScheduleView& v);
void to_json(nlohmann::json& j, const PrintView& v);
void to_json(nlohmann::json& j, const HandoverView& v);
void to_json(nlohmann::json& j, const OfficeFileView& v);
void to_json(nlohmann::json& j, const RevocationView& v);
void to_json(nlohmann::json& j, const ClosureView& v);
void to_json(nlohmann::json& j, const ClosuresView& v);
void to_json(nlohmann::json& j, const SopDraftView& v);
void to_json(nlohmann::json& j, const SopVersionView& v);
void to_json(nlohmann::json& j, const SopVersionsView& v);
void to_json(nlohmann::json& j, const SurveyReportView& v);
void to_json(nlohmann::json& j, const RegisterPageView& v);
void to_json(nlohmann::json& j, const MutuBakuView& v);
void to_json(nlohmann::json& j, const MonthlyReportView& v);
void to_json(nlohmann::json& j, const ClosuresAddedView& v);
void to_json(nlohmann::json& j, const OfficeCalendarView& v);
void to_json(nlohmann::json& j, const VerificationView& v);
void to_json(nlohmann::json& j, const UploadVerificationView& v);

}  // namespace sp::service
