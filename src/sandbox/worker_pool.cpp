#include "sandbox/worker_pool.hpp"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>

#include "sandbox/frames.hpp"

namespace sp::sandbox {

namespace {

// The fd a worker finds its socket on (0-2 stay stdin, stdout and stderr).
constexpr int kWorkerFd = 3;  // worker_main.cpp's worker_socket_fd()

void limit(int resource, rlim_t value) {
  const rlimit r{value, value};
  ::setrlimit(resource, &r);
}

std::string describe_exit(int status) {
  if (WIFSIGNALED(status)) return std::string("killed by signal ") + std::to_string(WTERMSIG(status)) + " (" +
                                  strsignal(WTERMSIG(status)) + ")";
  if (WIFEXITED(status)) return "exited with " + std::to_string(WEXITSTATUS(status));
  return "ended";
}

}  // namespace

WorkerPool::WorkerPool(std::vector<std::string> command, WorkerLimits limits)
    : command_(std::move(command)), limits_(limits) {
  if (limits_.workers < 1) limits_.workers = 1;
}

WorkerPool::~WorkerPool() {
  std::unique_lock lock(mu_);
  for (auto& w : idle_) stop(w, true);
  idle_.clear();
}

Result<WorkerPool::Worker> WorkerPool::start() {
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
    return make_error("unavailable", std::string("cannot create the worker's socket: ") + std::strerror(errno));
  // Everything the child needs is prepared before fork: between fork and exec a child of a
  // threaded process may only make async-signal-safe calls (no allocation).
  std::vector<char*> argv;
  for (auto& a : command_) argv.push_back(a.data());
  argv.push_back(nullptr);
  const WorkerLimits l = limits_;
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return make_error("unavailable", std::string("cannot start a worker: ") + std::strerror(errno));
  }
  if (pid == 0) {
    // The child: its socket on fd 3 (dup2 clears close-on-exec), nothing else of the server's
    // (database files, listening sockets), stdin from /dev/null, stdout to stderr.
    ::dup2(fds[1], kWorkerFd);
    const int null = ::open("/dev/null", O_RDONLY);
    if (null >= 0) ::dup2(null, 0);
    ::dup2(2, 1);
    ::close_range(kWorkerFd + 1, ~0U, 0);
    limit(RLIMIT_AS, l.address_space_bytes);
    limit(RLIMIT_STACK, l.stack_bytes);
    const rlimit cpu{static_cast<rlim_t>(l.cpu_seconds), static_cast<rlim_t>(l.cpu_seconds) + 5};
    ::setrlimit(RLIMIT_CPU, &cpu);  // SIGXCPU at the soft limit, SIGKILL at the hard one
    limit(RLIMIT_NOFILE, 16);
    limit(RLIMIT_FSIZE, 0);  // it writes no files
    limit(RLIMIT_CORE, 0);
    ::setpriority(PRIO_PROCESS, 0, l.nice);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  counters_.started.fetch_add(1, std::memory_order_relaxed);
  return Worker{pid, fds[0]};
}

std::string WorkerPool::stop(Worker w, bool kill) {
  if (kill) ::kill(w.pid, SIGKILL);
  ::close(w.fd);
  int status = 0;
  while (::waitpid(w.pid, &status, 0) < 0 && errno == EINTR) {
  }
  return describe_exit(status);
}

void WorkerPool::give_back(Worker w) {
  {
    std::lock_guard lock(mu_);
    idle_.push_back(w);
  }
  freed_.notify_one();
}

void WorkerPool::forget() {
  {
    std::lock_guard lock(mu_);
    --live_;
  }
  freed_.notify_one();
}

Result<std::string> WorkerPool::run(std::string_view job, std::string_view params, std::string_view payload) {
  counters_.jobs.fetch_add(1, std::memory_order_relaxed);
  Worker w;
  {
    std::unique_lock lock(mu_);
    const bool got = freed_.wait_for(lock, limits_.queue_timeout,
                                     [&] { return !idle_.empty() || live_ < limits_.workers; });
    if (!got) {
      counters_.busy.fetch_add(1, std::memory_order_relaxed);
      return make_error("busy", "every document checker is busy; try again in a moment");
    }
    if (!idle_.empty()) {
      w = idle_.back();
      idle_.pop_back();
    } else {
      ++live_;
    }
  }
  // A worker that ended while idle (its CPU limit, a signal from outside) is reaped and replaced
  // here, so the job does not fail for a death that was not its own.
  if (w.pid >= 0 && ::waitpid(w.pid, nullptr, WNOHANG) == w.pid) {
    ::close(w.fd);
    spdlog::warn("sandbox: idle worker {} had ended; starting another", w.pid);
    w = Worker{};
  }
  if (w.pid < 0) {
    auto started = start();
    if (!started) {
      forget();
      spdlog::error("sandbox: {}", started.error().message);
      return started.error();
    }
    w = *started;
  }
  const Deadline deadline = std::chrono::steady_clock::now() + limits_.job_timeout;
  std::optional<JobAnswer> answer;
  if (write_all(w.fd, encode_request(job, params, payload), deadline)) answer = read_answer(w.fd, deadline);
  if (!answer) {
    const bool late = std::chrono::steady_clock::now() >= deadline;
    const std::string how = stop(w, true);
    forget();
    (late ? counters_.timed_out : counters_.crashed).fetch_add(1, std::memory_order_relaxed);
    spdlog::warn("sandbox: worker {} on job {} {}", w.pid, job,
                 late ? "took longer than " + std::to_string(limits_.job_timeout.count()) + " ms and was killed" : how);
    return make_error("worker_failed", late ? "the document took too long to read" : "the document could not be read");
  }
  if (answer->last) {
    stop(w, false);
    forget();
  } else {
    give_back(w);
  }
  return std::move(answer->body);
}

}  // namespace sp::sandbox
