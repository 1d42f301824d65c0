#include "documents/durable_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <string>

namespace sp::documents {

namespace fs = std::filesystem;

bool sync_directory(const fs::path& dir) {
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

Result<bool> write_file_durably(const fs::path& path, std::string_view bytes, unsigned mode) {
  const fs::path dir = path.parent_path();
  std::error_code ec;
  const bool made_dir = !dir.empty() && fs::create_directories(dir, ec);
  if (ec) return make_error("storage", "cannot create " + dir.string() + ": " + ec.message());
  // A name of its own per write: two writers may store the same file at the same moment.
  static std::atomic<unsigned long> counter{0};
  const fs::path tmp = path.string() + ".tmp" + std::to_string(::getpid()) + "." + std::to_string(++counter);
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
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
  if (!synced) {
    fs::remove(tmp, ec);
    return make_error("storage", "cannot flush " + tmp.string());
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(tmp, ignored);
    return make_error("storage", "cannot store " + path.string() + ": " + ec.message());
  }
  // The rename (and a newly made directory) is durable only once the directories holding them are flushed.
  if (!sync_directory(dir) || (made_dir && !sync_directory(dir.parent_path())))
    return make_error("storage", "cannot flush " + (dir.empty() ? std::string(".") : dir.string()));
  return true;
}

}  // namespace sp::documents
