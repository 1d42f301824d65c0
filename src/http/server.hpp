#pragma once
// The HTTP/1.1 server: Boost.Beast with C++20 coroutines on a few I/O threads, writes on a pool. It turns Beast
// messages into HttpRequest, asks the Api, and writes the HttpResponse back. On SIGTERM or
// SIGINT it stops accepting, lets in-flight requests finish (up to a grace period) and returns.
#include <functional>
#include <string>

#include "http/api.hpp"

namespace sp::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;
  int threads = 4;          // I/O threads: parse, route, reads
  int writer_threads = 16;  // writes run here, where waiting for the database blocks no I/O
  std::size_t body_limit = 8 * 1024 * 1024;
  int shutdown_grace_seconds = 20;
  // Open connections at most; beyond it the server stops accepting (clients wait in the listen
  // backlog) until one closes.
  int max_connections = 2048;
};

// Blocks until shutdown. `on_listening(port)` runs once the socket is bound (port 0 picks one).
// Returns 0 after a clean shutdown, non-zero when the address cannot be bound.
int run_server(Api& api, const ServerOptions& options, const std::function<void(unsigned short)>& on_listening);

}  // namespace sp::http
