// Publishing SOP versions (service/sop_publishing) on the in-memory store: no database.
#include <gtest/gtest.h>

#include "auth/secrets.hpp"
#include "memory_store.hpp"
#include "catalog/catalog_loader.hpp"
#include "service/sop_publishing.hpp"

namespace sp::service {
namespace {

const std::string kSop = SATUPINTU_SOURCE_DIR "/sop";
const std::string kHolidays = SATUPINTU_SOURCE_DIR "/calendar/id-holidays.yaml";

LoadedCatalog seeds() {
  auto c = load_catalog({kHolidays, kSop});
  EXPECT_TRUE(c.problems.empty());
  return c;
}

TEST(SopPublishing, PublishesEachVersionOnceAndRefusesAChangedDefinition) {
  ASSERT_TRUE(auth::init_crypto());
  testing::MemoryStore store;
  auto first = seeds();
  auto n = publish_sop_versions(store, first.catalog, Instant{1});
  ASSERT_TRUE(n.ok()) << n.error().message;
  EXPECT_EQ(*n, 0) << "nothing to restore";
  const std::size_t published = store.data.sop_versions.size();
  EXPECT_EQ(published, first.catalog.sops().size());

  auto again = seeds();
  ASSERT_TRUE(publish_sop_versions(store, again.catalog, Instant{2}).ok());
  EXPECT_EQ(store.data.sop_versions.size(), published) << "a second start publishes nothing new";

  // The same version number with other content: refused, naming the file.
  auto& stored = store.data.sop_versions.begin()->second;
  stored.sha256 = auth::sha256_hex("an older text");
  auto changed = seeds();
  auto refused = publish_sop_versions(store, changed.catalog, Instant{3});
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("publish the change under a new version number"), std::string::npos)
      << refused.error().message;
  EXPECT_NE(refused.error().message.find(".yaml:"), std::string::npos) << refused.error().message;
}

TEST(SopPublishing, BringsBackAVersionWhoseFileWasRemoved) {
  ASSERT_TRUE(auth::init_crypto());
  testing::MemoryStore store;
  auto first = seeds();
  ASSERT_TRUE(publish_sop_versions(store, first.catalog, Instant{1}).ok());
  // Version 1 of one SOP is published; a deployment whose files only have other SOPs still runs it.
  auto kept = store.data.sop_versions.begin()->second;
  store.data.sop_versions.clear();
  store.data.sop_versions.emplace(std::pair{kept.code, kept.version}, kept);
  Catalog empty;
  auto restored = publish_sop_versions(store, empty, Instant{2});
  ASSERT_TRUE(restored.ok()) << restored.error().message;
  EXPECT_EQ(*restored, 1);
  ASSERT_NE(empty.sop(kept.code, kept.version), nullptr);
}

}  // namespace
}  // namespace sp::service
