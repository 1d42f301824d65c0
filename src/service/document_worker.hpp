#pragma once
// Produces planned documents in the background (see generated_documents.hpp): woken by the
// request that planned them, and every few seconds for anything left by a crash or by another
// server. Rendering a PDF costs milliseconds of CPU; doing it here, at idle CPU priority, keeps
// it out of every request's response time.
#include <condition_variable>
#include <mutex>
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
  AppContext& ctx_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false, woken_ = false;
};

}  // namespace sp::service
