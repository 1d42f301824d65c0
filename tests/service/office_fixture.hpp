#pragma once
// A Kampar office on the in-memory store (memory_store.hpp): the catalog of the repository's
// SOPs, mail templates, a movable clock, blobs in memory and one person per role. Services run
// against it without a database.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog_loader.hpp"
#include "documents/blob_store.hpp"
#include "documents/pdf_objects.hpp"
#include "memory_store.hpp"
#include "service/app_context.hpp"
#include "service/principal.hpp"
#include "signing/signer_provider.hpp"

namespace sp::testing {

// Monday 7 December 2026, 09:00 WIB: the office is open. Tests move it with `advance`.
class MovableClock final : public Clock {
 public:
  Instant now() const override { return at; }
  void advance(long long seconds) { at.unix_seconds += seconds; }
  Instant at{1'796'608'800};
};

class MemoryBlobs final : public documents::BlobStore {
 public:
  Result<bool> put(const std::string& sha256, const std::string& bytes) override {
    blobs[sha256] = bytes;
    return true;
  }
  Result<std::string> get(const std::string& sha256) const override {
    auto it = blobs.find(sha256);
    if (it == blobs.end()) return make_error("not_found", "no blob " + sha256);
    return it->second;
  }
  std::map<std::string, std::string> blobs;
};

class OfficeFixture : public ::testing::Test {
 protected:
  // User ids.
  static constexpr long long kRina = 1, kLoket = 2, kBidang = 3, kKepala = 4, kOtherOffice = 5, kBudi = 6, kAdmin = 7;

  OfficeFixture()
      : loaded(load_catalog({SATUPINTU_SOURCE_DIR "/calendar/id-holidays.yaml", SATUPINTU_SOURCE_DIR "/sop"})),
        mail(*service::MailTemplates::load(SATUPINTU_SOURCE_DIR "/templates/mail")) {
    EXPECT_TRUE(loaded.problems.empty());
    store.data.users = {{kRina, {"applicant", "", "rina@contoh.id", "Rina Marlina"}},
                        {kLoket, {"officer", "kampar", "loket@kpr", "Lusi Loket"}},
                        {kBidang, {"officer", "kampar", "bidang@kpr", "Bambang Bidang"}},
                        {kKepala, {"officer", "kampar", "kepala@kpr", "Kadis Kampar"}},
                        {kOtherOffice, {"officer", "purwakarta", "fo@pwk", "Petugas Purwakarta"}},
                        {kBudi, {"applicant", "", "budi@contoh.id", "Budi Santoso"}},
                        {kAdmin, {"admin", "kampar", "admin@kpr", "Admin Kampar"}}};
    store.data.roles = {
        {kLoket, {"loket"}}, {kBidang, {"bidang"}}, {kKepala, {"kepala_dinas"}}, {kOtherOffice, {"front_office"}}};
    settings.pki_dir = "/nonexistent/pki";
    ctx = std::unique_ptr<service::AppContext>(
        new service::AppContext{loaded.catalog, nullptr, store, clock, blobs, settings, mail});
    ctx->signers = signers.get();
  }

  service::Principal person(long long id) const {
    const auto& u = store.data.users.at(id);
    service::Principal p;
    p.user_id = UserId{id};
    p.kind = u.kind == "admin"     ? service::UserKind::Admin
             : u.kind == "officer" ? service::UserKind::Officer
                                   : service::UserKind::Applicant;
    p.office = u.office;
    p.full_name = u.full_name;
    p.email = u.email;
    if (auto it = store.data.roles.find(id); it != store.data.roles.end()) p.roles = it->second;
    return p;
  }

  // A one-page PDF, as an applicant's scan would be.
  static std::string small_pdf() {
    return documents::pdf_from_objects({"<< /Type /Catalog /Pages 2 0 R >>",
                                        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                                        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"});
  }

  // The mails queued for `recipient`, by subject.
  std::vector<std::string> subjects_to(const std::string& recipient) const {
    std::vector<std::string> out;
    for (const auto& m : store.data.outbox)
      if (m.mail.recipient == recipient) out.push_back(m.mail.subject);
    return out;
  }
  std::vector<std::string> event_kinds() const {
    std::vector<std::string> out;
    for (const auto& e : store.data.events) out.push_back(e.kind);
    return out;
  }

  LoadedCatalog loaded;
  MemoryStore store;
  MovableClock clock;
  MemoryBlobs blobs;
  service::Settings settings;
  service::MailTemplates mail;
  std::unique_ptr<signing::SignerProvider> signers = signing::local_signer_provider("/nonexistent/pki");
  std::unique_ptr<service::AppContext> ctx;
};

}  // namespace sp::testing
