#pragma once
// The documents the office issues: planned in the action's transaction, produced (rendered,
// signed, stored) after it, then printed, delivered, revoked and verified.
#include <optional>
#include <string>
#include <vector>

#include "store/records.hpp"

namespace sp::store {

class GeneratedDocumentRepository {
 public:
  virtual ~GeneratedDocumentRepository() = default;
  // Plans a pending document (its id and the produced fields are ignored).
  virtual void plan(const GeneratedDocumentRecord& doc) = 0;
  // Pending documents, oldest first, of one application or (nullopt) all.
  virtual std::vector<GeneratedDocumentRecord> pending(std::optional<long long> application_id, int limit) = 0;
  // Marks a pending document ready; `signer` empty when unsigned.
  virtual void mark_ready(long long id, const std::string& sha256, long long size, Instant at,
                          const std::string& signer) = 0;
  virtual std::optional<GeneratedDocumentRecord> find(long long application_id, long long id) = 0;
  // Records the first delivery; false when one was recorded already.
  virtual bool mark_delivered(long long id, Instant at) = 0;
  virtual void revoke(long long id, Instant at, const std::string& reason) = 0;
  // Counts one more print; returns the count.
  virtual int record_print(long long id, Instant at, long long by) = 0;
  virtual std::optional<VerificationRecord> by_verify_code(const std::string& code) = 0;
};

}  // namespace sp::store
