// Lookups that every request or action makes must use an index: a full scan passes every test
// on a small database and grows slower with each application the office ever had.
#include <gtest/gtest.h>

#include <filesystem>
#include <initializer_list>
#include <string>
#include <utility>
#include <unistd.h>

#include "store/sql/database_runs.hpp"
#include "store/migrations.hpp"

namespace sp::store {
namespace {

TEST(QueryPlan, PerApplicationLookupsUseAnIndex) {
  const auto dir = std::filesystem::temp_directory_path() / ("satupintu-plan-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  {
    auto db = Database::open("sqlite:" + (dir / "t.db").string(), 1);
    ASSERT_TRUE(db.ok()) << db.error().message;
    ASSERT_TRUE(migrate(**db).ok());
    // An account's notices are read by every worklist refresh.
    for (const auto& table_key : std::initializer_list<std::pair<std::string, std::string>>{
             {"documents", "application_id"}, {"schedules", "application_id"}, {"return_reasons", "application_id"},
             {"events", "application_id"}, {"generated_documents", "application_id"}, {"escalations", "application_id"},
             {"notifications", "account_id"}}) {
      const std::string& table = table_key.first;
      const std::string& key = table_key.second;
      auto plan = (*db)->read([&](soci::session& s) -> Result<std::string> {
        std::string all;
        soci::rowset<soci::row> rs =
            (s.prepare << "EXPLAIN QUERY PLAN SELECT COUNT(*) FROM " + table + " WHERE " + key + " = 7");
        for (const auto& r : rs) all += r.get<std::string>(3) + "\n";
        return all;
      });
      ASSERT_TRUE(plan.ok()) << plan.error().message;
      EXPECT_NE(plan->find("USING"), std::string::npos) << table << ":\n" << *plan;
      EXPECT_EQ(plan->find("SCAN " + table + "\n"), std::string::npos) << table << ":\n" << *plan;
    }
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace sp::store
