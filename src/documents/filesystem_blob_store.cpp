#include <filesystem>
#include <fstream>
#include <sstream>

#include "documents/blob_store.hpp"
#include "documents/durable_file.hpp"

namespace sp::documents {

namespace {

namespace fs = std::filesystem;

bool is_hex_digest(const std::string& s) {
  return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

class FilesystemBlobStore final : public BlobStore {
 public:
  explicit FilesystemBlobStore(std::string root) : root_(std::move(root)) {}

  Result<bool> put(const std::string& sha, const std::string& bytes) override {
    if (!is_hex_digest(sha)) return make_error("internal", "blob key must be a SHA-256 hex digest");
    const fs::path final_path = path_of(sha);
    std::error_code ec;
    // Already stored; flushing its directory covers a concurrent put of the same bytes that has
    // renamed its file but not yet flushed the rename.
    if (fs::exists(final_path, ec)) {
      if (!sync_directory(final_path.parent_path())) return make_error("storage", "cannot flush " + final_path.parent_path().string());
      return true;
    }
    // Flushed under its final name before this returns: the transaction that names the blob
    // commits afterwards, so a committed row never names bytes a power cut lost.
    auto written = write_file_durably(final_path, bytes);
    // Another writer of the same bytes may have won the rename; its file is as good as ours.
    if (!written && fs::exists(final_path, ec)) return true;
    return written;
  }

  Result<std::string> get(const std::string& sha) const override {
    if (!is_hex_digest(sha)) return make_error("not_found", "no such blob");
    std::ifstream in(path_of(sha), std::ios::binary);
    if (!in) return make_error("not_found", "the stored file is missing");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }

 private:
  fs::path path_of(const std::string& sha) const { return fs::path(root_) / sha.substr(0, 2) / sha; }
  std::string root_;
};

}  // namespace

std::unique_ptr<BlobStore> filesystem_blob_store(const std::string& root) {
  return std::make_unique<FilesystemBlobStore>(root);
}

}  // namespace sp::documents
