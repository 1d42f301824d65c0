// Outbox delivery (notify/outbox_worker) on the in-memory store: no database, no SMTP server.
#include <gtest/gtest.h>

#include <vector>

#include "memory_store.hpp"
#include "notify/outbox_worker.hpp"
#include "service/outbox.hpp"

namespace sp::notify {
namespace {

class SettableClock final : public Clock {
 public:
  Instant now() const override { return at; }
  Instant at{1'796'000'000};
};

class ScriptedSender final : public MailSender {
 public:
  Result<bool> send(const std::string& to, const service::Mail&, const std::string& message_id) override {
    sent.push_back(to + " " + message_id);
    if (failing) return make_error("smtp", "452 mailbox full");
    return true;
  }
  std::vector<std::string> sent;
  bool failing = false;
};

class OutboxWorkerTest : public ::testing::Test {
 protected:
  void queue(const std::string& to) {
    ASSERT_TRUE(store.write([&](store::Transaction& tx) -> Result<bool> {
      service::enqueue_mail(tx, to, {"Izin terbit", "isi"}, clock.at);
      return true;
    }).ok());
  }
  testing::MemoryStore store;
  SettableClock clock;
  ScriptedSender sender;
  OutboxWorker worker{store, sender, clock, "uji.localhost"};
};

TEST_F(OutboxWorkerTest, SendsDueMailOnceWithAStableMessageId) {
  queue("a@contoh.id");
  queue("b@contoh.id");
  EXPECT_EQ(worker.run_once(), 2);
  EXPECT_EQ(sender.sent, (std::vector<std::string>{"a@contoh.id <outbox-1@uji.localhost>", "b@contoh.id <outbox-2@uji.localhost>"}));
  EXPECT_EQ(worker.run_once(), 0) << "sent mail is never sent again";
  EXPECT_TRUE(store.data.outbox[0].sent.has_value());
}

TEST_F(OutboxWorkerTest, AFailedSendIsRetriedWithDoublingBackoff) {
  queue("a@contoh.id");
  sender.failing = true;
  EXPECT_EQ(worker.run_once(), 0);
  EXPECT_EQ(store.data.outbox[0].last_error, "452 mailbox full");
  EXPECT_EQ(store.data.outbox[0].next_attempt.unix_seconds, clock.at.unix_seconds + 30);
  EXPECT_EQ(worker.run_once(), 0);
  EXPECT_EQ(sender.sent.size(), 1u) << "not before the backoff";
  clock.at.unix_seconds += 30;
  EXPECT_EQ(worker.run_once(), 0);
  EXPECT_EQ(store.data.outbox[0].next_attempt.unix_seconds, clock.at.unix_seconds + 60) << "30 s, then 60 s";
  sender.failing = false;
  clock.at.unix_seconds += 60;
  EXPECT_EQ(worker.run_once(), 1);
  EXPECT_EQ(store.data.outbox[0].attempts, 3);
  EXPECT_TRUE(store.data.outbox[0].last_error.empty());
}

TEST_F(OutboxWorkerTest, AClaimedMailWaitsForItsLease) {
  queue("a@contoh.id");
  // Another server claimed it and died before sending: its lease of 120 s must end first.
  ASSERT_TRUE(store.write([&](store::Transaction& tx) -> Result<bool> {
    return tx.outbox().claim_due(clock.at, Instant{clock.at.unix_seconds + 120}, 20).size() == 1 ? Result<bool>(true)
                                                                                               : make_error("x", "x");
  }).ok());
  EXPECT_EQ(worker.run_once(), 0);
  clock.at.unix_seconds += 121;
  EXPECT_EQ(worker.run_once(), 1);
}

}  // namespace
}  // namespace sp::notify
