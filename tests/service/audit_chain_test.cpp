// The audit chain as service/audit_log builds and checks it, on the in-memory store: no database.
#include <gtest/gtest.h>

#include "auth/secrets.hpp"
#include "memory_store.hpp"
#include "service/audit_log.hpp"

namespace sp::service {
namespace {

AuditEvent event(const std::string& office, long long app, const std::string& action) {
  AuditEvent e;
  e.office = office;
  e.application_id = app;
  e.kind = "acted";
  e.actor_id = 7;
  e.role = "kasi";
  e.step = 6;
  e.action = action;
  e.note = "catatan";
  e.at = Instant{1'796'000'000};
  e.elapsed_minutes = 30;
  e.allowed = "1 hari kerja";
  e.payload = {{"version", 3}};
  return e;
}

class AuditChainTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(auth::init_crypto()); }
  long long append(const AuditEvent& e) {
    auto r = store.write([&](store::Transaction& tx) -> Result<long long> { return append_event(tx, e); });
    EXPECT_TRUE(r.ok());
    return r.ok() ? *r : -1;
  }
  ChainReport report(const std::string& office) {
    auto r = verify_chains(store, office);
    EXPECT_TRUE(r.ok());
    return r.ok() && r->size() == 1 ? r->front() : ChainReport{};
  }
  testing::MemoryStore store;
};

TEST_F(AuditChainTest, EventsAreNumberedPerOfficeAndLinkedByHash) {
  EXPECT_EQ(append(event("purwakarta", 1, "lengkap")), 1);
  EXPECT_EQ(append(event("kampar", 2, "lengkap")), 1);
  EXPECT_EQ(append(event("purwakarta", 1, "disetujui")), 2);
  const auto& ev = store.data.events;
  ASSERT_EQ(ev.size(), 3u);
  EXPECT_EQ(ev[0].prev_hash, chain_genesis());
  EXPECT_EQ(ev[2].prev_hash, ev[0].hash);
  EXPECT_EQ(ev[2].hash, chain_hash(event("purwakarta", 1, "disetujui"), 2, ev[0].hash)) << "bulk loaders hash alike";
  EXPECT_EQ(store.data.heads["purwakarta"].seq, 2);
  EXPECT_EQ(store.data.heads["purwakarta"].hash, ev[2].hash);
  const auto r = report("purwakarta");
  EXPECT_TRUE(r.ok) << r.problem;
  EXPECT_EQ(r.events, 2);
}

TEST_F(AuditChainTest, AStorePlacingEventsItselfHashesThemAsTheServiceDoes) {
  // Notes that look like the hashed text's own keys, quotes, backslashes and non-ASCII text.
  const std::vector<std::string> notes{"catatan", R"(","prev_hash":"<prev>","seq":-9876543210123,)",
                                       "kutip \" dan garis miring \\", "Tempat praktik – Purwakarta"};
  for (bool chained : {true, false}) {
    testing::MemoryStore s;
    s.data.chained_appends = chained;
    for (const auto& note : notes) {
      auto e = event("purwakarta", 1, "lengkap");
      e.note = note;
      e.application_id = std::nullopt;  // null fields too
      ASSERT_TRUE(s.write([&](store::Transaction& tx) -> Result<long long> { return append_event(tx, e); }).ok());
    }
    const auto& ev = s.data.events;
    ASSERT_EQ(ev.size(), notes.size());
    std::string prev = chain_genesis();
    for (std::size_t i = 0; i < ev.size(); ++i) {
      auto e = event("purwakarta", 1, "lengkap");
      e.note = notes[i];
      e.application_id = std::nullopt;
      EXPECT_EQ(ev[i].hash, chain_hash(e, static_cast<long long>(i) + 1, prev)) << (chained ? "chained " : "") << i;
      prev = ev[i].hash;
    }
    auto r = verify_chains(s, std::string("purwakarta"));
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->front().ok) << r->front().problem;
  }
}

TEST_F(AuditChainTest, AFailedUnitOfWorkLeavesNoEventAndNoHeadBehind) {
  append(event("purwakarta", 1, "lengkap"));
  auto r = store.write([&](store::Transaction& tx) -> Result<bool> {
    append_event(tx, event("purwakarta", 1, "disetujui"));
    return make_error("version_conflict", "someone was faster");
  });
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "version_conflict");
  EXPECT_EQ(store.data.events.size(), 1u);
  EXPECT_EQ(store.data.heads["purwakarta"].seq, 1);
  EXPECT_EQ(append(event("purwakarta", 1, "disetujui")), 2) << "the number is not lost";
}

TEST_F(AuditChainTest, NamesTheFirstModifiedMissingOrReorderedEvent) {
  for (const char* a : {"a", "b", "c", "d"}) append(event("purwakarta", 1, a));
  const auto pristine = store.data;

  store.data.events[1].note = "diubah";
  auto r = report("purwakarta");
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq, 2);
  EXPECT_NE(r.problem.find("was modified"), std::string::npos) << r.problem;

  store.data = pristine;
  store.data.events.erase(store.data.events.begin() + 2);
  r = report("purwakarta");
  EXPECT_EQ(r.first_bad_seq, 4);
  EXPECT_NE(r.problem.find("event 3 is missing"), std::string::npos) << r.problem;

  store.data = pristine;
  std::swap(store.data.events[1].seq, store.data.events[2].seq);
  r = report("purwakarta");
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq, 2);

  store.data = pristine;
  store.data.events.pop_back();  // the newest event, which no later event points to
  r = report("purwakarta");
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.problem.find("removed from the end"), std::string::npos) << r.problem;
}

TEST_F(AuditChainTest, UnknownOfficeIsNotFound) {
  auto r = verify_chains(store, std::string("bogor"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "not_found");
}

}  // namespace
}  // namespace sp::service
