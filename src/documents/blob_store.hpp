#pragma once
// Where document bytes live: content-addressed by SHA-256, outside any served folder, behind a
// small interface so an object store can replace the filesystem.
#include <memory>
#include <string>

#include "core/result.hpp"

namespace sp::documents {

class BlobStore {
 public:
  virtual ~BlobStore() = default;
  // Stores `bytes` under their SHA-256 (hex, computed by the caller); storing twice is a no-op.
  virtual Result<bool> put(const std::string& sha256, const std::string& bytes) = 0;
  virtual Result<std::string> get(const std::string& sha256) const = 0;
};

// Files under `root/ab/abcdef...`; written to a temporary name, flushed, then renamed, so a
// crash never leaves a partial blob under its final name.
std::unique_ptr<BlobStore> filesystem_blob_store(const std::string& root);

}  // namespace sp::documents
