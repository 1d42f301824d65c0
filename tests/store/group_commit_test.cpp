// Group commit, on SQLite and (when SATUPINTU_TEST_POSTGRES_URL names a database, as the CTest
// group_commit_postgresql gives it) on PostgreSQL: writes queued behind a running batch commit
// together, and each keeps its own outcome: an error or an exception rolls back that write alone.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

#include "store/sql/database_runs.hpp"

namespace sp::store {
namespace {

class GroupCommitTest : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    std::string url;
    if (postgres()) {
      const char* pg = std::getenv("SATUPINTU_TEST_POSTGRES_URL");
      if (!pg) GTEST_SKIP() << "no PostgreSQL (CTest's group_commit_postgresql starts one)";
      url = pg;
    } else {
      dir_ = std::filesystem::temp_directory_path() / ("satupintu-gc-" + std::to_string(::getpid()));
      std::filesystem::remove_all(dir_);
      url = "sqlite:" + (dir_ / "t.db").string();
    }
    auto db = Database::open(url, 2);
    ASSERT_TRUE(db.ok()) << db.error().message;
    db_ = std::move(*db);
    auto made = db_->write([](soci::session& s) -> Result<bool> {
      s << "DROP TABLE IF EXISTS t";
      s << "CREATE TABLE t (name TEXT PRIMARY KEY)";
      return true;
    });
    ASSERT_TRUE(made.ok());
  }
  void TearDown() override {
    db_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  static bool postgres() { return std::string(GetParam()) == "postgresql"; }
  // Holds a batch open (its one write waits) until `queued` more writes wait behind it.
  // The held write inserts `held`.
  void behind_a_held_batch(std::size_t queued, const std::function<void()>& queue_them, const std::string& held = "a") {
    std::atomic<bool> running{false}, release{false};
    std::thread first([&] {
      auto r = db_->write([&](soci::session& s) -> Result<bool> {
        s << "INSERT INTO t (name) VALUES (:n)", soci::use(held);
        running = true;
        while (!release) std::this_thread::yield();
        return true;
      });
      EXPECT_TRUE(r.ok());
    });
    while (!running) std::this_thread::yield();
    queue_them();
    while (db_->queued_writes() < queued) std::this_thread::yield();
    release = true;
    first.join();
  }
  Result<bool> insert(const std::string& name) {
    return db_->write([&](soci::session& s) -> Result<bool> {
      s << "INSERT INTO t (name) VALUES (:n)", soci::use(name);
      return true;
    });
  }
  std::vector<std::string> names() {
    auto r = db_->read([](soci::session& s) -> Result<std::vector<std::string>> {
      std::vector<std::string> out;
      soci::rowset<std::string> rs = (s.prepare << "SELECT name FROM t ORDER BY name");
      for (const auto& n : rs) out.push_back(n);
      return out;
    });
    return r.ok() ? *r : std::vector<std::string>{"<read failed>"};
  }

  std::filesystem::path dir_;
  std::unique_ptr<Database> db_;
};

TEST_P(GroupCommitTest, QueuedWritesCommitTogetherAndFailIndividually) {
  const auto before = db_->write_stats();
  // The first write holds its batch open until four more writes are queued behind it.
  std::vector<std::thread> followers;
  Result<bool> ok_b = true, refused = true, thrown = true, duplicate = true, ok_e = true;
  behind_a_held_batch(4, [&] {
    followers.emplace_back([&] { ok_b = insert("b"); });
    followers.emplace_back([&] {
      refused = db_->write([](soci::session& s) -> Result<bool> {
        s << "INSERT INTO t (name) VALUES ('refused')";
        return make_error("invalid_field", "refused after writing");
      });
    });
    followers.emplace_back([&] {
      thrown = db_->write([](soci::session& s) -> Result<bool> {
        s << "INSERT INTO t (name) VALUES ('thrown')";
        throw std::runtime_error("boom");
      });
    });
    followers.emplace_back([&] { duplicate = insert("a"); });  // violates the primary key
  });
  for (auto& t : followers) t.join();
  ok_e = insert("e");

  EXPECT_TRUE(ok_b.ok());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "invalid_field");
  ASSERT_FALSE(thrown.ok());
  EXPECT_EQ(thrown.error().code, "database");
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().code, "database");
  EXPECT_TRUE(ok_e.ok());
  EXPECT_EQ(names(), (std::vector<std::string>{"a", "b", "e"}));
  const auto after = db_->write_stats();
  // The first write's batch, one batch for the four queued writes, and the last insert.
  EXPECT_EQ(after.writes - before.writes, 6);
  EXPECT_EQ(after.batches - before.batches, 3);
  // PostgreSQL first runs a group without savepoints; the failures sent this one round again.
  EXPECT_EQ(after.reruns - before.reruns, postgres() ? 1 : 0);
}

// A group whose writes all succeed commits from its first run (PostgreSQL: no savepoints, no
// second run), and one that missed sends the next groups straight to savepoints for a while.
TEST_P(GroupCommitTest, GroupsThatSucceedRunOnceAndAMissMakesTheNextGroupsCareful) {
  const auto first = db_->write_stats();
  std::vector<std::thread> followers;
  std::atomic<int> runs{0};
  behind_a_held_batch(3, [&] {
    for (const char* name : {"b", "c", "d"})
      followers.emplace_back([&, name] {
        EXPECT_TRUE(db_->write([&](soci::session& s) -> Result<bool> {
          ++runs;
          s << "INSERT INTO t (name) VALUES (:n)", soci::use(std::string(name));
          return true;
        }).ok());
      });
  });
  for (auto& t : followers) t.join();
  EXPECT_EQ(runs, 3);
  EXPECT_EQ(db_->write_stats().reruns, first.reruns);

  // A group with a refused write runs twice; the group after it runs once, with savepoints,
  // though its own write is refused too.
  for (int round = 0; round < 2; ++round) {
    followers.clear();
    behind_a_held_batch(2, [&] {
      followers.emplace_back([&, round] { EXPECT_TRUE(insert("ok" + std::to_string(round)).ok()); });
      followers.emplace_back([&] {
        EXPECT_FALSE(db_->write([](soci::session&) -> Result<bool> { return make_error("invalid_field", "no"); }).ok());
      });
    }, "held" + std::to_string(round));
    for (auto& t : followers) t.join();
  }
  EXPECT_EQ(db_->write_stats().reruns - first.reruns, postgres() ? 1 : 0);
  EXPECT_EQ(names(), (std::vector<std::string>{"a", "b", "c", "d", "held0", "held1", "ok0", "ok1"}));
}

TEST_P(GroupCommitTest, AWriteInsideAWriteFailsInsteadOfWaitingForever) {
  // The inner write would wait for the batch that is running it.
  auto r = db_->write([&](soci::session& s) -> Result<bool> {
    s << "INSERT INTO t (name) VALUES ('outer')";
    return insert("inner");
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "database");
  EXPECT_TRUE(insert("after").ok());
  EXPECT_EQ(names(), (std::vector<std::string>{"after"}));
}

TEST_P(GroupCommitTest, ManyConcurrentWritersLoseNothing) {
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        // Every third write refuses itself; it must leave nothing behind.
        const std::string name = std::to_string(t) + "-" + std::to_string(i);
        auto r = db_->write([&](soci::session& s) -> Result<bool> {
          s << "INSERT INTO t (name) VALUES (:n)", soci::use(name);
          if (i % 3 == 0) return make_error("invalid_field", "refused");
          return true;
        });
        if (r.ok() == (i % 3 == 0)) ++failures;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  const auto all = names();
  EXPECT_EQ(all.size(), 8u * 33u);
  for (const auto& n : all) EXPECT_NE(std::stoi(n.substr(n.find('-') + 1)) % 3, 0) << n;
}

// A write can fail inside a group for the group's sake alone (on PostgreSQL, two servers'
// groups can deadlock on locks their writes take in different orders): there it runs once more
// in a transaction of its own. SQLite has one writer, so its failures are the write's own.
TEST_P(GroupCommitTest, AWriteThatThrewInsideAGroupRunsAgainAloneOnPostgres) {
  std::vector<std::thread> followers;
  std::atomic<int> attempts{0};
  Result<bool> flaky = true, ok_b = true;
  behind_a_held_batch(2, [&] {
    followers.emplace_back([&] { ok_b = insert("b"); });
    followers.emplace_back([&] {
      flaky = db_->write([&](soci::session& s) -> Result<bool> {
        s << "INSERT INTO t (name) VALUES ('flaky')";
        // On PostgreSQL it fails both runs of its group (without savepoints, then with them).
        if (attempts++ < (postgres() ? 2 : 1)) throw std::runtime_error("deadlock detected");
        return true;
      });
    });
  });
  for (auto& t : followers) t.join();
  EXPECT_TRUE(ok_b.ok());
  if (postgres()) {
    EXPECT_TRUE(flaky.ok());
    EXPECT_EQ(attempts, 3);
    EXPECT_EQ(names(), (std::vector<std::string>{"a", "b", "flaky"}));
  } else {
    ASSERT_FALSE(flaky.ok());
    EXPECT_EQ(flaky.error().code, "database");
    EXPECT_EQ(attempts, 1);
    EXPECT_EQ(names(), (std::vector<std::string>{"a", "b"}));
  }
}

// PostgreSQL slows every connection once a transaction has more than 64 subtransactions, so a
// group there takes at most 48 writes; SQLite's take the whole queue.
TEST_P(GroupCommitTest, PostgresGroupsStayUnderTheSubtransactionCache) {
  const auto before = db_->write_stats();
  std::vector<std::thread> followers;
  std::atomic<int> failed{0};
  behind_a_held_batch(60, [&] {
    for (int i = 0; i < 60; ++i)
      followers.emplace_back([&, i] {
        if (!insert("w" + std::to_string(i)).ok()) ++failed;
      });
  });
  for (auto& t : followers) t.join();
  EXPECT_EQ(failed, 0);
  EXPECT_EQ(names().size(), 61u);
  const auto after = db_->write_stats();
  EXPECT_EQ(after.writes - before.writes, 61);
  EXPECT_EQ(after.batches - before.batches, postgres() ? 3 : 2);  // the held one, then 48 + 12 or 60
}

// The database server going away and coming back (a restart, a failover): writes while it is
// down fail with an error and nothing crashes, and once it is back the next write reconnects.
TEST_P(GroupCommitTest, WritesFailWhileThePostgresServerIsDownAndResumeAfter) {
  const char* stop = std::getenv("SATUPINTU_TEST_POSTGRES_STOP");
  const char* start = std::getenv("SATUPINTU_TEST_POSTGRES_START");
  if (!postgres() || !stop || !start) GTEST_SKIP() << "needs a PostgreSQL cluster it may stop and start";
  ASSERT_TRUE(insert("before").ok());
  ASSERT_EQ(std::system(stop), 0);
  // The first write finds its connection lost and cannot connect again; the next ones start
  // from a session with no connection at all (where the writer once crashed).
  for (int i = 0; i < 3; ++i) {
    auto r = insert("down" + std::to_string(i));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "database");
  }
  ASSERT_EQ(std::system(start), 0);
  EXPECT_TRUE(insert("after").ok());
  EXPECT_EQ(names(), (std::vector<std::string>{"after", "before"}));
}

INSTANTIATE_TEST_SUITE_P(Backends, GroupCommitTest, ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<const char*>& backend) { return std::string(backend.param); });

}  // namespace
}  // namespace sp::store
