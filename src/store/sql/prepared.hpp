#pragma once
// Prepared statements kept per pooled connection. `T` holds a soci::statement together with the
// variables it is bound to, built once from a session: `prepared<T>(session)` returns that
// connection's instance, preparing it on first use. Hot queries then skip SQL parsing and
// planning. The session is leased to one thread at a time, so the returned object needs no lock.
//
// A SELECT must be stepped to its end after use (see `finish`), so that on SQLite it does not
// keep the connection's read snapshot open.
#include <soci/soci.h>

#include <map>
#include <memory>
#include <mutex>

namespace sp::store {

namespace detail {
// One eraser per statement type, so a session's statements can be dropped before it reconnects.
using PreparedEraser = void (*)(const void* session);
void register_prepared_eraser(PreparedEraser erase);
}  // namespace detail

template <class T>
T& prepared(soci::session& s) {
  static std::mutex mu;
  // Keyed by the session and its backend, so a reopened session never finds a stale statement.
  static std::map<std::pair<const void*, const void*>, std::unique_ptr<T>> cache;
  static const bool registered = [] {
    detail::register_prepared_eraser([](const void* session) {
      std::lock_guard lock(mu);
      std::erase_if(cache, [&](const auto& entry) { return entry.first.first == session; });
    });
    return true;
  }();
  (void)registered;
  std::lock_guard lock(mu);
  auto& slot = cache[{&s, s.get_backend()}];
  if (!slot) slot = std::make_unique<T>(s);
  return *slot;
}

// Destroys every statement prepared on `s`. Call it before `s.reconnect()`: a statement must go
// while the connection it was prepared on still exists.
void forget_prepared(soci::session& s);

// Steps a statement past its last row.
inline void finish(soci::statement& st) {
  while (st.fetch()) {
  }
}

}  // namespace sp::store
