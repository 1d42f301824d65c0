#include "store/sql/prepared.hpp"

#include <vector>

namespace sp::store {

namespace {
std::mutex& erasers_mutex() {
  static std::mutex mu;
  return mu;
}
std::vector<detail::PreparedEraser>& erasers() {
  static std::vector<detail::PreparedEraser> all;
  return all;
}
}  // namespace

void detail::register_prepared_eraser(PreparedEraser erase) {
  std::lock_guard lock(erasers_mutex());
  erasers().push_back(erase);
}

void forget_prepared(soci::session& s) {
  std::vector<detail::PreparedEraser> all;
  {
    std::lock_guard lock(erasers_mutex());
    all = erasers();
  }
  for (auto erase : all) erase(&s);
}

}  // namespace sp::store
