// Where untrusted PDFs are parsed (documents::parse_untrusted): in place while the thread's PoDoFo
// depth counter is clean, on fresh threads once a hostile file has raised it.
#include <gtest/gtest.h>

#include <string>
#include <thread>

#include "documents/content_check.hpp"
#include "documents/pdf_objects.hpp"
#include "documents/podofo_quiet.hpp"

namespace sp::documents {
namespace {

std::string page_pdf(const std::string& extra = "") {
  return pdf_from_objects({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                           "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]" + extra + " >>"});
}

// A thread per parse cost about a third of the lifecycle throughput (docs/PERFORMANCE.md), so
// good files must keep the thread parsing in place; one hostile file must stop it.
TEST(UntrustedParse, GoodFilesStayInPlaceAHostileOneMovesLaterParsesOff) {
  std::thread([] {
    for (int i = 0; i < 50; ++i) ASSERT_TRUE(check_upload(page_pdf(), "STR.pdf")) << "file " << i;
    EXPECT_FALSE(detail::parser_depth_leaked) << "a good file was taken for a hostile one";
    // The check nests all but one allowed level, so the first leaked level may pass unnoticed
    // (it costs nothing); the second may not.
    const std::string hostile = page_pdf(" /X " + std::string(400, '[') + std::string(400, ']'));
    for (int i = 0; i < 2; ++i) EXPECT_FALSE(check_upload(hostile, "nested.pdf"));
    EXPECT_TRUE(detail::parser_depth_leaked) << "the raised depth counter went unnoticed";
    auto ok = check_upload(page_pdf(), "STR.pdf");
    ASSERT_TRUE(ok) << ok.error().message;
  }).join();
}

}  // namespace
}  // namespace sp::documents
