// The table writers: CSV byte for byte; XLSX and PDF as files of their kind, the PDF's text and
// pages read back by poppler (the integration tests read the exports with openpyxl too).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>

#include "reports/table_writer.hpp"

namespace sp::reports {
namespace {

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TableLayout layout() {
  return {"Buku Registrasi", {"DPMPTSP Contoh", "1 s.d. 31 Desember 2026"}, "Register",
          {{"No", 5, true}, {"Pemohon", 20, false}, {"Catatan", 30, false}},
          std::nullopt};
}

class TableWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("sp_table_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(TableWriterTest, CsvQuotesAndDisarmsFormulas) {
  const auto path = (dir_ / "r.csv").string();
  auto w = open_table(TableFormat::Csv, path, layout());
  ASSERT_TRUE(w.ok()) << w.error().message;
  ASSERT_TRUE((*w)->row({"1", "Rina, S.Tr.Kes", "kata \"lengkap\""}).ok());
  ASSERT_TRUE((*w)->row({"2", "=HYPERLINK(\"x\")", "-1+1"}).ok());
  ASSERT_TRUE((*w)->row({"-3", "Siti"}).ok());  // a number column keeps its sign; a short row fills up
  ASSERT_TRUE((*w)->finish().ok());
  EXPECT_EQ(slurp(path),
            "\xEF\xBB\xBFNo,Pemohon,Catatan\r\n"
            "1,\"Rina, S.Tr.Kes\",\"kata \"\"lengkap\"\"\"\r\n"
            "2,\"'=HYPERLINK(\"\"x\"\")\",\"'-1+1\"\r\n"
            "-3,Siti,\r\n");
}

TEST_F(TableWriterTest, XlsxAndPdfAreFilesOfTheirKind) {
  for (auto f : {TableFormat::Xlsx, TableFormat::Pdf}) {
    const auto path = (dir_ / ("r." + std::string(format_key(f)))).string();
    auto w = open_table(f, path, layout());
    ASSERT_TRUE(w.ok()) << w.error().message;
    for (int i = 1; i <= 300; ++i)  // several PDF pages
      ASSERT_TRUE((*w)->row({std::to_string(i), "Pemohon " + std::to_string(i),
                             "catatan yang cukup panjang untuk dibungkus ke beberapa baris di dalam sel tabel ini"})
                      .ok());
    ASSERT_TRUE((*w)->finish().ok());
    const std::string bytes = slurp(path);
    if (f == TableFormat::Xlsx) EXPECT_EQ(bytes.substr(0, 2), "PK");
    else {
      EXPECT_EQ(bytes.substr(0, 5), "%PDF-");
      EXPECT_NE(bytes.find("%%EOF"), std::string::npos);
    }
  }
  // Only the export itself is left: constant-memory mode's temporary files are gone.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_), std::filesystem::directory_iterator()), 2);
}

TEST_F(TableWriterTest, XlsxCarriesTheChartOnASheetOfItsOwn) {
  TableLayout l = layout();
  l.chart = BarChart{"Permohonan per jenis izin", {"Dokter", "Apoteker"}, {{"Diterima", {3, 1}}, {"Terbit", {1, 0}}}};
  const auto path = (dir_ / "r.xlsx").string();
  auto w = open_table(TableFormat::Xlsx, path, l);
  ASSERT_TRUE(w.ok()) << w.error().message;
  ASSERT_TRUE((*w)->row({"1", "Rina", ""}).ok());
  ASSERT_TRUE((*w)->finish().ok());
  // A zip's member names are stored uncompressed: the drawing and the chart are in the workbook.
  const std::string bytes = slurp(path);
  EXPECT_NE(bytes.find("xl/charts/chart1.xml"), std::string::npos);
  EXPECT_NE(bytes.find("xl/worksheets/sheet2.xml"), std::string::npos);
}

TEST(TableFormat, Keys) {
  EXPECT_EQ(table_format("xlsx"), TableFormat::Xlsx);
  EXPECT_EQ(table_format("XLSX"), std::nullopt);
  EXPECT_EQ(content_type(TableFormat::Csv), "text/csv; charset=utf-8");
}

// The PDF writes its own text operators and page tree (for speed): poppler must find every
// page and read back every character, the string delimiters and a backslash included.
TEST_F(TableWriterTest, PdfReadsBackEveryPageAndCharacter) {
  const auto path = dir_ / "r.pdf";
  auto w = open_table(TableFormat::Pdf, path.string(), layout());
  ASSERT_TRUE(w.ok()) << w.error().message;
  const std::string odd = "Ayu (Şükran) \\ Ñoño «Ω» 100%";
  for (int i = 1; i <= 3000; ++i)  // about a hundred pages: more than one node of the page tree
    ASSERT_TRUE((*w)->row({std::to_string(i), "Pemohon " + std::to_string(i), i == 2999 ? odd : "catatan"}).ok());
  ASSERT_TRUE((*w)->finish().ok());
  const auto info = dir_ / "info.txt", text = dir_ / "text.txt";
  ASSERT_EQ(std::system(("pdfinfo " + path.string() + " > " + info.string()).c_str()), 0);
  ASSERT_EQ(std::system(("pdftotext -layout " + path.string() + " " + text.string()).c_str()), 0);
  std::smatch m;
  const std::string meta = slurp(info);
  ASSERT_TRUE(std::regex_search(meta, m, std::regex("Pages:\\s+(\\d+)"))) << meta;
  const int pages = std::stoi(m[1]);
  EXPECT_GT(pages, 64);
  const std::string body = slurp(text);
  EXPECT_NE(body.find("Halaman " + std::to_string(pages) + "\n"), std::string::npos) << "the last page is numbered";
  EXPECT_NE(body.find(odd), std::string::npos);
  EXPECT_NE(body.find("Pemohon 3000"), std::string::npos);
  EXPECT_NE(body.find("Pemohon 1 "), std::string::npos);
}

// Rows written on the pipelined writer's thread keep their order, and a failed fill leaves no file.
TEST_F(TableWriterTest, WriteTableKeepsTheRowsInOrderAndRemovesAFailedFile) {
  const auto path = (dir_ / "r.csv").string();
  auto ok = write_table(TableFormat::Csv, path, layout(), [](TableWriter& w) -> Result<bool> {
    for (int i = 1; i <= 20000; ++i)
      if (auto r = w.row({std::to_string(i), "Pemohon"}); !r) return r.error();
    return true;
  });
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  const std::string csv = slurp(path);
  std::size_t at = 0;
  for (int i = 1; i <= 20000; ++i) {
    const std::string line = "\r\n" + std::to_string(i) + ",Pemohon,";
    const auto next = csv.find(line, at);
    ASSERT_NE(next, std::string::npos) << "row " << i << " in its place";
    at = next + 1;
  }
  auto failed = write_table(TableFormat::Csv, path, layout(), [](TableWriter& w) -> Result<bool> {
    for (int i = 1; i <= 5000; ++i) (void)w.row({std::to_string(i)});
    return make_error("storage", "the database went away");
  });
  EXPECT_FALSE(failed.ok());
  EXPECT_FALSE(std::filesystem::exists(path));
}

// A writer that fails at its fifth row: the failure reaches the caller through a later row or
// through finish, never lost on the worker's thread.
TEST_F(TableWriterTest, APipelinedWritersFailureReachesTheCaller) {
  struct Failing final : TableWriter {
    int rows = 0;
    Result<bool> row(const std::vector<std::string>&) override {
      if (++rows == 5) return make_error("storage", "disk full");
      return true;
    }
    Result<bool> finish() override { return true; }
  };
  auto w = pipelined(std::make_unique<Failing>());
  Result<bool> last = true;
  for (int i = 0; i < 100000 && last.ok(); ++i) last = w->row({"x"});
  if (last.ok()) last = w->finish();
  ASSERT_FALSE(last.ok());
  EXPECT_EQ(last.error().message, "disk full");
  // Abandoned unfinished: the destructor returns (the queue is dropped).
  auto abandoned = pipelined(std::make_unique<Failing>());
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(abandoned->row({"x"}).ok());
  abandoned.reset();
}

}  // namespace
}  // namespace sp::reports
