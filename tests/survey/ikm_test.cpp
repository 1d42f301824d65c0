// The IKM against hand computations (PermenPAN-RB 14/2017's method, weight 0.111).
#include <gtest/gtest.h>

#include "survey/ikm.hpp"

namespace sp::survey {
namespace {

TEST(Ikm, AWorkedSetComputedByHand) {
  // Four respondents:
  //   R1: 4 4 3 4 3 4 4 3 4   R2: 3 3 3 4 3 3 4 3 3   R3: 4 3 2 4 3 4 4 2 3   R4: 3 4 3 4 4 3 3 3 4
  // Element totals 14 14 11 16 13 14 15 11 14, so the NRRs are
  //   3.50 3.50 2.75 4.00 3.25 3.50 3.75 2.75 3.50, summing to 30.50.
  // Weighted: 30.50 × 0.111 = 3.3855; IKM = 3.3855 × 25 = 84.6375, given as 84.64: B (Baik).
  const Ikm ikm = compute_ikm({{4, 4, 3, 4, 3, 4, 4, 3, 4},
                               {3, 3, 3, 4, 3, 3, 4, 3, 3},
                               {4, 3, 2, 4, 3, 4, 4, 2, 3},
                               {3, 4, 3, 4, 4, 3, 3, 3, 4}});
  EXPECT_EQ(ikm.respondents, 4);
  const std::array<double, kUnsurCount> nrr{3.5, 3.5, 2.75, 4.0, 3.25, 3.5, 3.75, 2.75, 3.5};
  for (std::size_t i = 0; i < nrr.size(); ++i) {
    EXPECT_DOUBLE_EQ(ikm.nrr[i], nrr[i]) << i;
    EXPECT_NEAR(ikm.nrr_weighted[i], nrr[i] * 0.111, 1e-12) << i;
  }
  EXPECT_EQ(ikm.hundredths, 8464);
  EXPECT_EQ(ikm.grade, 'B');
  EXPECT_EQ(grade_label(ikm.grade), "Baik");
}

TEST(Ikm, RoundsHalfUpAtTheSecondDecimal) {
  // One respondent with all 3s but one 4: total 28; 28 × 2.775 = 77.70 exactly: B.
  EXPECT_EQ(compute_ikm({{3, 3, 3, 3, 3, 3, 3, 3, 4}}).hundredths, 7770);
  // Three respondents totalling 97: 97 × 2.775 / 3 = 89.725, given as 89.73 (half up): A.
  const Ikm three = compute_ikm({{4, 4, 4, 4, 4, 4, 4, 4, 4}, {4, 4, 4, 4, 4, 4, 4, 4, 4}, {3, 3, 3, 3, 3, 3, 3, 3, 1}});
  EXPECT_EQ(three.hundredths, 8973);
  EXPECT_EQ(three.grade, 'A');
  // Every element at 4: 36 × 2.775 = 99.90, the regulation's worked example's ceiling.
  EXPECT_EQ(compute_ikm({{4, 4, 4, 4, 4, 4, 4, 4, 4}}).hundredths, 9990);
}

TEST(Ikm, GradesAtTheirBounds) {
  EXPECT_EQ(grade_of(10000), 'A');
  EXPECT_EQ(grade_of(8831), 'A');
  EXPECT_EQ(grade_of(8830), 'B');
  EXPECT_EQ(grade_of(7661), 'B');
  EXPECT_EQ(grade_of(7660), 'C');
  EXPECT_EQ(grade_of(6500), 'C');
  EXPECT_EQ(grade_of(6499), 'D');
  EXPECT_EQ(grade_of(2500), 'D');
}

TEST(Ikm, NoRespondentsNoIndex) {
  const Ikm none = compute_ikm({});
  EXPECT_EQ(none.respondents, 0);
  EXPECT_EQ(none.hundredths, 0);
  EXPECT_EQ(none.grade, 0);
}

TEST(Ikm, ScoresAreOneToFour) {
  EXPECT_TRUE(valid_scores({1, 2, 3, 4, 1, 2, 3, 4, 1}));
  EXPECT_FALSE(valid_scores({0, 2, 3, 4, 1, 2, 3, 4, 1}));
  EXPECT_FALSE(valid_scores({1, 2, 3, 4, 5, 2, 3, 4, 1}));
  EXPECT_EQ(unsur_name(0), "Persyaratan");
  EXPECT_EQ(unsur_name(8), "Sarana dan Prasarana");
  EXPECT_EQ(unsur_name(9), "");
}

}  // namespace
}  // namespace sp::survey
