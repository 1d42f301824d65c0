// What text from outside may hold (core/text.hpp), as a table of cases.
#include "core/text.hpp"

#include <gtest/gtest.h>

#include <string>

namespace sp {
namespace {

struct Case {
  const char* what;
  std::string text;
  bool single_ok, multi_ok;
};

TEST(Text, ValidUtf8WithoutControlCharacters) {
  const Case cases[] = {
      {"plain ASCII", "Klinik Sehat", true, true},
      {"Indonesian and other scripts", "Jl. Merdeka No. 1 — RT 02/RW 03, Σ, 日本, 🏥", true, true},
      {"empty", "", true, true},
      {"invalid lead byte", "\xff\xfe.pdf", false, false},
      {"lone continuation byte", "a\x80" "b", false, false},
      {"truncated sequence", "caf\xc3", false, false},
      {"overlong slash", "\xc0\xaf", false, false},
      {"UTF-16 surrogate", "\xed\xa0\x80", false, false},
      {"beyond U+10FFFF", "\xf4\x90\x80\x80", false, false},
      {"NUL", std::string("Klinik\0Palsu", 12), false, false},
      {"escape", "a\x1b[31mb", false, false},
      {"DEL", "a\x7f", false, false},
      {"C1 control U+0085", "a\xc2\x85", false, false},
      {"tab and line breaks", "baris 1\r\nbaris\t2", false, true},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(!text_problem(c.text, TextKind::Single).has_value(), c.single_ok) << c.what;
    EXPECT_EQ(!text_problem(c.text, TextKind::MultiLine).has_value(), c.multi_ok) << c.what;
  }
  EXPECT_EQ(*text_problem("\xff", TextKind::Single), "must be valid UTF-8 text");
  EXPECT_EQ(*text_problem(std::string("a\0", 2), TextKind::Single), "must not contain NUL characters");
}

}  // namespace
}  // namespace sp
