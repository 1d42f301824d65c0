#pragma once
// Writing a whole file so that a crash or a power cut leaves either the old state or the complete
// new file under its name, never a partial one: the bytes go to a temporary name in the same
// directory, are flushed, renamed over the final name, and the directory is flushed.
#include <filesystem>
#include <string_view>

#include "core/result.hpp"

namespace sp::documents {

// Creates missing parent directories (flushing the directory that gained one). `mode` applies
// to a new file (0600 for private keys). Fails with a "storage" error naming the path.
Result<bool> write_file_durably(const std::filesystem::path& path, std::string_view bytes, unsigned mode = 0640);

// Flushes a directory, so that the names created or renamed in it survive a power cut.
bool sync_directory(const std::filesystem::path& dir);

}  // namespace sp::documents
