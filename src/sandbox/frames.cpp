#include "sandbox/frames.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace sp::sandbox {

namespace {

// Waits until `fd` is ready for `events` or the deadline passes.
bool wait_ready(int fd, short events, std::optional<Deadline> deadline) {
  if (!deadline) return true;
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd, events, 0};
    const int rc = ::poll(&p, 1, static_cast<int>(std::min<long long>(left.count() + 1, 60'000)));
    if (rc > 0) return true;  // ready, or an error/hang-up the next call reports
    if (rc < 0 && errno != EINTR) return false;
  }
}

void put_u64(std::string& out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

std::uint64_t get_u64(std::string_view in) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(in[static_cast<std::size_t>(i)]);
  return v;
}

bool read_field(int fd, std::string& out, std::optional<Deadline> deadline, std::uint64_t max) {
  std::string len;
  if (!read_exact(fd, 8, len, deadline)) return false;
  const std::uint64_t n = get_u64(len);
  if (n > max) return false;
  return read_exact(fd, static_cast<std::size_t>(n), out, deadline);
}

void put_field(std::string& out, std::string_view field) {
  put_u64(out, field.size());
  out.append(field);
}

}  // namespace

bool write_all(int fd, std::string_view bytes, std::optional<Deadline> deadline) {
  while (!bytes.empty()) {
    if (!wait_ready(fd, POLLOUT, deadline)) return false;
    // MSG_NOSIGNAL: a worker that died must not kill the server with SIGPIPE.
    const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL | (deadline ? MSG_DONTWAIT : 0));
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool read_exact(int fd, std::size_t n, std::string& out, std::optional<Deadline> deadline) {
  out.resize(n);
  std::size_t got = 0;
  while (got < n) {
    if (!wait_ready(fd, POLLIN, deadline)) return false;
    const ssize_t r = ::recv(fd, out.data() + got, n - got, deadline ? MSG_DONTWAIT : 0);
    if (r == 0) return false;
    if (r < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      return false;
    }
    got += static_cast<std::size_t>(r);
  }
  return true;
}

std::string encode_request(std::string_view job, std::string_view params, std::string_view payload) {
  std::string out;
  out.reserve(24 + job.size() + params.size() + payload.size());
  put_field(out, job);
  put_field(out, params);
  put_field(out, payload);
  return out;
}

std::string encode_answer(const JobAnswer& answer) {
  std::string out;
  put_field(out, answer.last ? "last" : "more");
  put_field(out, answer.body);
  return out;
}

std::optional<JobRequest> read_request(int fd) {
  JobRequest r;
  if (!read_field(fd, r.job, std::nullopt, kMaxFrameBytes) || !read_field(fd, r.params, std::nullopt, kMaxFrameBytes) ||
      !read_field(fd, r.payload, std::nullopt, kMaxFrameBytes))
    return std::nullopt;
  return r;
}

std::optional<JobAnswer> read_answer(int fd, Deadline deadline) {
  std::string flag;
  JobAnswer a;
  // The worker has just read hostile bytes: its answer is believed only within a small size.
  if (!read_field(fd, flag, deadline, 16) || !read_field(fd, a.body, deadline, kMaxAnswerBytes)) return std::nullopt;
  a.last = flag == "last";
  return a;
}

}  // namespace sp::sandbox
