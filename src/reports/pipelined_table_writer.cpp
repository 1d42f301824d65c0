// A table writer on a thread of its own: rows are queued by the caller (who reads them from the
// database) and written by the worker, so a long export spends the larger of the two times
// instead of their sum. The queue is bounded, so memory stays flat; the first failure of the
// inner writer is given back to the caller by its next row or by finish.
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

#include "reports/table_writer.hpp"

namespace sp::reports {

namespace {

class PipelinedTableWriter final : public TableWriter {
 public:
  explicit PipelinedTableWriter(std::unique_ptr<TableWriter> inner)
      : inner_(std::move(inner)), worker_([this] { work(); }) {}

  ~PipelinedTableWriter() override {
    {
      std::lock_guard lock(mu_);
      closed_ = true;
      abandoned_ = true;  // destroyed unfinished: what is still queued is not written
    }
    changed_.notify_all();
    if (worker_.joinable()) worker_.join();
  }

  Result<bool> row(const std::vector<std::string>& cells) override {
    std::unique_lock lock(mu_);
    changed_.wait(lock, [&] { return queued_.size() < kMaxQueued || failed_; });
    if (failed_) return *failed_;
    queued_.push_back(cells);
    lock.unlock();
    changed_.notify_all();
    return true;
  }

  Result<bool> finish() override {
    {
      std::lock_guard lock(mu_);
      closed_ = true;
    }
    changed_.notify_all();
    worker_.join();
    if (failed_) return *failed_;
    return inner_->finish();
  }

 private:
  static constexpr std::size_t kMaxQueued = 2048;

  void work() {
    std::deque<std::vector<std::string>> batch;
    for (;;) {
      {
        std::unique_lock lock(mu_);
        changed_.wait(lock, [&] { return !queued_.empty() || closed_; });
        if (abandoned_ || (queued_.empty() && closed_)) return;
        batch.swap(queued_);
      }
      changed_.notify_all();  // room again for the caller
      for (const auto& cells : batch) {
        if (auto ok = inner_->row(cells); !ok) {
          std::lock_guard lock(mu_);
          failed_ = ok.error();
          changed_.notify_all();
          return;
        }
      }
      batch.clear();
    }
  }

  std::unique_ptr<TableWriter> inner_;
  std::mutex mu_;
  std::condition_variable changed_;
  std::deque<std::vector<std::string>> queued_;
  bool closed_ = false, abandoned_ = false;
  std::optional<Error> failed_;
  std::thread worker_;  // last: starts once the members it uses exist
};

}  // namespace

std::unique_ptr<TableWriter> pipelined(std::unique_ptr<TableWriter> inner) {
  return std::make_unique<PipelinedTableWriter>(std::move(inner));
}

}  // namespace sp::reports
