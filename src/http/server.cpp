#include "http/server.hpp"

// Boost 1.74's awaitable.hpp uses std::exchange without including <utility> (see STACK.md).
#include <utility>
// clang-format off
#include <boost/asio.hpp>
#include <boost/beast.hpp>
// clang-format on
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <pthread.h>
#include <thread>

#include "core/text.hpp"
#include "http/problem.hpp"

namespace sp::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace {

struct Shared {
  Api& api;
  const ServerOptions& options;
  asio::thread_pool& writers;
  std::atomic<int> in_flight{0};
  std::atomic<int> connections{0};
  std::atomic<bool> stopping{false};
};

// Runs `fn` on the writer pool and resumes the calling coroutine on its executor `home` with the
// result. Writes wait for the database (SQLite's group commit, PostgreSQL's row locks); waiting
// on a pool thread keeps the I/O threads serving other connections meanwhile.
template <class Executor, class Fn>
auto on_writer_pool(asio::thread_pool& pool, Executor home, Fn fn) {
  return asio::async_initiate<decltype(asio::use_awaitable), void(HttpResponse)>(
      [&pool, home](auto handler, Fn f) {
        asio::post(pool, [handler = std::move(handler), f = std::move(f), home]() mutable {
          // Named on first use, for `top -H`, perf and debuggers (the pool owns its threads).
          static thread_local const bool named = pthread_setname_np(pthread_self(), "sp-writer") == 0;
          (void)named;
          HttpResponse res = f();
          asio::post(home, [handler = std::move(handler), res = std::move(res)]() mutable { handler(std::move(res)); });
        });
      },
      asio::use_awaitable, std::move(fn));
}

HttpRequest to_request(const bhttp::request<bhttp::string_body>& m) {
  HttpRequest r;
  r.method = std::string(m.method_string());
  r.target = std::string(m.target());
  for (const auto& f : m) {
    r.headers.emplace_back(ascii_lower(std::string(f.name_string())), std::string(f.value()));
  }
  r.body = m.body();
  return r;
}

// The status line and headers of `res` on a Beast message of any body.
template <class Body>
bhttp::response<Body> head_of(const HttpResponse& res, unsigned version) {
  bhttp::response<Body> m{static_cast<bhttp::status>(res.status), version};
  m.set(bhttp::field::server, "satupintu");
  if (!res.content_type.empty()) m.set(bhttp::field::content_type, res.content_type);
  for (const auto& [k, v] : res.headers) m.insert(k, v);
  return m;
}

bhttp::response<bhttp::string_body> to_message(const HttpResponse& res, unsigned version, bool keep_alive) {
  auto m = head_of<bhttp::string_body>(res, version);
  m.body() = res.body;
  m.keep_alive(keep_alive);
  m.prepare_payload();
  return m;
}

// Sends `res.body_file` as the body, read from disk as it goes out. The file is unlinked as soon
// as it is open: whatever happens to the connection, nothing is left behind.
asio::awaitable<void> write_file_response(beast::tcp_stream& stream, const HttpResponse& res, unsigned version,
                                          bool keep_alive, bool head_only, beast::error_code& ec) {
  bhttp::file_body::value_type body;
  body.open(res.body_file.c_str(), beast::file_mode::scan, ec);
  std::error_code removed;
  std::filesystem::remove(res.body_file, removed);
  if (ec) {
    spdlog::error("export {} could not be reopened: {}", res.body_file, ec.message());
    auto msg = to_message(problem(500, "internal", "the export could not be sent"), version, keep_alive);
    co_await bhttp::async_write(stream, msg, asio::redirect_error(asio::use_awaitable, ec));
    co_return;
  }
  auto m = head_of<bhttp::file_body>(res, version);
  m.body() = std::move(body);
  m.keep_alive(keep_alive);
  m.prepare_payload();
  stream.expires_after(std::chrono::minutes(10));  // tens of megabytes to a slow office line
  if (head_only) {
    bhttp::response_serializer<bhttp::file_body> sr{m};
    co_await bhttp::async_write_header(stream, sr, asio::redirect_error(asio::use_awaitable, ec));
    co_return;
  }
  co_await bhttp::async_write(stream, m, asio::redirect_error(asio::use_awaitable, ec));
}

asio::awaitable<void> serve_connection(tcp::socket socket, Shared& shared) {
  struct Counted {
    std::atomic<int>& n;
    ~Counted() { --n; }
  } counted{shared.connections};
  beast::error_code peer_ec;
  const auto peer = socket.remote_endpoint(peer_ec);
  const std::string peer_address = peer_ec ? std::string() : peer.address().to_string();
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  try {
    while (!shared.stopping) {
      bhttp::request_parser<bhttp::string_body> parser;
      parser.body_limit(shared.options.body_limit);
      stream.expires_after(std::chrono::seconds(60));
      beast::error_code ec;
      co_await bhttp::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
      if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::eof) break;
      if (ec == bhttp::error::body_limit) {
        auto msg = to_message(problem(413, "body_too_large", "the request body is over the limit"), 11, false);
        co_await bhttp::async_write(stream, msg, asio::redirect_error(asio::use_awaitable, ec));
        // Lingering close: read and drop what the client is still sending, so it can finish
        // writing and then read our answer instead of failing with a broken pipe.
        stream.socket().shutdown(tcp::socket::shutdown_send, ec);
        std::array<char, 65536> sink;
        stream.expires_after(std::chrono::seconds(10));
        for (std::size_t drained = 0; !ec && drained < 64 * 1024 * 1024;)
          drained += co_await stream.async_read_some(asio::buffer(sink), asio::redirect_error(asio::use_awaitable, ec));
        co_return;
      }
      if (ec) {
        auto msg = to_message(problem(400, "bad_request", "the HTTP request could not be parsed"), 11, false);
        co_await bhttp::async_write(stream, msg, asio::redirect_error(asio::use_awaitable, ec));
        break;
      }
      auto& m = parser.get();
      ++shared.in_flight;
      HttpRequest req = to_request(m);
      req.peer_address = peer_address;
      HttpResponse res;
      if (!parse_target(req.target, req.path, req.query)) res = problem(400, "bad_request", "the request target is malformed");
      else if (is_write_method(req.method)) {
        shared.api.metrics().write_queued();
        res = co_await on_writer_pool(shared.writers, co_await asio::this_coro::executor, [&] {
          shared.api.metrics().write_started();
          return shared.api.handle(req);
        });
      } else {
        res = shared.api.handle(req);
      }
      const bool keep = m.keep_alive() && !shared.stopping;
      if (!res.body_file.empty()) {
        co_await write_file_response(stream, res, m.version(), keep, req.method == "HEAD", ec);
      } else {
        auto out = to_message(res, m.version(), keep);
        if (req.method == "HEAD") out.body().clear();
        co_await bhttp::async_write(stream, out, asio::redirect_error(asio::use_awaitable, ec));
      }
      --shared.in_flight;
      if (ec || !keep) break;
    }
  } catch (const std::exception& e) {
    spdlog::warn("connection ended: {}", e.what());
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

asio::awaitable<void> accept_loop(tcp::acceptor& acceptor, Shared& shared) {
  asio::steady_timer pause(acceptor.get_executor());
  const auto wait = [&](std::chrono::milliseconds ms) -> asio::awaitable<void> {
    beast::error_code ignored;
    pause.expires_after(ms);
    co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
  };
  bool warned = false;
  while (!shared.stopping) {
    // At the cap, stop accepting until a connection closes: new clients wait in the kernel's
    // backlog instead of each costing the server a socket and a coroutine.
    if (shared.connections.load() >= shared.options.max_connections) {
      if (!warned) spdlog::warn("{} connections open: accepting no more until one closes", shared.connections.load());
      warned = true;
      co_await wait(std::chrono::milliseconds(10));
      continue;
    }
    warned = false;
    beast::error_code ec;
    tcp::socket socket = co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      if (shared.stopping || ec == asio::error::operation_aborted) break;
      // Out of file handles (or another resource): retrying at once would spin on the same
      // error; back off so connections can close meanwhile.
      spdlog::warn("accept failed: {}; retrying in 100 ms", ec.message());
      co_await wait(std::chrono::milliseconds(100));
      continue;
    }
    ++shared.connections;
    socket.set_option(tcp::no_delay(true), ec);
    asio::co_spawn(acceptor.get_executor(), serve_connection(std::move(socket), shared), asio::detached);
  }
}

asio::awaitable<void> drain_then_stop(asio::io_context& ioc, Shared& shared) {
  asio::steady_timer timer(ioc);
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(shared.options.shutdown_grace_seconds);
  while (shared.in_flight > 0 && std::chrono::steady_clock::now() < until) {
    timer.expires_after(std::chrono::milliseconds(20));
    co_await timer.async_wait(asio::use_awaitable);
  }
  ioc.stop();
}

}  // namespace

int run_server(Api& api, const ServerOptions& options, const std::function<void(unsigned short)>& on_listening) {
  asio::io_context ioc(options.threads);
  asio::thread_pool writers(static_cast<std::size_t>(std::max(1, options.writer_threads)));
  Shared shared{api, options, writers};
  tcp::acceptor acceptor(ioc);
  beast::error_code ec;
  const auto address = asio::ip::make_address(options.address, ec);
  if (ec) {
    spdlog::error("bad listen address '{}': {}", options.address, ec.message());
    return 2;
  }
  const tcp::endpoint endpoint(address, options.port);
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    spdlog::error("cannot listen on {}:{}: {}", options.address, options.port, ec.message());
    return 2;
  }
  on_listening(acceptor.local_endpoint().port());

  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](const beast::error_code& e, int sig) {
    if (e) return;
    spdlog::info("signal {}: no new connections; finishing {} request(s) in flight", sig, shared.in_flight.load());
    shared.stopping = true;
    api.set_draining();
    beast::error_code ignored;
    acceptor.close(ignored);
    asio::co_spawn(ioc, drain_then_stop(ioc, shared), asio::detached);
  });
  asio::co_spawn(ioc, accept_loop(acceptor, shared), asio::detached);

  std::vector<std::thread> workers;
  for (int i = 1; i < options.threads; ++i)
    workers.emplace_back([&] {
      pthread_setname_np(pthread_self(), "sp-io");
      ioc.run();
    });
  ioc.run();  // this (main) thread serves connections too; it keeps the process's name
  for (auto& t : workers) t.join();
  writers.join();
  spdlog::info("server stopped");
  return 0;
}

}  // namespace sp::http
