#pragma once
// The public satisfaction index (Indeks Kepuasan Masyarakat) of PermenPAN-RB 14/2017: each
// respondent scores the 9 elements (unsur) of the service from 1 to 4; an element's NRR is its
// mean score; the IKM is the sum of the NRRs weighted 0.111 each, times 25, given with two
// decimals and graded A to D. Offices follow the regulation's worked example, so the weight is
// 0.111 (not 1/9) and all 4s give 99.90. Nothing is rounded before the IKM itself.
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace sp::survey {

inline constexpr int kUnsurCount = 9;

// "Persyaratan", "Sistem, Mekanisme dan Prosedur", … in the regulation's order; `index` from 0.
std::string_view unsur_name(int index);

using Scores = std::array<std::uint8_t, kUnsurCount>;  // one respondent's scores, 1 to 4 each

bool valid_scores(const Scores& s);

struct Ikm {
  int respondents = 0;
  std::array<double, kUnsurCount> nrr{};           // mean score per element
  std::array<double, kUnsurCount> nrr_weighted{};  // NRR × 0.111
  long long hundredths = 0;  // the IKM × 100, rounded half up (8464 for 84.64); 0 without respondents
  char grade = 0;            // 'A'..'D'; 0 without respondents

  double value() const { return static_cast<double>(hundredths) / 100.0; }
};

Ikm compute_ikm(const std::vector<Scores>& responses);

// The grade of an IKM given in hundredths: A from 88.31, B from 76.61, C from 65.00, else D.
char grade_of(long long hundredths);
// "Sangat Baik", "Baik", "Kurang Baik", "Tidak Baik".
std::string_view grade_label(char grade);

}  // namespace sp::survey
