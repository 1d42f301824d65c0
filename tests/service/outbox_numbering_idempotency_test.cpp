// The small transactional helpers on the in-memory store (no database): mail caps, gap-free
// numbers, Idempotency-Key claims.
#include <gtest/gtest.h>

#include "memory_store.hpp"
#include "service/idempotency.hpp"
#include "service/numbering.hpp"
#include "service/outbox.hpp"

namespace sp::service {
namespace {

TEST(Outbox, CapsMailAnyoneCanTriggerPerRecipientSubjectAndHour) {
  testing::MemoryStore store;
  const Mail notice{"Pendaftaran akun", "isi"};
  const Instant t0{1'796'000'000};
  const auto send = [&](const std::string& to, const Mail& m, Instant at) {
    auto r = store.write([&](store::Transaction& tx) -> Result<bool> { return enqueue_mail_limited(tx, to, m, at, 3); });
    return r.ok() && *r;
  };
  EXPECT_TRUE(send("a@contoh.id", notice, t0));
  EXPECT_TRUE(send("a@contoh.id", notice, Instant{t0.unix_seconds + 60}));
  EXPECT_TRUE(send("a@contoh.id", notice, Instant{t0.unix_seconds + 120}));
  EXPECT_FALSE(send("a@contoh.id", notice, Instant{t0.unix_seconds + 180})) << "a fourth within the hour";
  EXPECT_TRUE(send("b@contoh.id", notice, Instant{t0.unix_seconds + 180})) << "another recipient";
  EXPECT_TRUE(send("a@contoh.id", Mail{"Atur ulang kata sandi", "isi"}, Instant{t0.unix_seconds + 180}));
  EXPECT_TRUE(send("a@contoh.id", notice, Instant{t0.unix_seconds + 3601})) << "the first has left the hour";
  EXPECT_EQ(store.data.outbox.size(), 6u);
}

TEST(Outbox, MailOfAFailedUnitOfWorkIsNotQueued) {
  testing::MemoryStore store;
  auto r = store.write([&](store::Transaction& tx) -> Result<bool> {
    enqueue_mail(tx, "a@contoh.id", Mail{"Izin terbit", "isi"}, Instant{1});
    return make_error("not_at_step", "no");
  });
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(store.data.outbox.empty());
}

TEST(Numbering, NumbersArePerOfficeKindAndYearAndAreNotLostOnRollback) {
  testing::MemoryStore store;
  const auto take = [&](const std::string& office, NumberKind k, int year, bool commit) {
    long long n = 0;
    (void)store.write([&](store::Transaction& tx) -> Result<bool> {
      n = next_number(tx, office, k, year);
      if (!commit) return make_error("version_conflict", "lost the race");
      return true;
    });
    return n;
  };
  EXPECT_EQ(take("purwakarta", NumberKind::Registration, 2026, true), 1);
  EXPECT_EQ(take("purwakarta", NumberKind::Registration, 2026, false), 2);
  EXPECT_EQ(take("purwakarta", NumberKind::Registration, 2026, true), 2) << "gap-free: the rolled-back 2 is reused";
  EXPECT_EQ(take("purwakarta", NumberKind::Permit, 2026, true), 1);
  EXPECT_EQ(take("kampar", NumberKind::Registration, 2026, true), 1);
  EXPECT_EQ(take("purwakarta", NumberKind::Registration, 2027, true), 1);
}

TEST(Idempotency, AKeyIsClaimedOnceAndItsResponseIsKept) {
  testing::MemoryStore store;
  const IdempotencyClaim claim{42, "kunci-1", "hash-a"};
  const auto claim_once = [&] {
    return store.write([&](store::Transaction& tx) { return claim_idempotency(tx, claim, Instant{1}); });
  };
  EXPECT_TRUE(claim_once().ok());
  auto again = claim_once();
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "idempotency_in_progress");
  EXPECT_TRUE(store.write([&](store::Transaction& tx) { return claim_idempotency(tx, std::nullopt, Instant{1}); }).ok());

  auto stored = store.write([&](store::Transaction& tx) -> Result<bool> {
    tx.idempotency().store_response(42, "kunci-1", {"hash-a", 201, "{\"id\":5}"}, Instant{2});
    return true;
  });
  ASSERT_TRUE(stored.ok());
  const auto& rec = store.data.idempotency.at({42, "kunci-1"});
  EXPECT_EQ(rec.status, 201);
  EXPECT_EQ(rec.request_hash, "hash-a");
  EXPECT_EQ(rec.body, "{\"id\":5}");
}

}  // namespace
}  // namespace sp::service
