#pragma once
// PoDoFo 0.9.8 writes debug and log output to stderr unless told not to (STACK.md). Every file
// that uses PoDoFo calls this before its first PoDoFo call; only the first call does anything.
// Include only where PoDoFo's headers are already included.
#include <podofo/podofo.h>

#include <mutex>

namespace sp::documents {

inline void quiet_podofo() {
  static std::once_flag once;
  std::call_once(once, [] {
    PoDoFo::PdfError::EnableDebug(false);
    PoDoFo::PdfError::EnableLogging(false);
  });
}

}  // namespace sp::documents
