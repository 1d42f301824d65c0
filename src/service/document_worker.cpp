#include "service/document_worker.hpp"

#include <spdlog/spdlog.h>
#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

#include "service/generated_documents.hpp"

namespace sp::service {

void DocumentWorker::start() {
  thread_ = std::thread([this] {
    // Rendering is batch work (milliseconds of CPU per page): the lowest priority (nice 19)
    // lets requests come first under load, and documents catch up after
    // (satupintu_documents_pending shows the backlog). Not SCHED_IDLE: that class runs only
    // on CPU time nothing on the machine wants, so any busy neighbour (the database on the
    // same host, a browser, a backup) could hold a signed permit back for minutes. A low
    // priority alone still let rendering (and its reads and writes) take a tenth of a saturated
    // server, so the worker also pauses while write requests keep coming, up to kMaxYield
    // at a time.
    pthread_setname_np(pthread_self(), "sp-documents");
    ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 19);
    std::unique_lock<std::mutex> lock(mu_);
    while (!stop_) {
      woken_ = false;
      lock.unlock();
      // Stops between documents on shutdown, and while write requests keep arriving; what is
      // left stays pending for the next round (or the next start).
      bool deferred = false;
      const auto keep_going = [this, &deferred] {
        {
          std::lock_guard<std::mutex> guard(mu_);
          if (stop_) return false;
        }
        deferred = should_yield();
        return !deferred;
      };
      auto n = keep_going() ? produce_pending_documents(ctx_, std::nullopt, keep_going) : Result<int>(0);
      if (!n) spdlog::error("documents: {}", n.error().message);
      lock.lock();
      if (deferred) {
        cv_.wait_for(lock, kYieldPause, [this] { return stop_; });
        continue;
      }
      yielding_since_.reset();
      forced_round_ = false;
      if (n && *n > 0) continue;  // progress: look for more at once (a round takes at most 200)
      idle_ = true;
      cv_.wait_for(lock, std::chrono::seconds(5), [this] { return stop_ || woken_; });
      idle_ = false;
    }
  });
}

bool DocumentWorker::should_yield() {
  if (forced_round_) return false;
  const auto now = std::chrono::steady_clock::now();
  const auto writes = ctx_.api_writes.load(std::memory_order_relaxed);
  if (writes != seen_writes_) {
    seen_writes_ = writes;
    last_write_seen_ = now;
  }
  if (now - last_write_seen_ >= kQuietAfter) return false;
  if (!yielding_since_) yielding_since_ = now;
  // Never starve: after kMaxYield of deferring, a whole round goes ahead (still at nice 19).
  if (now - *yielding_since_ < kMaxYield) return true;
  forced_round_ = true;
  return false;
}

void DocumentWorker::wake() {
  // Called after every write that plans a document. While the worker renders or pauses for
  // traffic, woken_ is enough (it looks again before it sleeps); waking it there would cost
  // a context switch per write for nothing.
  std::lock_guard<std::mutex> lock(mu_);
  woken_ = true;
  if (idle_) cv_.notify_one();
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
