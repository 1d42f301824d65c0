// The pre-parse nesting scan (documents/pdf_nesting.hpp): deep files are refused in bounded
// time; what looks like brackets inside strings, comments and stream data is not counted.
#include "documents/pdf_nesting.hpp"
#include "documents/pdf_objects.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <chrono>
#include <string>

namespace sp::documents {
namespace {

std::string page_with(const std::string& extra) {
  return pdf_from_objects({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                           "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]" + extra + " >>"});
}

// `<< /A << /A ... 1 >> ... >>`, `levels` dictionaries deep (the shape that crashed the server).
std::string nested_dicts(int levels) {
  std::string s;
  for (int i = 0; i < levels; ++i) s += "<< /A ";
  s += "1";
  for (int i = 0; i < levels; ++i) s += " >>";
  return s;
}

std::string deflate(const std::string& in) {
  uLongf size = compressBound(static_cast<uLong>(in.size()));
  std::string out(size, '\0');
  compress(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(in.data()),
           static_cast<uLong>(in.size()));
  out.resize(size);
  return out;
}

std::string stream_object(const std::string& dict_keys, const std::string& data) {
  return "<< " + dict_keys + " /Length " + std::to_string(data.size()) + " >>\nstream\n" + data + "\nendstream";
}

TEST(PdfNesting, OrdinaryDocumentsPass) {
  EXPECT_TRUE(check_pdf_nesting(page_with("")));
  // The page dictionary is the first level; 63 more fit.
  EXPECT_TRUE(check_pdf_nesting(page_with(" /X " + nested_dicts(63))));
}

TEST(PdfNesting, OneLevelTooManyIsRefused) {
  auto r = check_pdf_nesting(page_with(" /X " + nested_dicts(64)));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "invalid_file");
  EXPECT_NE(r.error().message.find("64"), std::string::npos) << r.error().message;
  EXPECT_FALSE(check_pdf_nesting(page_with(" /X " + std::string(64, '[') + std::string(64, ']'))));
}

// 30,000 levels overflowed the server's stack inside PoDoFo; the scan uses no recursion and
// reads each byte once, so even a file of several megabytes is refused at once.
TEST(PdfNesting, HostileDepthsAreRefusedWithoutRecursion) {
  for (int levels : {1'000, 30'000, 500'000}) {
    const auto start = std::chrono::steady_clock::now();
    EXPECT_FALSE(check_pdf_nesting(page_with(" /X " + nested_dicts(levels)))) << levels;
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1)) << levels;
  }
}

TEST(PdfNesting, BracketsInStringsCommentsAndStreamsAreNotNesting) {
  const std::string many(200, '[');
  const std::string dicts(200 * 2, '<');
  EXPECT_TRUE(check_pdf_nesting(page_with(" /T (" + many + " \\) " + dicts + ")")));     // literal string
  EXPECT_TRUE(check_pdf_nesting(page_with(" /T (a (balanced " + many + ") b)")));        // nested parentheses
  EXPECT_TRUE(check_pdf_nesting(page_with(" /H <5B5B5B5B>\n% " + many + " " + dicts + "\n")));  // hex, comment
  const std::string raw = pdf_from_objects({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>",
                                            stream_object("", many + dicts)});
  EXPECT_TRUE(check_pdf_nesting(raw));
  // Compressed image data is bytes: a random walk of '[' would look deep if it were counted.
  const std::string image = pdf_from_objects({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>",
                                              stream_object("/Type /XObject /Subtype /Image /Filter /FlateDecode",
                                                            deflate(std::string(10'000, '[')))});
  EXPECT_TRUE(check_pdf_nesting(image));
}

// An object stream holds objects compressed: nesting hidden there is found too.
TEST(PdfNesting, NestingInsideAnObjectStreamIsRefused) {
  const auto with_object_stream = [](const std::string& inner) {
    return pdf_from_objects({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>",
                             stream_object("/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", deflate("5 0 " + inner))});
  };
  EXPECT_TRUE(check_pdf_nesting(with_object_stream(nested_dicts(10))));
  EXPECT_FALSE(check_pdf_nesting(with_object_stream(nested_dicts(30'000))));
}

}  // namespace
}  // namespace sp::documents
