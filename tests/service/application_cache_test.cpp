// The cache of applications for status reads: what it keeps, and the read that raced a change.
#include <gtest/gtest.h>

#include "service/application_cache.hpp"
#include "service/application_record.hpp"

namespace sp::service {
namespace {

std::shared_ptr<const ApplicationRecord> record(long long id, std::uint32_t version) {
  auto r = std::make_shared<ApplicationRecord>();
  r->id = id;
  r->state.version = version;
  return r;
}

TEST(ApplicationCache, KeepsNothingUntilLiveAndDropsEverythingWhenLiveChanges) {
  ApplicationCache cache;
  cache.put(1, record(1, 1), cache.ticket(1));
  EXPECT_EQ(cache.find(1), nullptr);  // no notifications yet: nothing may be kept
  cache.set_live(true);
  cache.put(1, record(1, 1), cache.ticket(1));
  ASSERT_NE(cache.find(1), nullptr);
  EXPECT_EQ(cache.find(1)->state.version, 1u);
  cache.set_live(false);
  EXPECT_EQ(cache.find(1), nullptr);
  cache.put(1, record(1, 1), cache.ticket(1));
  EXPECT_EQ(cache.find(1), nullptr);
  cache.set_live(true);
  EXPECT_EQ(cache.find(1), nullptr);  // what was kept before the gap stays gone
}

TEST(ApplicationCache, ARowReadBeforeAChangeIsNotKeptAfterIt) {
  ApplicationCache cache;
  cache.set_live(true);
  // A reader takes its ticket and reads version 1; the change commits and evicts; the reader
  // then offers its (now old) row.
  auto ticket = cache.ticket(7);
  cache.evict(7);
  cache.put(7, record(7, 1), ticket);
  EXPECT_EQ(cache.find(7), nullptr);
  // A read after the change is kept.
  cache.put(7, record(7, 2), cache.ticket(7));
  ASSERT_NE(cache.find(7), nullptr);
  EXPECT_EQ(cache.find(7)->state.version, 2u);
  // A change to another application leaves this one, and a ticket for this one, alone ...
  auto other = cache.ticket(8);
  cache.evict(9);
  cache.put(8, record(8, 1), other);
  EXPECT_NE(cache.find(8), nullptr);
  EXPECT_NE(cache.find(7), nullptr);
  // ... and dropping everything refuses every read that started before it.
  auto before = cache.ticket(10);
  cache.evict_all();
  EXPECT_EQ(cache.find(7), nullptr);
  cache.put(10, record(10, 1), before);
  EXPECT_EQ(cache.find(10), nullptr);
}

TEST(ApplicationCache, AFullCacheStartsAgainInsteadOfGrowing) {
  ApplicationCache cache(3);
  cache.set_live(true);
  for (long long id = 1; id <= 3; ++id) cache.put(id, record(id, 1), cache.ticket(id));
  EXPECT_NE(cache.find(3), nullptr);
  cache.put(4, record(4, 1), cache.ticket(4));
  for (long long id = 1; id <= 4; ++id) EXPECT_EQ(cache.find(id), nullptr) << id;
  cache.put(4, record(4, 1), cache.ticket(4));
  EXPECT_NE(cache.find(4), nullptr);
  EXPECT_EQ(cache.hits(), 2u);
}

}  // namespace
}  // namespace sp::service
