// A sandbox worker for worker_pool_test: jobs that answer, crash, overflow the stack, spin,
// allocate without bound, or retire, so the pool's handling of each can be seen.
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <new>
#include <string>
#include <thread>
#include <vector>

#include "sandbox/worker_main.hpp"

namespace {

// Recursion the compiler cannot turn into a loop: each frame keeps a buffer alive.
int deep(int n) {
  volatile char frame[1024];
  frame[0] = static_cast<char>(n);
  return n == 0 ? frame[0] : deep(n - 1) + frame[0];
}

}  // namespace

int main() {
  using sp::sandbox::JobOutcome;
  sp::sandbox::JobTable jobs;
  jobs["echo"] = [](std::string_view params, std::string_view payload) {
    return JobOutcome{"{\"params\":" + std::string(params) + ",\"size\":" + std::to_string(payload.size()) + "}"};
  };
  jobs["segfault"] = [](std::string_view, std::string_view) -> JobOutcome {
    std::raise(SIGSEGV);
    return {};
  };
  jobs["stack"] = [](std::string_view, std::string_view) { return JobOutcome{std::to_string(deep(1'000'000))}; };
  jobs["spin"] = [](std::string_view, std::string_view) -> JobOutcome {
    volatile unsigned long spins = 0;
    while (true) {
      const unsigned long next = spins + 1;
      spins = next;
    }
  };
  jobs["alloc"] = [](std::string_view, std::string_view) {
    try {
      std::vector<std::string> hog;
      for (int i = 0; i < 64; ++i) hog.emplace_back(std::size_t{64} << 20, 'x');  // 4 GiB in all
      return JobOutcome{"\"allocated\""};
    } catch (const std::bad_alloc&) {
      return JobOutcome{"\"refused\""};
    }
  };
  // Answers as if it would stay, then dies while idle (as a worker at its CPU limit would).
  jobs["die_when_idle"] = [](std::string_view, std::string_view) {
    std::thread([] {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      std::_Exit(0);
    }).detach();
    return JobOutcome{"\"later\""};
  };
  jobs["retire"] = [](std::string_view, std::string_view) { return JobOutcome{"\"bye\"", true}; };
  return sp::sandbox::serve_jobs(sp::sandbox::worker_socket_fd(), jobs);
}
