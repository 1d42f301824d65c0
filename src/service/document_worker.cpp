#include "service/document_worker.hpp"

#include <spdlog/spdlog.h>
#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

#include "service/generated_documents.hpp"

namespace sp::service {

void DocumentWorker::start() {
  thread_ = std::thread([this] {
    // Rendering is batch work (milliseconds of CPU per page): SCHED_IDLE runs it only on CPU
    // time nothing else wants, so requests come first under load and documents catch up
    // after (satupintu_documents_pending shows the backlog). Where SCHED_IDLE is refused,
    // fall back to a lower nice value.
    pthread_setname_np(pthread_self(), "sp-documents");
    sched_param idle{};
    if (pthread_setschedparam(pthread_self(), SCHED_IDLE, &idle) != 0)
      ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 19);
    std::unique_lock<std::mutex> lock(mu_);
    while (!stop_) {
      woken_ = false;
      lock.unlock();
      // Stops between documents on shutdown; what is left stays pending for the next start.
      const auto running = [this] {
        std::lock_guard<std::mutex> guard(mu_);
        return !stop_;
      };
      auto n = produce_pending_documents(ctx_, std::nullopt, running);
      if (!n) spdlog::error("documents: {}", n.error().message);
      lock.lock();
      if (n && *n > 0) continue;  // progress: look for more at once (a round takes at most 200)
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
