#pragma once
// Kampar's doctor's-permit files (kpr-dokter) driven through the application service on the
// in-memory office: a clock set by the office's local time, a file submitted with every
// mandatory document, and an officer's action that must succeed.
#include <gtest/gtest.h>

#include "forms/form_examples.hpp"
#include "office_fixture.hpp"
#include "service/applications.hpp"

namespace sp::testing {

class KamparFiles : public OfficeFixture {
 protected:
  // Sets the clock to `day` December 2026, hh:mm in Kampar (WIB).
  void at(int day, int hh, int mm) { clock.at = from_local(Date{2026, 12, day}, hh * 60 + mm, ZoneOffset{7 * 3600}); }
  void upload(ApplicationId id, const std::string& requirement) {
    auto r = service::attach_document(*ctx, person(kRina), id,
                                      {requirement, requirement + ".pdf", "application/pdf", small_pdf()});
    ASSERT_TRUE(r.ok()) << r.error().message;
  }
  // Rina's file, submitted now: at the counter's check (step 2).
  ApplicationId submitted() {
    const auto form = forms::example_data(loaded.catalog.form(*loaded.catalog.sop("kpr-dokter")));
    auto id = service::create_draft(*ctx, person(kRina), "kpr-dokter", form, std::nullopt);
    EXPECT_TRUE(id.ok()) << id.error().message;
    for (const auto& q : {"surat_permohonan", "str", "tempat_praktik", "ktp", "pas_foto"}) upload(*id, q);
    act_ok(kRina, *id, "selesai");
    return *id;
  }
  void act_ok(long long who, ApplicationId id, const std::string& action, service::ActRequest req = {}) {
    req.action = action;
    auto r = service::act(*ctx, person(who), id, req);
    ASSERT_TRUE(r.ok()) << action << ": " << r.error().message;
  }
};

}  // namespace sp::testing
