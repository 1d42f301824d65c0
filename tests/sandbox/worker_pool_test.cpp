// The sandbox's worker pool against a real worker process (test_worker.cpp): answers come back,
// and a crash, a stack overflow, a runaway job or a memory hog ends one worker, never the caller,
// with the next job served by a fresh worker.
#include "sandbox/worker_pool.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace sp::sandbox {
namespace {

WorkerLimits fast_limits() {
  WorkerLimits l;
  l.workers = 2;
  l.job_timeout = std::chrono::milliseconds(1500);
  l.queue_timeout = std::chrono::milliseconds(300);
  l.address_space_bytes = std::size_t{512} << 20;
  return l;
}

WorkerPool make_pool(WorkerLimits limits = fast_limits()) { return WorkerPool({SANDBOX_TEST_WORKER}, limits); }

void expect_serves(WorkerPool& pool) {
  auto r = pool.run("echo", "{\"n\":1}", std::string(100'000, 'x'));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r, "{\"params\":{\"n\":1},\"size\":100000}");
}

TEST(WorkerPool, AnswersJobsAndReusesItsWorkers) {
  auto pool = make_pool();
  for (int i = 0; i < 20; ++i) expect_serves(pool);
  EXPECT_LE(pool.counters().started.load(), 2u);
}

TEST(WorkerPool, ACrashEndsOneWorkerAndTheNextJobIsServed) {
  auto pool = make_pool();
  for (const char* job : {"segfault", "stack"}) {
    auto r = pool.run(job, "{}", "");
    ASSERT_FALSE(r) << job;
    EXPECT_EQ(r.error().code, "worker_failed") << job;
    expect_serves(pool);
  }
  EXPECT_EQ(pool.counters().crashed.load(), 2u);
}

TEST(WorkerPool, ARunawayJobIsKilledAtItsTimeLimit) {
  auto pool = make_pool();
  const auto start = std::chrono::steady_clock::now();
  auto r = pool.run("spin", "{}", "");
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "worker_failed");
  EXPECT_GE(took, std::chrono::milliseconds(1400));
  EXPECT_LT(took, std::chrono::milliseconds(3000));
  EXPECT_EQ(pool.counters().timed_out.load(), 1u);
  expect_serves(pool);
}

TEST(WorkerPool, MemoryIsBoundedByTheAddressSpaceLimit) {
  auto pool = make_pool();
  auto r = pool.run("alloc", "{}", "");
  // Either the allocation fails inside the worker or the worker dies; it never gets 4 GiB.
  if (r) EXPECT_EQ(*r, "\"refused\"");
  else EXPECT_EQ(r.error().code, "worker_failed");
  expect_serves(pool);
}

TEST(WorkerPool, ARetiringWorkerIsNotTakenForACrash) {
  auto pool = make_pool();
  auto r = pool.run("retire", "{}", "");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r, "\"bye\"");
  expect_serves(pool);
  EXPECT_EQ(pool.counters().crashed.load(), 0u);
}

// A worker killed while idle (from outside, or by its CPU limit) is replaced before the next job,
// which must not fail for it.
TEST(WorkerPool, AWorkerThatDiedWhileIdleIsReplacedQuietly) {
  WorkerLimits one = fast_limits();
  one.workers = 1;
  auto pool = make_pool(one);
  auto r = pool.run("die_when_idle", "{}", "");
  ASSERT_TRUE(r) << r.error().message;
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  expect_serves(pool);
  EXPECT_EQ(pool.counters().crashed.load(), 0u);
  EXPECT_EQ(pool.counters().started.load(), 2u);
}

// Every worker stuck: a further job waits queue_timeout, then is told the checkers are busy.
TEST(WorkerPool, WhenEveryWorkerIsBusyAJobIsRefusedInBoundedTime) {
  auto pool = make_pool();
  std::thread a([&] { (void)pool.run("spin", "{}", ""); });
  std::thread b([&] { (void)pool.run("spin", "{}", ""); });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  auto r = pool.run("echo", "{}", "");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "busy");
  a.join();
  b.join();
  expect_serves(pool);
}

TEST(WorkerPool, AWorkerThatCannotStartIsAnError) {
  WorkerPool pool({"/nonexistent/worker"}, fast_limits());
  auto r = pool.run("echo", "{}", "");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "worker_failed");
}

}  // namespace
}  // namespace sp::sandbox
