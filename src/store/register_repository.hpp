#pragma once
// The Buku Registrasi's rows: an office's registered applications (those submitted, so numbered)
// in registration order, each with its applicant and the steps it has passed, read page by page
// so that an export of any length streams.
#include <optional>
#include <string>
#include <vector>

#include "store/records.hpp"

namespace sp::store {

struct RegisterQuery {
  std::string office;
  Instant from, to;                    // registered (submitted) in [from, to)
  std::vector<std::string> sop_codes;  // empty: every SOP of the office
  // "" all; "in_progress" at a step; "with_applicant"; "issued", "rejected", "withdrawn" closed so
  std::string status;
};

// Where a page ended: the next page starts after this registration.
struct RegisterCursor {
  long long submitted = 0, id = 0;
};

// A step done: the transition recorded at `step` (its number in the SOP).
struct StepDone {
  int step = 0;
  Instant at;
  bool overdue = false;
};

struct RegisterEntry {
  ApplicationRow app;        // without the form; with the applicant's name
  std::string applicant_nik;  // the confirmed NIK, empty when none
  std::vector<StepDone> steps;  // in the order they were done
};

class RegisterRepository {
 public:
  virtual ~RegisterRepository() = default;
  // At most `limit` entries after `after` (from the start when none), by registration time then id.
  virtual std::vector<RegisterEntry> page(const RegisterQuery& q, const std::optional<RegisterCursor>& after,
                                          int limit) = 0;
  virtual long long count(const RegisterQuery& q) = 0;
};

}  // namespace sp::store
