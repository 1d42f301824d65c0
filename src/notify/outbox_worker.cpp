#include "notify/outbox_worker.hpp"

#include <pthread.h>

#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include <vector>

#include "store/database.hpp"
#include "store/row_access.hpp"

namespace sp::notify {

namespace {
struct Claimed {
  long long id = 0;
  std::string recipient, subject, body;
  int attempts = 0;
};
constexpr long long kLeaseSeconds = 120;
}  // namespace

OutboxWorker::OutboxWorker(store::Database& db, MailSender& sender, const Clock& clock, std::string domain)
    : db_(db), sender_(sender), clock_(clock), domain_(std::move(domain)) {}

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
  const long long now = clock_.now().unix_seconds;
  const bool pg = db_.backend() == store::Backend::Postgres;
  auto claimed = db_.write([&](soci::session& s) -> Result<std::vector<Claimed>> {
    std::vector<Claimed> out;
    const long long until = now + kLeaseSeconds;
    const std::string sql =
        std::string("UPDATE outbox SET claimed_until = :until, attempts = attempts + 1 WHERE id IN (SELECT id FROM "
                    "outbox WHERE sent_at IS NULL AND next_attempt_at <= :now AND (claimed_until IS NULL OR "
                    "claimed_until < :now2) ORDER BY id LIMIT 20") +
        (pg ? " FOR UPDATE SKIP LOCKED" : "") + ") RETURNING id, recipient, subject, body, attempts";
    soci::rowset<soci::row> rows = (s.prepare << sql, soci::use(until), soci::use(now), soci::use(now));
    for (const auto& r : rows)
      out.push_back({store::int_at(r, 0), r.get<std::string>(1), r.get<std::string>(2), r.get<std::string>(3),
                     static_cast<int>(store::int_at(r, 4))});
    return out;
  });
  if (!claimed) return 0;
  int sent = 0;
  for (const auto& m : *claimed) {
    const std::string message_id = "<outbox-" + std::to_string(m.id) + "@" + domain_ + ">";
    auto r = sender_.send(m.recipient, service::Mail{m.subject, m.body}, message_id);
    const long long t = clock_.now().unix_seconds;
    if (r) {
      ++sent;
      (void)db_.write([&](soci::session& s) -> Result<bool> {
        s << "UPDATE outbox SET sent_at = :t, claimed_until = NULL, last_error = NULL WHERE id = :id", soci::use(t),
            soci::use(m.id);
        return true;
      });
    } else {
      const long long backoff = std::min<long long>(3600, 30LL << std::min(m.attempts - 1, 7));
      const long long next = t + backoff;
      const std::string err = r.error().message;
      spdlog::warn("outbox: message {} to {} failed (attempt {}): {}", m.id, m.recipient, m.attempts, err);
      (void)db_.write([&](soci::session& s) -> Result<bool> {
        s << "UPDATE outbox SET next_attempt_at = :n, claimed_until = NULL, last_error = :e WHERE id = :id",
            soci::use(next), soci::use(err), soci::use(m.id);
        return true;
      });
    }
  }
  return sent;
}

}  // namespace sp::notify
