#pragma once
// Delivers the outbox in the background: claims due messages with a lease (so two app servers
// never send the same message at once), sends each, marks it sent, and retries failures with
// exponential backoff (30 s doubling, at most 1 hour).
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "core/clock.hpp"
#include "notify/mail_sender.hpp"

namespace sp::store {
class Store;
}

namespace sp::notify {

class OutboxWorker {
 public:
  OutboxWorker(store::Store& store, MailSender& sender, const Clock& clock, std::string message_id_domain);
  ~OutboxWorker();
  void start();
  void stop();
  // Delivers what is due now; returns the number sent. Used by the thread and by tests.
  int run_once();

 private:
  store::Store& store_;
  MailSender& sender_;
  const Clock& clock_;
  std::string domain_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
};

}  // namespace sp::notify
