#pragma once
// What the operator watches of the storage (does it answer, its backlogs, the writer's load), and
// the changes other servers sharing the database make, which a server's caches must follow.
#include <functional>
#include <memory>
#include <optional>

#include "core/result.hpp"
#include "store/operational_gauges.hpp"

namespace sp::store {

// The single writer's load (the group commit, on both backends).
struct WriterLoad {
  long long batches = 0, writes = 0;  // transactions committed, writes grouped into them
  double busy_seconds = 0;            // inside those transactions
  std::size_t queued = 0;             // writes waiting for the next one
  long long reruns = 0;               // groups run again with a savepoint per write (a write failed)
};

// Delivers changes until destroyed.
class ChangeFeed {
 public:
  virtual ~ChangeFeed() = default;
};

class Monitor {
 public:
  virtual ~Monitor() = default;
  // One trivial query: does the database answer?
  virtual Result<bool> ping() = 0;
  // The gauges /metrics reads at scrape time, in one snapshot.
  virtual Result<OperationalGauges> gauges(Instant now) = 0;
  // nullopt where writes do not queue for one writer (an in-memory store).
  virtual std::optional<WriterLoad> writer_load() = 0;
  // Calls `on_change(application id)` for every application another server changes, from a thread
  // of the feed's own; `on_live(false)` when changes may have been missed, `on_live(true)` once
  // they are followed again. nullptr when no other server can share the database (SQLite: the
  // file belongs to one process), so there is nothing to follow.
  virtual Result<std::unique_ptr<ChangeFeed>> follow_application_changes(std::function<void(long long)> on_change,
                                                                         std::function<void(bool)> on_live) = 0;
};

}  // namespace sp::store
