#include <gtest/gtest.h>

#include <filesystem>
#include <thread>
#include <vector>

#include "auth/secrets.hpp"
#include "documents/blob_store.hpp"

namespace sp {
namespace {

struct TempDir {
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("satupintu-blobs-" + std::to_string(::getpid()) + "-" + auth::random_token().substr(0, 8));
  ~TempDir() { std::filesystem::remove_all(path); }
};

TEST(FilesystemBlobStore, StoresByContentAndReadsBack) {
  ASSERT_TRUE(auth::init_crypto());
  TempDir dir;
  auto store = documents::filesystem_blob_store(dir.path.string());
  const std::string bytes = "%PDF-1.4 isi dokumen";
  const std::string key = auth::sha256_hex(bytes);
  ASSERT_TRUE(store->put(key, bytes));
  ASSERT_TRUE(store->put(key, bytes));  // twice is fine
  EXPECT_EQ(*store->get(key), bytes);
  EXPECT_TRUE(std::filesystem::exists(dir.path / key.substr(0, 2) / key));
  EXPECT_FALSE(store->get(auth::sha256_hex("other")));
  EXPECT_FALSE(store->put("../../etc/passwd", bytes));
  EXPECT_FALSE(store->get("../../etc/passwd"));
}

TEST(FilesystemBlobStore, ConcurrentWritersOfTheSameBytesAllSucceed) {
  ASSERT_TRUE(auth::init_crypto());
  TempDir dir;
  auto store = documents::filesystem_blob_store(dir.path.string());
  const std::string bytes(200000, 'x');
  const std::string key = auth::sha256_hex(bytes);
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&] {
      for (int j = 0; j < 20; ++j)
        if (!store->put(key, bytes)) ++failures;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(*store->get(key), bytes);
  int leftovers = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir.path))
    if (e.path().string().find(".tmp") != std::string::npos) ++leftovers;
  EXPECT_EQ(leftovers, 0);
}

}  // namespace
}  // namespace sp
