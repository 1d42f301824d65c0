#pragma once
// Answers to the satisfaction survey (service/survey.hpp): one per application, kept apart from
// the applicant's identity in everything read back (the application id only makes "once" hold).
#include <optional>
#include <string>
#include <vector>

#include "store/records.hpp"

namespace sp::store {

class SurveyRepository {
 public:
  virtual ~SurveyRepository() = default;
  virtual bool answered(long long application_id) = 0;
  virtual void add(const SurveyAnswerRecord& a) = 0;
  // The office's answers with answered_at in [from, to), oldest first; `permit` narrows to one
  // permit type when not empty.
  virtual std::vector<SurveyAnswerRecord> of_office(const std::string& office, Instant from, Instant to,
                                                    const std::string& permit) = 0;
};

}  // namespace sp::store
