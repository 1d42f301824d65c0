#include "sandbox/worker_main.hpp"

#include <sys/resource.h>

#include "sandbox/frames.hpp"

namespace sp::sandbox {

namespace {

bool cpu_half_spent() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_CPU, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return false;
  rusage used{};
  ::getrusage(RUSAGE_SELF, &used);
  const double seconds = static_cast<double>(used.ru_utime.tv_sec + used.ru_stime.tv_sec) +
                         static_cast<double>(used.ru_utime.tv_usec + used.ru_stime.tv_usec) / 1e6;
  return seconds * 2 >= static_cast<double>(limit.rlim_cur);
}

}  // namespace

int worker_socket_fd() { return 3; }

int serve_jobs(int fd, const JobTable& jobs) {
  while (auto request = read_request(fd)) {
    JobOutcome out;
    if (auto job = jobs.find(request->job); job != jobs.end()) out = job->second(request->params, request->payload);
    else out.answer = R"({"error":{"code":"internal","message":"unknown sandbox job"}})";
    const bool last = out.retire || cpu_half_spent();
    if (!write_all(fd, encode_answer({std::move(out.answer), last}), std::nullopt)) return 1;
    if (last) return 0;
  }
  return 0;
}

}  // namespace sp::sandbox
