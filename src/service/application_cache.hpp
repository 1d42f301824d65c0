#pragma once
// Applications as last read from the database, for the hottest read (an applicant polling an
// application's status), when the database is a network round trip away (PostgreSQL). Entries
// are dropped when the application changes: by this server right after its COMMIT, and by every
// other server when PostgreSQL's notification of the change arrives (store/postgres_listener.hpp,
// migration 5). While no notifications can arrive (the listening connection is down) nothing is
// cached at all, and whatever was cached is dropped.
//
// A reader that loads a row races with a change committed meanwhile: it takes a ticket before
// reading, and `put` refuses the row if any change to that application (or a drop of everything)
// came after the ticket, so a row read before a COMMIT is never kept after its eviction.
#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace sp::service {

struct ApplicationRecord;

class ApplicationCache {
 public:
  explicit ApplicationCache(std::size_t capacity = 50000) : capacity_(capacity) {}

  struct Ticket {
    std::uint64_t epoch = 0, generation = 0;
  };
  std::shared_ptr<const ApplicationRecord> find(long long id);
  Ticket ticket(long long id);
  void put(long long id, std::shared_ptr<const ApplicationRecord> rec, Ticket t);
  void evict(long long id);
  void evict_all();
  // Caching only while live; both directions drop everything.
  void set_live(bool live);

  std::uint64_t hits() const { return hits_.load(std::memory_order_relaxed); }
  std::uint64_t misses() const { return misses_.load(std::memory_order_relaxed); }

 private:
  // Change counters by application id modulo their count: a change to one application also
  // refuses in-flight reads of the few others that share its slot, which costs a re-read, never
  // a stale answer.
  static constexpr std::size_t kSlots = 1024;
  static std::size_t slot(long long id) { return static_cast<std::size_t>(static_cast<unsigned long long>(id) % kSlots); }
  std::size_t capacity_;
  std::mutex mu_;
  std::unordered_map<long long, std::shared_ptr<const ApplicationRecord>> entries_;
  std::array<std::uint64_t, kSlots> generations_{};
  std::uint64_t epoch_ = 0;  // increases whenever everything is dropped
  bool live_ = false;
  std::atomic<std::uint64_t> hits_{0}, misses_{0};
};

}  // namespace sp::service
