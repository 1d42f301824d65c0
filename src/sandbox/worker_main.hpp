#pragma once
// The worker's side of the sandbox (worker_pool.hpp): it reads jobs from its socket, runs each
// with the handler registered under the job's name, and writes the answer back, until the
// server closes the socket.
#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace sp::sandbox {

struct JobOutcome {
  std::string answer;   // JSON text for the server
  bool retire = false;  // this worker should end after answering (its parser state is spoiled)
};
using Job = std::function<JobOutcome(std::string_view params, std::string_view payload)>;
using JobTable = std::map<std::string, Job, std::less<>>;

// The fd the pool hands a worker its socket on.
int worker_socket_fd();

// Serves jobs until end of stream (0) or a broken socket (1). Retires after an answer once half
// of its RLIMIT_CPU is used, so the kernel's limit only ever ends a runaway job.
int serve_jobs(int fd, const JobTable& jobs);

}  // namespace sp::sandbox
