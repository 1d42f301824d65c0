#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "documents/blob_store.hpp"

namespace sp::documents {

namespace {

namespace fs = std::filesystem;

bool is_hex_digest(const std::string& s) {
  return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

bool sync_directory(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

Error flush_error(const fs::path& file) {
  return make_error("storage", "cannot flush " + file.parent_path().string());
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
    if (fs::exists(final_path, ec)) return sync_directory(final_path.parent_path()) ? Result<bool>(true) : flush_error(final_path);
    const bool made_dir = fs::create_directories(final_path.parent_path(), ec);
    if (ec) return make_error("storage", "cannot create " + final_path.parent_path().string() + ": " + ec.message());
    // A name of its own per write: two requests may store the same bytes at the same moment.
    static std::atomic<unsigned long> counter{0};
    const fs::path tmp = final_path.string() + ".tmp" + std::to_string(::getpid()) + "." + std::to_string(++counter);
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
    if (fd < 0) return make_error("storage", "cannot write " + tmp.string());
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
      if (n <= 0) {
        ::close(fd);
        fs::remove(tmp, ec);
        return make_error("storage", "cannot write " + tmp.string());
      }
      done += static_cast<std::size_t>(n);
    }
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (!synced) return make_error("storage", "cannot flush " + tmp.string());
    fs::rename(tmp, final_path, ec);
    if (ec) {
      std::error_code ignored;
      fs::remove(tmp, ignored);
      if (!fs::exists(final_path, ignored))
        return make_error("storage", "cannot store " + final_path.string() + ": " + ec.message());
    }
    // The rename (and a newly made fan-out directory) is durable only once the directories that
    // hold them are flushed; the transaction that names the blob commits after this returns.
    if (!sync_directory(final_path.parent_path()) || (made_dir && !sync_directory(final_path.parent_path().parent_path())))
      return flush_error(final_path);
    return true;
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
