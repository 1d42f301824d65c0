// The office admin's SOP editor (service/sop_editing) on the in-memory store: a draft is checked
// as a definition and as the next version, published with its audit event, and followed by new
// files from its Tanggal Efektif while running ones keep theirs.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "office_fixture.hpp"
#include "forms/form_examples.hpp"
#include "service/applications.hpp"
#include "service/sop_editing.hpp"
#include "service/sop_publishing.hpp"

namespace sp::service {
namespace {

class SopEditing : public testing::OfficeFixture {
 protected:
  SopEditing() {
    auto published = publish_sop_versions(store, loaded.catalog, clock.now());
    EXPECT_TRUE(published.ok());
    std::ifstream in(SATUPINTU_SOURCE_DIR "/sop/kampar/izin-praktik-dokter.yaml");
    std::stringstream text;
    text << in.rdbuf();
    v2 = text.str();
  }
  // Version 2 as version 3 taking effect on `effective`, step 2 taking 30 minutes.
  std::string next(const std::string& effective, int version = 3) const {
    std::string t = std::regex_replace(v2, std::regex("\nversion: 2[^\n]*"), "\nversion: " + std::to_string(version),
                                       std::regex_constants::format_first_only);
    t = std::regex_replace(t, std::regex("effective: 2022-01-11"), "effective: " + effective);
    return std::regex_replace(t, std::regex("time: 15 menit"), "time: 30 menit");
  }
  static bool mentions(const SopDraftView& v, const std::string& words) {
    for (const auto& p : v.problems)
      if (p.message.find(words) != std::string::npos) return true;
    return false;
  }
  std::string v2;
};

// The fixture's clock: Monday 7 December 2026 in Kampar.
constexpr const char* kToday = "2026-12-07";

TEST_F(SopEditing, ChecksADraftAsTheNextVersion) {
  auto unchanged = check_sop_draft(*ctx, person(kAdmin), "kpr-dokter", v2);
  ASSERT_TRUE(unchanged.ok()) << unchanged.error().message;
  EXPECT_TRUE(mentions(*unchanged, "the next version is 3")) << unchanged->problems.size();

  auto good = check_sop_draft(*ctx, person(kAdmin), "kpr-dokter", next(kToday));
  ASSERT_TRUE(good.ok());
  EXPECT_TRUE(good->problems.empty()) << good->problems.front().message;
  EXPECT_EQ(good->version, 3);

  auto past = check_sop_draft(*ctx, person(kAdmin), "kpr-dokter", next("2026-12-04"));
  ASSERT_TRUE(past.ok());
  EXPECT_TRUE(mentions(*past, "has passed"));

  std::string other_permit = next(kToday);
  other_permit.replace(other_permit.find("code: SIP-DOKTER"), 16, "code: SIP-LAIN");
  auto renamed = check_sop_draft(*ctx, person(kAdmin), "kpr-dokter", other_permit);
  ASSERT_TRUE(renamed.ok());
  EXPECT_TRUE(mentions(*renamed, "in every version"));

  // A parser's problem is reported at its line.
  std::string broken = next(kToday);
  const std::size_t at = broken.find("    actor: loket\n");
  broken.replace(at, 16, "    actor: lokett");
  const int line = 1 + static_cast<int>(std::count(broken.begin(), broken.begin() + static_cast<long>(at), '\n'));
  auto bad = check_sop_draft(*ctx, person(kAdmin), "kpr-dokter", broken);
  ASSERT_TRUE(bad.ok());
  ASSERT_FALSE(bad->problems.empty());
  EXPECT_EQ(bad->problems.front().line, line) << bad->problems.front().message;
}

TEST_F(SopEditing, OnlyTheOfficesAdminEditsItsSops) {
  for (long long who : {kLoket, kRina, kOtherOffice}) {
    auto r = check_sop_draft(*ctx, person(who), "kpr-dokter", next(kToday));
    ASSERT_FALSE(r.ok()) << who;
    EXPECT_EQ(r.error().code, "forbidden") << who;
  }
  auto other = person(kAdmin);
  other.office = "purwakarta";
  EXPECT_EQ(check_sop_draft(*ctx, other, "kpr-dokter", next(kToday)).error().code, "forbidden");
  EXPECT_EQ(check_sop_draft(*ctx, person(kAdmin), "nope", next(kToday)).error().code, "not_found");
  EXPECT_EQ(check_sop_draft(*ctx, person(kAdmin), "kpr-dokter", "  \n").error().code, "invalid_field");
  EXPECT_EQ(check_sop_draft(*ctx, person(kAdmin), "kpr-dokter", std::string(kMaxSopDraftBytes + 1, 'x')).error().code,
            "invalid_field");
}

TEST_F(SopEditing, PublishesAVersionThatNewFilesFollowFromItsDate) {
  const std::string v3 = next("2026-12-08");
  auto published = publish_sop_version(*ctx, person(kAdmin), "kpr-dokter", v3);
  ASSERT_TRUE(published.ok()) << published.error().message;
  EXPECT_EQ(published->version, 3);
  EXPECT_EQ(published->status, "upcoming");
  EXPECT_EQ(published->published_by, "Admin Kampar");
  const auto& stored = store.data.sop_versions.at({"kpr-dokter", 3});
  EXPECT_EQ(stored.published_by, kAdmin);
  EXPECT_EQ(stored.source, v3);
  EXPECT_EQ(event_kinds().back(), "sop_published");
  EXPECT_EQ(loaded.catalog.sop_in_effect("kpr-dokter", kToday)->version, 2);
  EXPECT_EQ(loaded.catalog.sop_in_effect("kpr-dokter", "2026-12-08")->version, 3);
  // The same number again is not the next version.
  auto again = publish_sop_version(*ctx, person(kAdmin), "kpr-dokter", v3);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "invalid_definition");
  EXPECT_FALSE(again.error().items.empty());

  const nlohmann::json data = forms::example_data(loaded.catalog.form(*loaded.catalog.sop("kpr-dokter", 2)));
  auto today = create_application(*ctx, person(kRina), "kpr-dokter", data, std::nullopt);
  ASSERT_TRUE(today.ok()) << today.error().message;
  clock.advance(24 * 3600);
  auto tomorrow = create_application(*ctx, person(kBudi), "kpr-dokter", data, std::nullopt);
  ASSERT_TRUE(tomorrow.ok()) << tomorrow.error().message;
  EXPECT_EQ(store.data.applications.at(today->id.value).sop_version, 2) << "a file opened before keeps its version";
  EXPECT_EQ(store.data.applications.at(tomorrow->id.value).sop_version, 3);
  auto history = list_sop_versions(*ctx, "kpr-dokter");
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->items.size(), 2u);
  EXPECT_EQ(history->items[0].status, "superseded");
  EXPECT_EQ(history->items[1].status, "in_effect");
}

TEST_F(SopEditing, ADraftIsSubmittedUnderTheVersionInEffectThatDay) {
  const nlohmann::json data = forms::example_data(loaded.catalog.form(*loaded.catalog.sop("kpr-dokter", 2)));
  auto opened = create_application(*ctx, person(kRina), "kpr-dokter", data, std::nullopt);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  const ApplicationId id = opened->id;
  for (const char* q : {"surat_permohonan", "str", "tempat_praktik", "ktp", "pas_foto"})
    ASSERT_TRUE(attach_document(*ctx, person(kRina), id, {q, std::string(q) + ".pdf", "application/pdf", small_pdf()}).ok());
  // Version 3 asks for one more document, from tomorrow.
  std::string v3 = next("2026-12-08");
  v3.insert(v3.find("  requirements:\n") + 16,
            "    - code: sertifikat_baru\n      name: Sertifikat kompetensi\n      mandatory: true\n");
  auto published = publish_sop_version(*ctx, person(kAdmin), "kpr-dokter", v3);
  ASSERT_TRUE(published.ok()) << published.error().message;
  EXPECT_EQ(get_application(*ctx, person(kRina), id)->sop_version, 2) << "today the draft is still under version 2";
  clock.advance(24 * 3600);
  auto view = get_application(*ctx, person(kRina), id);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->sop_version, 3) << "the draft shows the version it will be submitted under";
  EXPECT_TRUE(std::any_of(view->requirements.begin(), view->requirements.end(),
                          [](const auto& q) { return q.code == "sertifikat_baru"; }));
  const std::string submit = view->actions.at(0).code;
  ActRequest req;
  req.action = submit;
  auto missing = act(*ctx, person(kRina), id, req);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "missing_documents");
  EXPECT_EQ(missing.error().items, std::vector<std::string>{"sertifikat_baru"});
  ASSERT_TRUE(attach_document(*ctx, person(kRina), id, {"sertifikat_baru", "s.pdf", "application/pdf", small_pdf()}).ok());
  auto submitted = act(*ctx, person(kRina), id, req);
  ASSERT_TRUE(submitted.ok()) << submitted.error().message;
  EXPECT_EQ(store.data.applications.at(id.value).sop_version, 3);
  EXPECT_EQ(nlohmann::json::parse(store.data.events.back().payload).value("sop_version", 0), 3);
}

TEST(SopInEffect, TheNewestVersionWhoseDateHasCome) {
  Catalog c;
  const auto add = [&](int version, std::string effective) {
    Sop s;
    s.code = "x";
    s.version = version;
    s.identity.effective = std::move(effective);
    return c.install_sop(std::move(s));
  };
  const Sop* v1 = add(1, "2030-01-01");  // the first is in effect before its date: nothing else is
  EXPECT_EQ(c.sop_in_effect("x", "2026-12-07"), v1);
  const Sop* v2 = add(2, "2026-12-01");
  const Sop* v3 = add(3, "2026-12-10");
  EXPECT_EQ(add(3, "2026-12-11"), nullptr) << "a version is installed once";
  EXPECT_EQ(c.sop_in_effect("x", "2026-12-07"), v2);
  EXPECT_EQ(c.sop_in_effect("x", "2026-12-10"), v3);
  EXPECT_EQ(c.sop_in_effect("y", "2026-12-10"), nullptr);
  EXPECT_EQ(c.sops().size(), 3u);
}

}  // namespace
}  // namespace sp::service
