#include <sys/stat.h>

#include <map>
#include <mutex>
#include <optional>

#include "signing/local_pki.hpp"
#include "signing/signer_provider.hpp"

namespace sp::signing {

namespace {

// What identifies a version of a key file pair: reading a key again only when one changed.
struct FileStamp {
  long long key_mtime_ns = 0, cert_mtime_ns = 0, key_size = 0, cert_size = 0;
  bool operator==(const FileStamp&) const = default;
};

std::optional<FileStamp> stamp_of(const std::string& base) {
  struct stat k {
  }, c{};
  if (::stat((base + ".key").c_str(), &k) != 0 || ::stat((base + ".crt").c_str(), &c) != 0) return std::nullopt;
  return FileStamp{k.st_mtim.tv_sec * 1'000'000'000LL + k.st_mtim.tv_nsec,
                   c.st_mtim.tv_sec * 1'000'000'000LL + c.st_mtim.tv_nsec, k.st_size, c.st_size};
}

class LocalSignerProvider final : public SignerProvider {
 public:
  explicit LocalSignerProvider(std::string dir) : dir_(std::move(dir)) {}

  bool can_sign(const std::string& office, const std::string& name) override {
    return has_local_signer(dir_, office, name);
  }

  Result<std::shared_ptr<const Signer>> signer(const std::string& office, const std::string& name) override {
    const auto stamp = stamp_of(dir_ + "/" + office + "/" + name);
    std::lock_guard lock(mu_);
    auto& slot = cache_[{office, name}];
    if (stamp && slot.signer && slot.stamp == *stamp) return slot.signer;
    auto loaded = load_local_signer(dir_, office, name);  // "no_signer" when the files are missing
    if (!loaded) return loaded.error();
    slot.signer = std::shared_ptr<const Signer>(std::move(*loaded));
    slot.stamp = stamp.value_or(FileStamp{});
    return slot.signer;
  }

 private:
  struct Entry {
    FileStamp stamp;
    std::shared_ptr<const Signer> signer;
  };
  std::string dir_;
  std::mutex mu_;
  std::map<std::pair<std::string, std::string>, Entry> cache_;
};

}  // namespace

std::unique_ptr<SignerProvider> local_signer_provider(const std::string& pki_dir) {
  return std::make_unique<LocalSignerProvider>(pki_dir);
}

}  // namespace sp::signing
