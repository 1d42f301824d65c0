#pragma once
// The framing between the server and a sandbox worker on a Unix stream socket: a request is
// the job's name, its parameters (JSON text) and its payload (the untrusted bytes); an answer is
// one JSON text. Every field is length-prefixed (little-endian), so nothing is parsed to find
// where a field ends.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sp::sandbox {

struct JobRequest {
  std::string job;
  std::string params;
  std::string payload;
};

// Requests and answers larger than this are refused by the reader (the server's own uploads are
// far smaller; the bound keeps a confused peer from making the other side allocate at will).
inline constexpr std::uint64_t kMaxFrameBytes = 256u << 20;
// A worker's answer is a small JSON text; a larger one is taken for a confused worker.
inline constexpr std::uint64_t kMaxAnswerBytes = 1u << 20;

using Deadline = std::chrono::steady_clock::time_point;

// Writes all of `bytes`, waiting for the socket at most until `deadline` (none: block). False
// on timeout, error or a closed peer.
bool write_all(int fd, std::string_view bytes, std::optional<Deadline> deadline);
// Reads exactly `n` bytes into `out`, as write_all. False on timeout, error or end of stream.
bool read_exact(int fd, std::size_t n, std::string& out, std::optional<Deadline> deadline);

// A worker's answer, and whether it ends after it (it retires on its own, for instance when its
// CPU budget is half spent), so the server does not take its exit for a crash.
struct JobAnswer {
  std::string body;
  bool last = false;
};

std::string encode_request(std::string_view job, std::string_view params, std::string_view payload);
std::string encode_answer(const JobAnswer& answer);

// Nullopt at end of stream, on error or an oversized field.
std::optional<JobRequest> read_request(int fd);
std::optional<JobAnswer> read_answer(int fd, Deadline deadline);

}  // namespace sp::sandbox
