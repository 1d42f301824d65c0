#pragma once
// A short-lived, per-process cache of signed-in principals by token hash, so a busy read path
// does not query sessions and roles on every request. Entries live `ttl_seconds` (default 5):
// a session ended on another app server stays usable here for at most that long; one ended on
// this server is dropped at once.
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "service/principal.hpp"

namespace sp::service {

class SessionCache {
 public:
  explicit SessionCache(long long ttl_seconds = 5) : ttl_(ttl_seconds) {}
  std::optional<Principal> find(const std::string& token_hash, long long now) const;
  void put(const std::string& token_hash, const Principal& p, long long session_expires, long long now);
  void erase(const std::string& token_hash);
  void erase_user(UserId user_id);

 private:
  struct Entry {
    Principal principal;
    long long valid_until;
  };
  long long ttl_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace sp::service
