#pragma once
// Walk-in applicants (pendaftaran di loket): someone who comes to the counter instead of applying
// online. The counter officer (the actor of the SOP's first office step: front office, loket)
// registers them from their KTP, opens the file for them and does their part in it (form,
// scanned documents, submission); every event names the officer and the applicant. With an
// e-mail address the applicant gets a link to claim the account and follow the file online;
// without one they follow it by its registration number on the public status page.
#include <string>

#include "core/result.hpp"
#include "service/app_context.hpp"
#include "service/principal.hpp"

namespace sp::service {

struct WalkIn {
  std::string full_name, nik;
  std::string email;       // optional
  std::string phone;       // optional, but one way to reach them is needed: e-mail or phone
  std::string profession;  // optional
};

struct WalkInAccount {
  UserId id;
  std::string full_name, nik_masked, email, phone;
  bool created = false;      // false: the NIK already had an account, which is used
  bool link_mailed = false;  // a claim link went to the e-mail address
};

// Does the officer serve the office's counter (hold the first office step's role of one of its
// SOPs)?
bool may_serve_walk_ins(const Catalog& catalog, const Principal& p, const std::string& office);

// Registers a walk-in applicant at the officer's office, or finds the account that already holds
// the NIK (the person is the same; it then stands approved with this office too). The NIK is
// taken as confirmed: the officer has seen the KTP. Errors: forbidden (not the counter),
// invalid_field (the data), conflict (the e-mail belongs to someone else; the office refused
// this account).
Result<WalkInAccount> register_walk_in(AppContext& ctx, const Principal& officer, const WalkIn& w);

}  // namespace sp::service
