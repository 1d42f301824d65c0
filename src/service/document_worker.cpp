#include "service/document_worker.hpp"

#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <unistd.h>

#include "service/generated_documents.hpp"

namespace sp::service {

void DocumentWorker::start() {
  thread_ = std::thread([this] {
    // Rendering is batch work: under load, requests come first and documents catch up after.
    ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 10);
    std::unique_lock<std::mutex> lock(mu_);
    while (!stop_) {
      woken_ = false;
      lock.unlock();
      if (auto n = produce_pending_documents(ctx_, std::nullopt); !n)
        spdlog::error("documents: {}", n.error().message);
      lock.lock();
      cv_.wait_for(lock, std::chrono::seconds(5), [this] { return stop_ || woken_; });
    }
  });
}

void DocumentWorker::wake() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    woken_ = true;
  }
  cv_.notify_one();
}

void DocumentWorker::stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_one();
  if (thread_.joinable()) thread_.join();
}

}  // namespace sp::service
