#include "store/postgres_listener.hpp"

#include <libpq-fe.h>
#include <poll.h>
#include <pthread.h>
#include <spdlog/spdlog.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <memory>

namespace sp::store {

PostgresListener::PostgresListener(std::string keywords, std::string channel,
                                   std::function<void(const char*)> on_notify, std::function<void(bool)> on_live)
    // A host that vanishes without closing the connection is noticed within about half a
    // minute (TCP keepalives and a send timeout; Unix sockets ignore these).
    : keywords_(std::move(keywords) +
                " keepalives=1 keepalives_idle=10 keepalives_interval=5 keepalives_count=3 tcp_user_timeout=20000"),
      channel_(std::move(channel)),
      on_notify_(std::move(on_notify)),
      on_live_(std::move(on_live)),
      stop_fd_(::eventfd(0, EFD_CLOEXEC)) {
  thread_ = std::thread([this] { run(); });
}

PostgresListener::~PostgresListener() {
  stopping_ = true;
  const std::uint64_t one = 1;
  if (stop_fd_ >= 0 && ::write(stop_fd_, &one, sizeof one) < 0) spdlog::warn("postgres listener: cannot signal stop");
  thread_.join();
  if (stop_fd_ >= 0) ::close(stop_fd_);
}

int PostgresListener::wait_readable(int fd, int ms) {
  // Without its eventfd (the descriptor table was full) the thread looks at the stop flag at
  // least once a second instead.
  if (stop_fd_ < 0 && (ms < 0 || ms > 1000)) ms = 1000;
  pollfd fds[2] = {{stop_fd_, POLLIN, 0}, {fd, POLLIN, 0}};
  const int n = ::poll(fds, fd >= 0 ? 2 : 1, ms);
  if (stopping_) return -1;
  return n > 0 ? 1 : 0;
}

void PostgresListener::run() {
  pthread_setname_np(pthread_self(), "sp-pg-listen");
  using Conn = std::unique_ptr<PGconn, decltype(&PQfinish)>;
  bool warned = false;
  while (!stopping_) {
    Conn conn(PQconnectdb(keywords_.c_str()), &PQfinish);
    bool listening = false;
    if (PQstatus(conn.get()) == CONNECTION_OK) {
      char* quoted = PQescapeIdentifier(conn.get(), channel_.c_str(), channel_.size());
      PGresult* r = PQexec(conn.get(), (std::string("LISTEN ") + (quoted ? quoted : "")).c_str());
      listening = quoted && PQresultStatus(r) == PGRES_COMMAND_OK;
      PQclear(r);
      PQfreemem(quoted);
    }
    if (!listening) {
      if (!warned) spdlog::warn("postgres listener: cannot listen on {}: {}", channel_, PQerrorMessage(conn.get()));
      warned = true;
      conn.reset();
      wait_readable(-1, 1000);
      continue;
    }
    warned = false;
    on_live_(true);
    const int fd = PQsocket(conn.get());
    for (;;) {
      const int ready = wait_readable(fd, 10000);
      if (ready < 0) break;
      // Quiet for 10 s: a connection to a vanished host would wait for ever without a word, so
      // ask the server something; a failure counts as a lost connection.
      if (ready == 0) {
        PGresult* r = PQexec(conn.get(), "SELECT 1");
        const bool ok = PQresultStatus(r) == PGRES_TUPLES_OK;
        PQclear(r);
        if (!ok) {
          spdlog::warn("postgres listener: connection lost: {}", PQerrorMessage(conn.get()));
          break;
        }
      } else if (!PQconsumeInput(conn.get())) {
        spdlog::warn("postgres listener: connection lost: {}", PQerrorMessage(conn.get()));
        break;
      }
      while (PGnotify* n = PQnotifies(conn.get())) {
        on_notify_(n->extra);
        PQfreemem(n);
      }
    }
    on_live_(false);
  }
}

}  // namespace sp::store
