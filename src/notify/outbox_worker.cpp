#include "notify/outbox_worker.hpp"

#include <pthread.h>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <vector>

#include "store/outbox_repository.hpp"
#include "store/store.hpp"

namespace sp::notify {

namespace {
constexpr long long kLeaseSeconds = 120;
constexpr int kBatch = 20;
}  // namespace

OutboxWorker::OutboxWorker(store::Store& store, MailSender& sender, const Clock& clock, std::string domain)
    : store_(store), sender_(sender), clock_(clock), domain_(std::move(domain)) {}

OutboxWorker::~OutboxWorker() { stop(); }

void OutboxWorker::start() {
  thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "sp-outbox");
    std::unique_lock lock(mu_);
    while (!stop_) {
      lock.unlock();
      int sent = 0;
      try {
        sent = run_once();
      } catch (const std::exception& e) {
        spdlog::error("outbox: {}", e.what());
      }
      lock.lock();
      if (sent == 0) cv_.wait_for(lock, std::chrono::seconds(1), [this] { return stop_; });
    }
  });
}

void OutboxWorker::stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

int OutboxWorker::run_once() {
  const Instant now = clock_.now();
  auto claimed = store_.write([&](store::Transaction& tx) -> Result<std::vector<store::ClaimedMail>> {
    return tx.outbox().claim_due(now, Instant{now.unix_seconds + kLeaseSeconds}, kBatch);
  });
  if (!claimed) return 0;
  int sent = 0;
  for (const auto& m : *claimed) {
    const std::string message_id = "<outbox-" + std::to_string(m.id) + "@" + domain_ + ">";
    auto r = sender_.send(m.recipient, service::Mail{m.subject, m.body}, message_id);
    const Instant t = clock_.now();
    if (r) {
      ++sent;
      (void)store_.write([&](store::Transaction& tx) -> Result<bool> {
        tx.outbox().mark_sent(m.id, t);
        return true;
      });
    } else {
      const long long backoff = std::min<long long>(3600, 30LL << std::min(m.attempts - 1, 7));
      spdlog::warn("outbox: message {} to {} failed (attempt {}): {}", m.id, m.recipient, m.attempts, r.error().message);
      (void)store_.write([&](store::Transaction& tx) -> Result<bool> {
        tx.outbox().mark_failed(m.id, Instant{t.unix_seconds + backoff}, r.error().message);
        return true;
      });
    }
  }
  return sent;
}

}  // namespace sp::notify
