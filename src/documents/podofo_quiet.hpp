#pragma once
// PoDoFo 0.9.8 writes debug and log output to stderr unless told not to (STACK.md). Every file
// that uses PoDoFo calls this before its first PoDoFo call; only the first call does anything.
// Include only where PoDoFo's headers are already included.
#include <podofo/podofo.h>

#include <exception>
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
// fails (found by fuzz/fuzz_verify_upload). Untrusted PDFs are parsed on a thread of their own:
// its counter starts at zero and is gone afterwards. A thread costs tens of microseconds; a parse
// costs a tenth of a millisecond or more.
template <class F>
auto parse_untrusted(F&& fn) -> decltype(fn()) {
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
