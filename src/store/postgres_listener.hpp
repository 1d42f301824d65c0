#pragma once
// Listens on a PostgreSQL notification channel from a connection of its own, on a thread of its
// own, and hands each notification's payload to a callback. Reconnects when the connection is
// lost; `on_live(false)` then says that notifications may have been missed until the next
// `on_live(true)`, which comes only once LISTEN is in place again.
#include <atomic>
#include <functional>
#include <string>
#include <thread>

namespace sp::store {

class PostgresListener {
 public:
  // `keywords`: libpq connection keywords (postgres_keywords in database.hpp). The callbacks
  // run on the listener's thread.
  PostgresListener(std::string keywords, std::string channel, std::function<void(const char* payload)> on_notify,
                   std::function<void(bool live)> on_live);
  ~PostgresListener();  // stops and joins the thread
  PostgresListener(const PostgresListener&) = delete;
  PostgresListener& operator=(const PostgresListener&) = delete;

 private:
  void run();
  // Waits up to `ms` (-1: no limit) for `fd` to be readable or for stop: 1 readable, 0 time up,
  // -1 stopping.
  int wait_readable(int fd, int ms);
  std::string keywords_, channel_;
  std::function<void(const char*)> on_notify_;
  std::function<void(bool)> on_live_;
  int stop_fd_ = -1;  // eventfd: written once to stop
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace sp::store
