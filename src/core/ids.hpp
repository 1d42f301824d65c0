#pragma once
// Strong identifiers: an ApplicationId cannot be passed where a UserId is expected.
#include <compare>
#include <cstdint>

namespace sp {

template <class Tag>
struct Id {
  std::int64_t value = 0;
  friend auto operator<=>(const Id&, const Id&) = default;
};

using UserId = Id<struct UserTag>;
using ApplicationId = Id<struct ApplicationTag>;
using DocumentId = Id<struct DocumentTag>;                    // an uploaded requirement document
using GeneratedDocumentId = Id<struct GeneratedDocumentTag>;  // a document the office issued

}  // namespace sp
