#pragma once
// The respondent profile PermenPAN-RB 14/2017 asks with each answer (gender, age, education,
// occupation), as the codes the API takes and the labels reports print. Reported in aggregate
// only: an answer is never shown with the person who gave it.
#include <string_view>
#include <vector>

namespace sp::survey {

struct ProfileOption {
  std::string_view code;   // "laki_laki"
  std::string_view label;  // "Laki-laki"
};

struct ProfileQuestion {
  std::string_view key;    // "gender", "age_band", "education", "occupation"
  std::string_view label;  // "Jenis kelamin"
  std::vector<ProfileOption> options;
};

const std::vector<ProfileQuestion>& profile_questions();
// The question with `key`, or null.
const ProfileQuestion* profile_question(std::string_view key);
bool is_option(const ProfileQuestion& q, std::string_view code);

}  // namespace sp::survey
