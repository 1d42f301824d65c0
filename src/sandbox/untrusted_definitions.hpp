#pragma once
// Where the server reads SOP definitions it did not load from its own files: an office admin's
// draft posted from the web app. yaml-cpp parses them recursively; a draft that crashes it,
// overflows its stack or keeps it busy must end one worker, never the server. So a draft is
// parsed in a worker first (worker_pool.hpp), and only a draft that came through there whole is
// parsed again in the server, where the same bytes take the same path.
#include <memory>
#include <string>
#include <string_view>

#include "catalog/source_location.hpp"
#include "core/result.hpp"
#include "sandbox/worker_main.hpp"

namespace sp::sandbox {

class WorkerPool;

class UntrustedDefinitions {
 public:
  virtual ~UntrustedDefinitions() = default;
  // Reads `text` as one definition named `file` (catalog_loader.hpp's load_definition_text, which
  // validates an SOP on its own): the problems found, empty when none. Errors: invalid_file (the
  // draft crashed or outlasted its worker), busy (every worker busy).
  virtual Result<Diagnostics> check(std::string_view text, const std::string& file) = 0;
};

std::unique_ptr<UntrustedDefinitions> in_process_definitions();
// Uses `pool`, which must outlive the returned object.
std::unique_ptr<UntrustedDefinitions> isolated_definitions(WorkerPool& pool);

// The jobs a worker serves for isolated_definitions.
JobTable definition_jobs();

}  // namespace sp::sandbox
