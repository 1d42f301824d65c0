// Working-minute counts (service/minute_counts): nearest-rank figures by hand, and merged counts
// giving exactly the figures of all their steps taken together.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "service/closed_month_steps.hpp"
#include "service/minute_counts.hpp"

namespace sp::service {
namespace {

TEST(MinuteCounts, NearestRankByHand) {
  MinuteCounts c;
  for (long long m : {20, 5, 12, 11}) c.add(m, m > 15);
  // Sorted {5, 11, 12, 20}: median the 2nd (ceil 4 x 0.5) = 11, p90 the 4th (ceil 3.6) = 20.
  auto t = c.times();
  EXPECT_EQ(t.handled, 4);
  EXPECT_EQ(t.on_time, 3);
  EXPECT_EQ(t.median_minutes, 11);
  EXPECT_EQ(t.p90_minutes, 20);
  // Ten steps of 7 and one of 100: the median and p90 are 7 (ranks 6 and 10 of 11).
  MinuteCounts d;
  d.add(7, false, 10);
  d.add(100, true);
  EXPECT_EQ(d.times().median_minutes, 7);
  EXPECT_EQ(d.times().p90_minutes, 7);
  EXPECT_EQ(MinuteCounts{}.times().handled, 0);
}

// Counts split across parts (months, officers) in any order merge to the figures of the whole.
TEST(MinuteCounts, MergedPartsGiveTheWholesFigures) {
  std::mt19937 rng(20261205);
  for (int round = 0; round < 50; ++round) {
    std::vector<long long> all;
    MinuteCounts whole, merged;
    const int parts = 1 + static_cast<int>(rng() % 5);
    for (int p = 0; p < parts; ++p) {
      MinuteCounts part;
      const int n = static_cast<int>(rng() % 40);
      for (int i = 0; i < n; ++i) {
        const long long m = static_cast<long long>(rng() % 600);
        all.push_back(m);
        part.add(m, m > 300);
        whole.add(m, m > 300);
      }
      if (p % 2) part.settle();  // kept months are settled; live ones are not
      merged.merge(part);
    }
    const auto t = merged.times();
    EXPECT_EQ(t.handled, static_cast<long long>(all.size()));
    EXPECT_EQ(t.handled, whole.times().handled);
    EXPECT_EQ(t.on_time, whole.times().on_time);
    if (all.empty()) continue;
    std::sort(all.begin(), all.end());
    const auto n = static_cast<long long>(all.size());
    EXPECT_EQ(t.median_minutes, all[static_cast<std::size_t>((5 * n + 9) / 10 - 1)]);
    EXPECT_EQ(t.p90_minutes, all[static_cast<std::size_t>((9 * n + 9) / 10 - 1)]);
    EXPECT_EQ(whole.times().median_minutes, t.median_minutes);
  }
}

TEST(ClosedMonthSteps, KeepsWithinItsBudgetDroppingTheLeastRecentlyUsed) {
  auto month = [](int steps) {
    auto c = std::make_shared<StepCountsBySop>();
    for (int i = 0; i < steps; ++i) (*c)[{"kpr-dokter", 2}].by_officer[i].add(i, false);
    return c;
  };
  const std::size_t one = bytes_of(*month(100));
  ClosedMonthSteps kept(one * 2 + one / 2);  // room for two
  kept.put("kampar", "2026-10", month(100));
  kept.put("kampar", "2026-11", month(100));
  ASSERT_NE(kept.find("kampar", "2026-10"), nullptr);  // October now the most recently used
  kept.put("kampar", "2026-12", month(100));
  EXPECT_NE(kept.find("kampar", "2026-10"), nullptr);
  EXPECT_EQ(kept.find("kampar", "2026-11"), nullptr) << "November was the least recently used";
  EXPECT_NE(kept.find("kampar", "2026-12"), nullptr);
  EXPECT_LE(kept.bytes(), one * 2 + one / 2);
  kept.put("kampar", "2025-01", month(1000));  // larger than the whole budget: not kept
  EXPECT_EQ(kept.find("kampar", "2025-01"), nullptr);
  EXPECT_NE(kept.find("kampar", "2026-12"), nullptr);
}

}  // namespace
}  // namespace sp::service
