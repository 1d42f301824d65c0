#include "service/session_cache.hpp"

namespace sp::service {

std::optional<Principal> SessionCache::find(const std::string& token_hash, long long now) const {
  std::lock_guard lock(mu_);
  auto it = entries_.find(token_hash);
  if (it == entries_.end() || it->second.valid_until < now) return std::nullopt;
  return it->second.principal;
}

void SessionCache::put(const std::string& token_hash, const Principal& p, long long session_expires, long long now) {
  std::lock_guard lock(mu_);
  if (entries_.size() > 100000) entries_.clear();  // bound memory; the cache refills itself
  entries_[token_hash] = Entry{p, std::min(session_expires, now + ttl_)};
}

void SessionCache::erase(const std::string& token_hash) {
  std::lock_guard lock(mu_);
  entries_.erase(token_hash);
}

void SessionCache::erase_user(UserId user_id) {
  std::lock_guard lock(mu_);
  for (auto it = entries_.begin(); it != entries_.end();)
    it = it->second.principal.user_id == user_id ? entries_.erase(it) : std::next(it);
}

}  // namespace sp::service
