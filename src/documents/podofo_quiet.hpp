#pragma once
// PoDoFo 0.9.8 writes debug and log output to stderr unless told not to (STACK.md). Every file
// that uses PoDoFo calls this before its first PoDoFo call; only the first call does anything.
// Include only where PoDoFo's headers are already included.
#include <podofo/podofo.h>

#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

namespace sp::documents {

inline void quiet_podofo() {
  static std::once_flag once;
  std::call_once(once, [] {
    PoDoFo::PdfError::EnableDebug(false);
    PoDoFo::PdfError::EnableLogging(false);
  });
}

// PoDoFo 0.9.8 bounds parser recursion with a thread_local depth counter whose guard increments
// it and then throws when the limit is passed, without undoing the increment (the guard's
// constructor throws, so its destructor never runs). Each hostile, deeply nested PDF therefore
// leaves the thread one level deeper, and after enough of them every later parse on that thread
// fails (found by fuzz/fuzz_verify_upload).
namespace detail {
// Set once a parse on this thread has left the counter raised; the thread then parses no more.
inline thread_local bool parser_depth_leaked = false;

// Whether this thread's counter is (nearly) back at zero: nests all but one of the allowed
// levels, which throws only where earlier parses leaked levels. Costs about a microsecond.
inline bool parser_depth_clean() {
  using Guard = PoDoFo::PdfTokenizer::RecursionGuard;
  const int levels = Guard::GetMaxRecursionDepth() - 1;
  if (levels <= 0) return true;  // 0 turns the limit off
  try {
    std::unique_ptr<Guard[]> nested(new Guard[static_cast<std::size_t>(levels)]);
  } catch (...) {
    return false;
  }
  return true;
}
}  // namespace detail

// Parses an untrusted PDF with `fn`. On the calling thread while that thread's counter is clean,
// checked after every parse; once a hostile file has leaked levels there, that thread's later
// parses each run on a fresh thread, whose counter starts at zero and is gone afterwards. (A
// fresh thread for every parse was safe too, but creating and ending four threads per
// application cost about a third of the lifecycle throughput.)
template <class F>
auto parse_untrusted(F&& fn) -> decltype(fn()) {
  if (!detail::parser_depth_leaked) {
    struct CheckAfter {
      ~CheckAfter() {
        if (!detail::parser_depth_clean()) detail::parser_depth_leaked = true;
      }
    } check_after;
    return fn();
  }
  std::optional<decltype(fn())> result;
  std::exception_ptr failure;
  std::thread parser([&] {
    try {
      result.emplace(fn());
    } catch (...) {
      failure = std::current_exception();
    }
  });
  parser.join();
  if (failure) std::rethrow_exception(failure);
  return std::move(*result);
}

}  // namespace sp::documents
