// Separation of duties in officers' roles (service/role_grants), on the in-memory store: no
// database. Purwakarta's kepala_dinas signs permits, so granting it needs a second admin.
#include <gtest/gtest.h>

#include <algorithm>

#include "auth/secrets.hpp"
#include "catalog/catalog_loader.hpp"
#include "documents/blob_store.hpp"
#include "memory_store.hpp"
#include "service/app_context.hpp"
#include "service/role_grants.hpp"

namespace sp::service {
namespace {

class FixedClock final : public Clock {
 public:
  Instant now() const override { return Instant{1'796'000'000}; }
};

class RoleGrantsTest : public ::testing::Test {
 protected:
  RoleGrantsTest()
      : loaded(load_catalog({SATUPINTU_SOURCE_DIR "/calendar/id-holidays.yaml", SATUPINTU_SOURCE_DIR "/sop"})),
        blobs(documents::filesystem_blob_store("/nonexistent/blobs")),
        mail(*MailTemplates::load(SATUPINTU_SOURCE_DIR "/templates/mail")) {
    store.data.users = {{1, {"admin", "purwakarta", "admin@pwk", "Admin Satu"}},
                        {2, {"admin", "purwakarta", "admin2@pwk", "Admin Dua"}},
                        {3, {"officer", "purwakarta", "kasi@pwk", "Pak Kasi"}},
                        {4, {"applicant", "", "rina@contoh.id", "Rina"}},
                        {5, {"admin", "kampar", "admin@kpr", "Admin Kampar"}}};
    store.data.roles = {{3, {"kasi"}}};
    settings.pki_dir = "/nonexistent/pki";  // no development CA: no certificates issued here
    ctx = std::unique_ptr<AppContext>(new AppContext{loaded.catalog, nullptr, store, clock, *blobs, settings, mail});
  }
  Principal admin(long long id, const std::string& office = "purwakarta") {
    Principal p;
    p.user_id = UserId{id};
    p.kind = UserKind::Admin;
    p.office = office;
    return p;
  }
  std::vector<std::string> kinds_logged() {
    std::vector<std::string> out;
    for (const auto& e : store.data.events) out.push_back(e.kind);
    return out;
  }

  LoadedCatalog loaded;
  testing::MemoryStore store;
  FixedClock clock;
  std::unique_ptr<documents::BlobStore> blobs;
  MailTemplates mail;
  Settings settings;
  std::unique_ptr<AppContext> ctx;
};

TEST_F(RoleGrantsTest, AnOrdinaryRoleChangeAppliesAtOnceAndIsAudited) {
  ASSERT_TRUE(auth::init_crypto());
  auto r = set_officer_roles(*ctx, admin(1), UserId{3}, {"kasi", "kabid"});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->applied);
  EXPECT_EQ(store.data.roles[3], (std::vector<std::string>{"kasi", "kabid"}));
  EXPECT_EQ(kinds_logged(), std::vector<std::string>{"officer_roles_changed"});
}

TEST_F(RoleGrantsTest, RefusesSelfChangeOtherOfficesApplicantsAndUnknownRoles) {
  ASSERT_TRUE(auth::init_crypto());
  const auto code = [](const Result<RoleChange>& r) { return r.ok() ? std::string("ok") : r.error().code; };
  EXPECT_EQ(code(set_officer_roles(*ctx, admin(1), UserId{1}, {"kasi"})), "forbidden");
  EXPECT_EQ(code(set_officer_roles(*ctx, admin(5, "kampar"), UserId{3}, {"bidang"})), "not_found");
  EXPECT_EQ(code(set_officer_roles(*ctx, admin(1), UserId{4}, {"kasi"})), "not_found");
  EXPECT_EQ(code(set_officer_roles(*ctx, admin(1), UserId{3}, {"kasir"})), "invalid_field");
  EXPECT_EQ(code(set_officer_roles(*ctx, admin(1), UserId{3}, {})), "invalid_field") << "an officer keeps a role";
  Principal officer = admin(3);
  officer.kind = UserKind::Officer;
  EXPECT_EQ(code(set_officer_roles(*ctx, officer, UserId{3}, {"kasi"})), "forbidden");
  EXPECT_TRUE(store.data.events.empty()) << "nothing refused is logged";
  EXPECT_EQ(store.data.roles[3], std::vector<std::string>{"kasi"});
}

TEST_F(RoleGrantsTest, ASigningRoleWaitsForASecondAdmin) {
  ASSERT_TRUE(auth::init_crypto());
  auto r = set_officer_roles(*ctx, admin(1), UserId{3}, {"kasi", "kepala_dinas"});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_FALSE(r->applied);
  ASSERT_GT(r->grant_id, 0);
  EXPECT_EQ(store.data.roles[3], std::vector<std::string>{"kasi"}) << "not in force yet";

  auto pending = pending_role_grants(*ctx, admin(2));
  ASSERT_TRUE(pending.ok());
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ(pending->front().officer_name, "Pak Kasi");
  EXPECT_EQ(pending->front().requested_by_name, "Admin Satu");

  auto own = approve_role_grant(*ctx, admin(1), r->grant_id);
  ASSERT_FALSE(own.ok());
  EXPECT_EQ(own.error().code, "forbidden") << "the requester does not approve";
  auto elsewhere = approve_role_grant(*ctx, admin(5, "kampar"), r->grant_id);
  ASSERT_FALSE(elsewhere.ok());
  EXPECT_EQ(elsewhere.error().code, "not_found");

  ASSERT_TRUE(approve_role_grant(*ctx, admin(2), r->grant_id).ok());
  auto held = store.data.roles[3];
  std::sort(held.begin(), held.end());
  EXPECT_EQ(held, (std::vector<std::string>{"kasi", "kepala_dinas"}));
  auto again = approve_role_grant(*ctx, admin(2), r->grant_id);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "conflict");
  EXPECT_EQ(kinds_logged(), (std::vector<std::string>{"officer_roles_requested", "officer_roles_changed"}));
  EXPECT_EQ(store.data.events.back().payload.find("\"approved_by\":2") != std::string::npos, true)
      << store.data.events.back().payload;
}

TEST_F(RoleGrantsTest, TheOperatorSetsSigningRolesDirectly) {
  ASSERT_TRUE(auth::init_crypto());
  ASSERT_TRUE(operator_set_roles(*ctx, "purwakarta", "kasi@pwk", {"kepala_dinas"}).ok());
  EXPECT_EQ(store.data.roles[3], std::vector<std::string>{"kepala_dinas"});
  EXPECT_FALSE(store.data.events.back().actor_id.has_value()) << "the operator has no account";
  auto missing = operator_set_roles(*ctx, "kampar", "kasi@pwk", {"kasi"});
  EXPECT_FALSE(missing.ok());
}

}  // namespace
}  // namespace sp::service
