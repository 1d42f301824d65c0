#include "signing/distinguished_name.hpp"

#include <gtest/gtest.h>

using sp::signing::name_attribute;

TEST(DistinguishedName, ReadsEscapedCommaInAName) {
  const std::string dn = "CN=dr. Budi Santoso\\, M.Kes,title=Kepala Dinas,O=DPMPTSP Kabupaten Kampar,C=ID";
  EXPECT_EQ(name_attribute(dn, "CN"), "dr. Budi Santoso, M.Kes");
  EXPECT_EQ(name_attribute(dn, "title"), "Kepala Dinas");
  EXPECT_EQ(name_attribute(dn, "TITLE"), "Kepala Dinas");
  EXPECT_EQ(name_attribute(dn, "O"), "DPMPTSP Kabupaten Kampar");
}

TEST(DistinguishedName, HexEscapesAndMultiValuedNames) {
  EXPECT_EQ(name_attribute("CN=A\\2CB+title=Kasi", "CN"), "A,B");
  EXPECT_EQ(name_attribute("CN=A\\2CB+title=Kasi", "title"), "Kasi");
  EXPECT_EQ(name_attribute("CN=Siti \\\"Ani\\\" \\+ Co", "cn"), "Siti \"Ani\" + Co");
}

TEST(DistinguishedName, AbsentOrMalformed) {
  EXPECT_EQ(name_attribute("CN=Ani", "title"), std::nullopt);
  EXPECT_EQ(name_attribute("not a name", "CN"), std::nullopt);
  EXPECT_EQ(name_attribute("CN=trailing\\", "CN"), std::nullopt);
  EXPECT_EQ(name_attribute("", "CN"), std::nullopt);
}
