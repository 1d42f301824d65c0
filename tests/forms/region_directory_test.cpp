// The region directory an address field chooses from, and address values checked against it:
// codes that extend their parent's, names stored, the address printed as it is written.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "forms/form_data.hpp"
#include "forms/form_examples.hpp"
#include "forms/region_directory.hpp"

namespace sp::forms {
namespace {

using nlohmann::json;

RegionFile file(const char* name, std::string text) { return {name, std::move(text)}; }

std::optional<RegionDirectory> sample(Diagnostics& d) {
  return RegionDirectory::parse(file("provinces.csv", "code,name\n32,Jawa Barat\n14,Riau\n"),
                                file("regencies.csv", "code,province_code,name\n32.14,32,Kabupaten Purwakarta\n"
                                                      "14.01,14,Kabupaten Kampar\n"),
                                file("districts.csv", "code,regency_code,name\r\n32.14.01,32.14,Purwakarta\r\n"
                                                      "14.01.01,14.01,Bangkinang Kota\r\n"),
                                file("villages.csv", "code,district_code,name\n32.14.01.1001,32.14.01,Nagri Kaler\n"
                                                     "14.01.01.2009,14.01.01,Kumantan\n"
                                                     "14.01.01.2010,14.01.01,\"Ridan Permai, \"\"Baru\"\"\"\n"),
                                d);
}

TEST(RegionDirectory, CodesExtendTheirParentsAndChildrenComeInTheFilesOrder) {
  Diagnostics d;
  const auto dir = sample(d);
  ASSERT_TRUE(dir) << d.front().to_string();
  EXPECT_EQ(dir->size(), 9u);
  ASSERT_EQ(dir->children("").size(), 2u);
  EXPECT_EQ(dir->children("")[1]->name, "Riau");
  ASSERT_EQ(dir->children("14.01.01").size(), 2u);
  EXPECT_EQ(dir->children("14.01.01")[1]->name, "Ridan Permai, \"Baru\"");  // quoted, with a comma
  EXPECT_EQ(dir->find("32.14")->level, RegionLevel::Regency);
  EXPECT_EQ(dir->find("99"), nullptr);
  EXPECT_TRUE(dir->children("32.14.01.1001").empty());
  EXPECT_EQ(parent_code("32.14.01"), "32.14");
  EXPECT_EQ(parent_code("32"), "");
  EXPECT_EQ(level_of("32.14.01.1001"), RegionLevel::Village);
  for (const char* bad : {"", "3", "32.", "32.1", "32.14.01.100", "32.14.01.1001.1", "3a", "32.14.0x"})
    EXPECT_FALSE(level_of(bad)) << bad;
}

TEST(RegionDirectory, ABrokenLineIsReportedAtItsLine) {
  Diagnostics d;
  const auto dir = RegionDirectory::parse(
      file("p.csv", "code,name\n32,Jawa Barat\n"),
      file("r.csv", "code,province_code,name\n32.14,32,Kabupaten Purwakarta\n33.01,32,Salah Induk\n"),
      file("d.csv", "code,regency_code,name\n32.14.01,32.14\n32.99.01,32.99,Tanpa Induk\n"),
      file("v.csv", "code,district_code,name\n\"32.14.01.1001,32.14.01,Terbuka\n"), d);
  EXPECT_FALSE(dir);
  ASSERT_EQ(d.size(), 4u);
  EXPECT_EQ(d[0].to_string(), "r.csv:3: '33.01' does not extend its parent's code '32'");
  EXPECT_EQ(d[1].to_string(), "d.csv:2: expected code,parent code,name");
  EXPECT_EQ(d[2].to_string(), "d.csv:3: no region '32.99' above '32.99.01'");
  EXPECT_EQ(d[3].to_string(), "v.csv:2: expected code,parent code,name");
}

TEST(AddressField, CodesAreCheckedLevelByLevelAndStoredWithNamesAndText) {
  Diagnostics d;
  const auto dir = sample(d);
  ASSERT_TRUE(dir);
  FormField f;
  f.key = "alamat";
  f.type = FieldType::Address;
  f.required = true;
  PermitForm form;
  form.sections.push_back({{}, {f}, {}});
  const json good{{"province", "14"}, {"regency", "14.01"}, {"district", "14.01.01"}, {"village", "14.01.01.2009"},
                  {"street", "  Jl. Jenderal Sudirman No. 8 "}};
  auto r = check_form_data(form, json{{"alamat", good}}, "data", &*dir);
  ASSERT_TRUE(r) << r.error().message;
  const json& a = (*r)["alamat"];
  EXPECT_EQ(a["village_name"], "Kumantan");
  EXPECT_EQ(a["street"], "Jl. Jenderal Sudirman No. 8");
  EXPECT_EQ(a["text"], "Jl. Jenderal Sudirman No. 8, Desa Kumantan, Kec. Bangkinang Kota, Kabupaten Kampar, Provinsi Riau");
  EXPECT_EQ(printed_value(f, a), a["text"].get<std::string>());
  // Sent back as stored (a correction): accepted, the names and text made anew, never taken.
  json tampered = a;
  tampered["text"] = "Jl. Lain";
  tampered["village_name"] = "Lain";
  auto again = check_form_data(form, json{{"alamat", tampered}}, "data", &*dir);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ((*again)["alamat"], a);

  const auto rule = [&](json value, const RegionDirectory* regions) {
    auto bad = check_form_data(form, json{{"alamat", std::move(value)}}, "data", regions);
    return bad ? std::string("ok") : bad.error().fields.front().field + " " + bad.error().fields.front().rule;
  };
  json v = good;
  v["district"] = "32.14.01";  // not under Kabupaten Kampar
  EXPECT_EQ(rule(v, &*dir), "data.alamat.district not_a_region");
  v = good;
  v["village"] = "14.01.01.2999";  // well formed, not in the directory
  EXPECT_EQ(rule(v, &*dir), "data.alamat.village not_a_region");
  EXPECT_EQ(rule(v, nullptr), "ok");  // without a directory: the shapes only
  v = good;
  v.erase("regency");
  EXPECT_EQ(rule(v, &*dir), "data.alamat.regency required");
  v = good;
  v["rt"] = "01";
  EXPECT_EQ(rule(v, &*dir), "data.alamat.rt unknown_field");
  v = good;
  v["street"] = std::string(201, 'x');
  EXPECT_EQ(rule(v, &*dir), "data.alamat.street too_long");
  EXPECT_EQ(rule("Jl. Veteran", &*dir), "data.alamat wrong_type");
  // A kelurahan (village code 1xxx) is written "Kel.".
  auto kel = check_form_data(form, json{{"alamat", {{"province", "32"}, {"regency", "32.14"}, {"district", "32.14.01"},
                                                   {"village", "32.14.01.1001"}}}}, "data", &*dir);
  ASSERT_TRUE(kel);
  EXPECT_EQ((*kel)["alamat"]["text"], "Kel. Nagri Kaler, Kec. Purwakarta, Kabupaten Purwakarta, Provinsi Jawa Barat");
  // An example names the village; the codes above are its prefixes.
  f.example = "14.01.01.2009";
  EXPECT_EQ(example_value(f)["regency"], "14.01");
}

}  // namespace
}  // namespace sp::forms
