#pragma once
// Worker processes for parsers of untrusted bytes. PoDoFo parses PDFs that anyone may post (the
// public verification upload) or that applicants upload; a file that crashes it, overflows its
// stack or sends it into a long loop must end one worker, never the server. As browsers isolate
// their PDF engines, each worker is a process of its own (this executable, started with its
// worker subcommand) under rlimits on address space, stack, CPU time, open files and file size,
// at a lower CPU priority; a job that outlasts its wall-clock limit has its worker killed.
// Workers start on first use and are replaced when they die or retire.
#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace sp::sandbox {

struct WorkerLimits {
  int workers = 2;                                  // at most this many jobs run at once
  std::chrono::milliseconds job_timeout{3000};      // wall clock for one job, then the worker is killed
  std::chrono::milliseconds queue_timeout{5000};    // waiting for a free worker, then "busy"
  std::size_t address_space_bytes = std::size_t{1} << 30;  // RLIMIT_AS
  std::size_t stack_bytes = std::size_t{8} << 20;   // RLIMIT_STACK: what a server thread has
  int cpu_seconds = 120;                            // RLIMIT_CPU over a worker's life (it retires at half)
  int nice = 10;                                    // parsing yields to request handling
};

class WorkerPool {
 public:
  // `command`: the worker's argv; command[0] is executed as a path (e.g. /proc/self/exe).
  WorkerPool(std::vector<std::string> command, WorkerLimits limits);
  ~WorkerPool();  // kills every worker and reaps it
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Runs one job in a worker; thread-safe. Success: the worker's answer. Errors:
  //  - "busy": every worker stayed busy for queue_timeout (retry later),
  //  - "unavailable": no worker process could be created (fork or socketpair failed),
  //  - "worker_failed": the worker died (crash, rlimit, a bad executable) or did not answer
  //    within job_timeout; it has been killed and is replaced on the next job.
  Result<std::string> run(std::string_view job, std::string_view params, std::string_view payload);

  struct Counters {
    std::atomic<unsigned long long> jobs{0}, started{0}, crashed{0}, timed_out{0}, busy{0};
  };
  const Counters& counters() const { return counters_; }
  const WorkerLimits& limits() const { return limits_; }

 private:
  struct Worker {
    pid_t pid = -1;
    int fd = -1;
  };
  Result<Worker> start();
  // Ends a worker: SIGKILL unless it is exiting by itself, then waitpid; returns how it ended.
  std::string stop(Worker w, bool kill);
  void give_back(Worker w);   // to the idle list
  void forget();              // a worker slot freed without returning a worker

  std::vector<std::string> command_;
  WorkerLimits limits_;
  std::mutex mu_;
  std::condition_variable freed_;
  std::vector<Worker> idle_;
  int live_ = 0;  // idle plus busy
  Counters counters_;
};

}  // namespace sp::sandbox
