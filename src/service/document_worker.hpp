#pragma once
// Produces planned documents in the background (see generated_documents.hpp): woken by the
// request that planned them, and every few seconds for anything left by a crash or by another
// server. Rendering a PDF costs milliseconds of CPU; doing it here, at the lowest CPU priority
// (nice 19), keeps it out of every request's response time.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "service/app_context.hpp"

namespace sp::service {

class DocumentWorker {
 public:
  explicit DocumentWorker(AppContext& ctx) : ctx_(ctx) {}
  ~DocumentWorker() { stop(); }
  void start();
  void stop();
  void wake();

 private:
  // Write requests within kQuietAfter mean live traffic: wait kYieldPause and look again.
  static constexpr std::chrono::milliseconds kQuietAfter{100}, kYieldPause{100};
  static constexpr std::chrono::seconds kMaxYield{10};
  bool should_yield();  // worker thread only

  AppContext& ctx_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false, woken_ = false;
  bool idle_ = false;  // waiting for work, not pausing for traffic: only then does wake() call
  unsigned long long seen_writes_ = 0;
  std::chrono::steady_clock::time_point last_write_seen_{};
  std::optional<std::chrono::steady_clock::time_point> yielding_since_;
  bool forced_round_ = false;
};

}  // namespace sp::service
