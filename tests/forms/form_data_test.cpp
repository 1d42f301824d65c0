// Submitted form data against the seed permits' forms: what is stored, and every rule a field
// can break, named by its path and its stable rule code.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "catalog/catalog_loader.hpp"
#include "forms/field_formats.hpp"
#include "forms/form_data.hpp"
#include "forms/form_examples.hpp"
#include "test_data.hpp"

namespace sp::forms {
namespace {

using nlohmann::json;

class FormData : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    loaded =
        new LoadedCatalog(load_catalog({test::source_path("calendar/id-holidays.yaml"), test::source_path("sop")}));
  }
  static void TearDownTestSuite() { delete loaded; }
  static const PermitForm& form(const char* sop) { return loaded->catalog.form(*loaded->catalog.sop(sop)); }

  // The rule each field broke, by path.
  static std::map<std::string, std::string> problems(const char* sop, const json& data) {
    auto r = check_form_data(form(sop), data);
    std::map<std::string, std::string> out;
    if (r) return out;
    EXPECT_EQ(r.error().code, "invalid_field");
    EXPECT_EQ(r.error().message.rfind(r.error().fields.front().field + ": ", 0), 0u) << r.error().message;
    for (const auto& f : r.error().fields) out[f.field] = f.rule;
    return out;
  }
  static json doctor() { return example_data(form("kpr-dokter")); }

  static LoadedCatalog* loaded;
};
LoadedCatalog* FormData::loaded = nullptr;

TEST_F(FormData, EverySeedPermitsExamplesMakeAValidApplication) {
  ASSERT_TRUE(loaded->problems.empty());
  for (const auto& sop : loaded->catalog.sops()) {
    SCOPED_TRACE(sop.code);
    ASSERT_FALSE(sop.permit.form.empty());
    const json data = example_data(sop.permit.form);
    auto r = check_form_data(sop.permit.form, data);
    ASSERT_TRUE(r.ok()) << r.error().message;
    // Stored as checked: a second check changes nothing.
    auto again = check_form_data(sop.permit.form, *r);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, *r);
  }
}

TEST_F(FormData, TheOpticianFormAsksForTheFacilityNotAPractitionersStr) {
  const PermitForm& f = form("pwk-optikal");
  EXPECT_NE(f.field("business_name"), nullptr);
  EXPECT_NE(f.field("nib"), nullptr);
  EXPECT_NE(f.field("npwp"), nullptr);
  EXPECT_NE(f.field("refractionist_str"), nullptr);
  EXPECT_EQ(f.field("str_number"), nullptr);
  EXPECT_EQ(f.field("profession"), nullptr);
  EXPECT_TRUE(f.field("owner_nik")->personal);
}

TEST_F(FormData, EveryMissingRequiredFieldIsListed) {
  const auto p = problems("kpr-dokter", json::object());
  for (const char* key :
       {"profession", "str_number", "sip_held", "practice_kind", "practice_place", "practice_address"})
    EXPECT_EQ(p.count(std::string("data.") + key) ? p.at(std::string("data.") + key) : "", "required") << key;
  // Shown only for a specialist, and only at a health facility: not asked when nothing is chosen.
  EXPECT_EQ(p.count("data.specialty"), 0u);
  EXPECT_EQ(p.count("data.facility_head"), 0u);
}

TEST_F(FormData, ConditionsShowFieldsAndRefuseValuesForHiddenOnes) {
  json d = doctor();
  d["profession"] = "dokter_spesialis";
  EXPECT_EQ(problems("kpr-dokter", d), (std::map<std::string, std::string>{{"data.specialty", "required"}}));
  d["specialty"] = "Penyakit Dalam";
  EXPECT_TRUE(problems("kpr-dokter", d).empty());
  d["profession"] = "dokter";
  EXPECT_EQ(problems("kpr-dokter", d), (std::map<std::string, std::string>{{"data.specialty", "not_applicable"}}));
  // An empty value for a hidden field is what a form that hid it sends: dropped, not refused.
  d["specialty"] = "";
  auto ok = check_form_data(form("kpr-dokter"), d);
  ASSERT_TRUE(ok.ok());
  EXPECT_FALSE(ok->contains("specialty"));
  json o = example_data(form("pwk-optikal"));
  o["own_lab"] = false;
  EXPECT_EQ(problems("pwk-optikal", o), (std::map<std::string, std::string>{{"data.partner_lab", "required"}}));
}

TEST_F(FormData, IdentifiersAreCheckedAndStoredInOneForm) {
  json o = example_data(form("pwk-optikal"));
  o["business_phone"] = "0812-3456-7890";
  o["npwp"] = "01.234.567.8-409.000";
  o["nib"] = "9120 0012 3456 7";
  auto r = check_form_data(form("pwk-optikal"), o);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ((*r)["business_phone"], "+6281234567890");
  EXPECT_EQ((*r)["npwp"], "012345678409000");
  EXPECT_EQ((*r)["nib"], "9120001234567");
  o["business_phone"] = "12345";
  o["npwp"] = "01.234.567";
  o["nib"] = "NIB-1";
  o["owner_nik"] = "1234567890123456";
  o["refractionist_str"] = "abc";
  EXPECT_EQ(problems("pwk-optikal", o),
            (std::map<std::string, std::string>{{"data.business_phone", "invalid_phone"},
                                                {"data.npwp", "invalid_npwp"},
                                                {"data.nib", "invalid_nib"},
                                                {"data.owner_nik", "invalid_nik"},
                                                {"data.refractionist_str", "invalid_str_number"}}));
}

TEST_F(FormData, TypesLimitsAndUnknownFields) {
  json d = doctor();
  d["sip_held"] = "1";
  d["practice_kind"] = "rumah";
  d["hobby"] = "catur";
  d["practice_place"] = std::string("Klinik\x01");
  d["practice_address"] = std::string(301, 'a');
  EXPECT_EQ(problems("kpr-dokter", d), (std::map<std::string, std::string>{{"data.sip_held", "wrong_type"},
                                                                           {"data.practice_kind", "not_an_option"},
                                                                           {"data.hobby", "unknown_field"},
                                                                           {"data.practice_place", "not_text"},
                                                                           {"data.practice_address", "too_long"}}));
  d = doctor();
  d["sip_held"] = 1.5;
  EXPECT_EQ(problems("kpr-dokter", d).at("data.sip_held"), "too_many_decimals");
  d["sip_held"] = 3;  // a doctor may hold three permits: this would be a fourth
  EXPECT_EQ(problems("kpr-dokter", d).at("data.sip_held"), "above_maximum");
  d["sip_held"] = -1;
  EXPECT_EQ(problems("kpr-dokter", d).at("data.sip_held"), "below_minimum");
  EXPECT_EQ(problems("kpr-dokter", json::array()), (std::map<std::string, std::string>{{"data", "wrong_type"}}));
}

TEST_F(FormData, RepeatedGroupsCheckEachItemAtItsPath) {
  json d = doctor();
  d["other_sips"] = json::array({{{"number", "503/SIP/1"}, {"place", "RS A"}, {"regency", "Pekanbaru"}},
                                 {{"number", "503/SIP/2"}, {"place", "RS B"}}});
  EXPECT_EQ(problems("kpr-dokter", d),
            (std::map<std::string, std::string>{{"data.other_sips[1].regency", "required"}}));
  d["other_sips"].push_back(d["other_sips"][0]);
  EXPECT_EQ(problems("kpr-dokter", d).at("data.other_sips"), "too_many_items");
  d["other_sips"] = "RS A";
  EXPECT_EQ(problems("kpr-dokter", d).at("data.other_sips"), "wrong_type");
}

TEST_F(FormData, ProblemsAreBoundedAndTextIsTrimmed) {
  json d = doctor();
  for (int i = 0; i < 500; ++i) d["x" + std::to_string(i)] = i;
  auto r = check_form_data(form("kpr-dokter"), d);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields.size(), 50u);
  d = doctor();
  d["practice_place"] = "  Klinik Sehat  ";
  EXPECT_EQ((*check_form_data(form("kpr-dokter"), d))["practice_place"], "Klinik Sehat");
}

TEST_F(FormData, PrintedValuesUseTheFormsWords) {
  const PermitForm& f = form("kpr-dokter");
  EXPECT_EQ(printed_value(*f.field("profession"), "dokter_gigi"), "Dokter gigi");
  EXPECT_EQ(printed_value(*f.field("practice_place"), json()), "-");
  EXPECT_EQ(printed_value(*f.field("sip_held"), 2), "2");
  EXPECT_EQ(printed_value(*form("pwk-optikal").field("own_lab"), true), "Ya");
  EXPECT_EQ(printed_value(*f.field("other_sips"),
                          json::array({{{"number", "1/SIP"}, {"place", "RS A"}, {"regency", "Kampar"}}})),
            "Nomor SIP: 1/SIP, Tempat praktik: RS A, Kabupaten/kota: Kampar");
}

TEST(FieldFormats, PhoneNumbersInEveryCommonWriting) {
  for (const char* p : {"081234567890", "+62 812-3456-7890", "62812 3456 7890", "0812.3456.7890", "(0812) 34567890"})
    EXPECT_EQ(normalize_phone(p).ok() ? *normalize_phone(p) : "", "+6281234567890") << p;
  EXPECT_EQ(*normalize_phone("(022) 4231234"), "+62224231234");
  for (const char* p :
       {"", "0812", "+1 415 555 0100", "00812345678", "0812345678901234", "0812-abc-7890", "+0812345678"})
    EXPECT_FALSE(normalize_phone(p).ok()) << p;
}

TEST(FieldFormats, NpwpNibAndStrNumbers) {
  EXPECT_EQ(*normalize_npwp("3214014501800003"), "3214014501800003");
  EXPECT_FALSE(normalize_npwp("01.234.567.8-409.00").ok());
  EXPECT_FALSE(normalize_npwp(std::string(30, ' ') + "012345678409000" + std::string(30, ' ') + "x").ok());
  EXPECT_EQ(*normalize_nib("9120001234567"), "9120001234567");
  EXPECT_FALSE(normalize_nib("91200012345678").ok());
  EXPECT_TRUE(check_str_number("KT.01.02/3/123456").ok());
  EXPECT_FALSE(check_str_number("STR-1").ok());
  EXPECT_FALSE(check_str_number("12345 67890").ok());
}

}  // namespace
}  // namespace sp::forms
