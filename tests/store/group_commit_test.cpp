// SQLite group commit: writes queued behind a running batch commit together, and each keeps
// its own outcome: an error or an exception rolls back that write alone.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <stdexcept>
#include <thread>
#include <unistd.h>

#include "store/sql/database_runs.hpp"

namespace sp::store {
namespace {

class GroupCommitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("satupintu-gc-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    auto db = Database::open("sqlite:" + (dir_ / "t.db").string(), 2);
    ASSERT_TRUE(db.ok()) << db.error().message;
    db_ = std::move(*db);
    auto made = db_->write([](soci::session& s) -> Result<bool> {
      s << "CREATE TABLE t (name TEXT PRIMARY KEY)";
      return true;
    });
    ASSERT_TRUE(made.ok());
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
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

TEST_F(GroupCommitTest, QueuedWritesCommitTogetherAndFailIndividually) {
  std::atomic<bool> running{false}, release{false};
  const auto before = db_->write_stats();
  // The first write holds its batch open until four more writes are queued behind it.
  std::thread first([&] {
    auto r = db_->write([&](soci::session& s) -> Result<bool> {
      s << "INSERT INTO t (name) VALUES ('a')";
      running = true;
      while (!release) std::this_thread::yield();
      return true;
    });
    EXPECT_TRUE(r.ok());
  });
  while (!running) std::this_thread::yield();
  std::vector<std::thread> followers;
  Result<bool> ok_b = true, refused = true, thrown = true, duplicate = true, ok_e = true;
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
  while (db_->queued_writes() < 4) std::this_thread::yield();
  release = true;
  first.join();
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
}

TEST_F(GroupCommitTest, AWriteInsideAWriteFailsInsteadOfWaitingForever) {
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

TEST_F(GroupCommitTest, ManyConcurrentWritersLoseNothing) {
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

}  // namespace
}  // namespace sp::store
