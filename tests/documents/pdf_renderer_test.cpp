// Every shipped document template renders to a PDF whose text (read back with pdftotext, as a
// recipient's tools would) holds the values it was given.
#include "documents/pdf_renderer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "catalog/catalog_loader.hpp"
#include "documents/template_library.hpp"

namespace sp::documents {
namespace {

namespace fs = std::filesystem;

DocumentValues sample_values() {
  DocumentValues v;
  v.text = {{"registration_number", "0007/REG/DPMPTSP-PWK/2026"},
            {"permit_number", "503/0012/DPMPTSP/2026"},
            {"letter_number", "503/TLK/0003/DPMPTSP/2026"},
            {"permit", "Izin Praktik Tenaga Kesehatan"},
            {"permit_title", "SURAT IZIN PRAKTIK TENAGA KESEHATAN"},
            {"office_name", "DPMPTSP Kabupaten Purwakarta"},
            {"applicant_name", "Rina Marlina, S.Tr.Kes."},
            {"officer_name", "Petugas Loket Satu"},
            {"issued_at", "Senin, 23 November 2026 pukul 09.15 WIB"},
            {"place", "Purwakarta"},
            {"date", "23 November 2026"},
            {"status_url", "http://127.0.0.1:8080/status"},
            {"verify_url", "http://127.0.0.1:8080/verify/AB12CD34EF56"},
            {"signature_note", "Dokumen ini ditandatangani secara elektronik."},
            {"schedule_title", "RAPAT KAJIAN TEKNIS"},
            {"schedule_title_case", "Rapat kajian teknis"},
            {"schedule_date", "Rabu, 25 November 2026"},
            {"schedule_time", "09.00 WIB"},
            {"schedule_place", "Ruang Rapat DPMPTSP"},
            {"inspection_date", "Rabu, 25 November 2026"},
            {"conclusion", "Tempat praktik memenuhi persyaratan; direkomendasikan untuk diterbitkan."},
            {"head_title", "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"},
            {"head_name", "R. Muchamad Nurcahja, ST, MM"},
            {"head_nip", "197311021999011001"},
            {"valid_from", "23 November 2026"},
            {"valid_until", "23 November 2031"},
            {"reason", "Tempat praktik tidak sesuai dengan surat keterangan."}};
  v.tables = {{"permit_data",
               {{"Jenis tenaga kesehatan", "Radiografer"},
                {"Nomor STR", "3210100224000123"},
                {"Nama tempat praktik", "Klinik Sehat Sentosa"},
                {"Alamat tempat praktik", "Jl. Veteran No. 12, Purwakarta"}}}};
  v.lists = {{"documents", {"Surat Tanda Registrasi (STR): str.pdf", "Kartu Tanda Penduduk (KTP): ktp.pdf"}},
             {"reasons", {"Pas foto 4x6 latar merah: latar belakang biru"}},
             {"members", {"dr. Andi (Dinas Kesehatan)", "Budi, S.KM (Puskesmas)"}},
             {"findings", {"Ruang praktik tersedia dan layak", "Peralatan sesuai standar"}},
             {"legal_basis", {"Undang-Undang Nomor 17 Tahun 2023 tentang Kesehatan"}},
             {"conditions", {"SIP berlaku untuk satu tempat praktik."}}};
  return v;
}

// The output of a poppler tool: `command`, the PDF's file name, then `rest`.
std::string poppler(const std::string& command, const std::string& pdf, const std::string& rest = "") {
  const fs::path file = fs::temp_directory_path() / ("satupintu-render-" + std::to_string(::getpid()) + ".pdf");
  std::ofstream(file, std::ios::binary) << pdf;
  std::string text;
  if (FILE* p = ::popen((command + " " + file.string() + " " + rest + " 2>&1").c_str(), "r")) {
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) text.append(buf, n);
    ::pclose(p);
  }
  fs::remove(file);
  return text;
}

std::string pdftotext(const std::string& pdf) { return poppler("pdftotext -layout", pdf, "-"); }

const std::vector<std::string> kLetterhead{"PEMERINTAH KABUPATEN PURWAKARTA",
                                           "DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU"};

TemplateLibrary shipped() {
  Diagnostics d;
  auto lib = TemplateLibrary::load(SATUPINTU_SOURCE_DIR "/templates/documents", SATUPINTU_SOURCE_DIR "/sop", d);
  for (const auto& x : d) ADD_FAILURE() << x.to_string();
  return lib;
}

TEST(PdfRenderer, EveryShippedTemplateRendersItsValues) {
  const auto lib = shipped();
  const auto v = sample_values();
  const std::vector<std::string> kinds = lib.kinds();
  EXPECT_EQ(kinds, (std::vector<std::string>{"izin", "penolakan", "rekomendasi_teknis", "surat_pengembalian",
                                             "tanda_terima", "undangan"}));
  const std::map<std::string, std::vector<std::string>> expected{
      {"tanda_terima", {"TANDA TERIMA BERKAS PERMOHONAN", "0007/REG/DPMPTSP-PWK/2026", "Kartu Tanda Penduduk (KTP): ktp.pdf"}},
      {"surat_pengembalian", {"SURAT PENGEMBALIAN BERKAS", "latar belakang biru"}},
      {"undangan", {"UNDANGAN RAPAT KAJIAN TEKNIS", "Ruang Rapat DPMPTSP", "Budi, S.KM (Puskesmas)", "Klinik Sehat Sentosa"}},
      {"rekomendasi_teknis", {"BERITA ACARA PEMERIKSAAN", "Peralatan sesuai standar", "direkomendasikan"}},
      {"izin", {"SURAT IZIN PRAKTIK TENAGA KESEHATAN", "503/0012/DPMPTSP/2026", "3210100224000123",
                "sampai dengan 23 November", "Undang-Undang Nomor 17 Tahun 2023", "NIP. 197311021999011001"}},
      {"penolakan", {"SURAT PENOLAKAN PERMOHONAN", "Tempat praktik tidak sesuai"}}};
  for (const auto& kind : kinds) {
    const DocumentTemplate* t = lib.find("purwakarta", kind);
    ASSERT_NE(t, nullptr) << kind;
    auto pdf = render_pdf(*t, kLetterhead, v);
    ASSERT_TRUE(pdf.ok()) << kind << ": " << pdf.error().message;
    EXPECT_EQ(pdf->rfind("%PDF-", 0), 0u);
    const std::string text = pdftotext(*pdf);
    EXPECT_NE(text.find("PEMERINTAH KABUPATEN PURWAKARTA"), std::string::npos) << kind << "\n" << text;
    EXPECT_NE(text.find("Rina Marlina, S.Tr.Kes."), std::string::npos) << kind << "\n" << text;
    for (const auto& s : expected.at(kind)) EXPECT_NE(text.find(s), std::string::npos) << kind << ": " << s << "\n" << text;
    // Both faces embedded as subsets (so the letter looks the same on every reader and stays
    // small), each with its Unicode map (so the text above could be read back).
    const std::string fonts = poppler("pdffonts", *pdf);
    for (const std::string face : {"+DejaVuSans ", "+DejaVuSans-Bold "}) {
      const auto at = fonts.find(face);
      ASSERT_NE(at, std::string::npos) << kind << "\n" << fonts;
      const std::string line = fonts.substr(at, fonts.find('\n', at) - at);
      EXPECT_NE(line.find("yes yes yes"), std::string::npos) << kind << ": " << line;
    }
  }
}

TEST(PdfRenderer, AMissingValueIsAnErrorNotABlank) {
  const auto lib = shipped();
  auto v = sample_values();
  v.text.erase("applicant_name");
  auto pdf = render_pdf(*lib.find("kampar", "tanda_terima"), kLetterhead, v);
  ASSERT_FALSE(pdf.ok());
  EXPECT_NE(pdf.error().message.find("applicant_name"), std::string::npos) << pdf.error().message;
}

TEST(PdfRenderer, LongListsFlowOntoMorePages) {
  const auto lib = shipped();
  auto v = sample_values();
  for (int i = 0; i < 120; ++i) v.lists["documents"].push_back("Dokumen tambahan nomor " + std::to_string(i));
  auto pdf = render_pdf(*lib.find("purwakarta", "tanda_terima"), kLetterhead, v);
  ASSERT_TRUE(pdf.ok());
  const std::string text = pdftotext(*pdf);
  EXPECT_NE(text.find("Dokumen tambahan nomor 119"), std::string::npos);
  EXPECT_NE(text.find('\f'), text.rfind('\f'));  // more than one page break: at least 3 pages
}

TEST(TemplateLibrary, AnOfficeOverridesADefaultAndBadFilesAreReported) {
  const fs::path root = fs::temp_directory_path() / ("satupintu-tpl-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "defaults");
  fs::create_directories(root / "sop" / "kampar" / "documents");
  fs::copy_file(SATUPINTU_SOURCE_DIR "/templates/documents/tanda_terima.yaml", root / "defaults" / "tanda_terima.yaml");
  std::ofstream(root / "sop" / "kampar" / "documents" / "tanda_terima.yaml")
      << "kind: document_template\ndocument: tanda_terima\ntitle: BUKTI PENERIMAAN BERKAS\nblocks:\n  - text: ok\n";
  std::ofstream(root / "sop" / "kampar" / "documents" / "izin.yaml")
      << "kind: document_template\ndocument: izin\ntitle: X\nblocks:\n  - text: a\n    list: b\n";
  Diagnostics d;
  auto lib = TemplateLibrary::load((root / "defaults").string(), (root / "sop").string(), d);
  EXPECT_EQ(lib.find("kampar", "tanda_terima")->title, "BUKTI PENERIMAAN BERKAS");
  EXPECT_EQ(lib.find("purwakarta", "tanda_terima")->title, "TANDA TERIMA BERKAS PERMOHONAN");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_NE(d[0].to_string().find("izin.yaml:5: a block is exactly one of"), std::string::npos) << d[0].to_string();
  fs::remove_all(root);
}

}  // namespace
}  // namespace sp::documents

namespace sp::documents {
namespace {

// A permit is one sheet: data that would spill onto a second page is set smaller instead; a
// receipt (not one_page) simply continues on the next page.
TEST(PdfRenderer, APermitWithLongDataStaysOnOnePage) {
  const auto lib = shipped();
  auto v = sample_values();
  for (int i = 0; i < 4; ++i)
    v.lists["legal_basis"].push_back("Peraturan Menteri Kesehatan Nomor " + std::to_string(i + 10) +
                                     " Tahun 2025 tentang penyelenggaraan praktik tenaga kesehatan");
  for (int i = 0; i < 6; ++i) v.tables["permit_data"].push_back({"Isian tambahan " + std::to_string(i), "Nilai panjang " + std::to_string(i)});
  v.lists["conditions"] = {"Ketentuan pertama yang cukup panjang sehingga memerlukan dua baris pada lembar izin ini.",
                           "Ketentuan kedua.", "Ketentuan ketiga.", "Ketentuan keempat yang juga panjang dan memakan baris."};
  const DocumentTemplate* izin = lib.find("kampar", "izin");
  ASSERT_TRUE(izin->one_page);
  auto pdf = render_pdf(*izin, kLetterhead, v);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  const std::string text = pdftotext(*pdf);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\f'), 1) << text;
  EXPECT_NE(text.find("Nilai panjang 5"), std::string::npos);
  DocumentTemplate spills = *izin;
  spills.one_page = false;
  const std::string two = pdftotext(*render_pdf(spills, kLetterhead, v));
  EXPECT_EQ(std::count(two.begin(), two.end(), '\f'), 2) << two;
}

// An office with an emblem prints it at the letterhead's left, with the letterhead's lines beside it.
TEST(PdfRenderer, TheOfficesEmblemHeadsTheLetter) {
  const auto lib = shipped();
  RenderOptions with_logo;
  with_logo.logo_path = SATUPINTU_SOURCE_DIR "/tests/documents/data/emblem.png";
  auto pdf = render_pdf(*lib.find("purwakarta", "izin"), kLetterhead, sample_values(), with_logo);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  const std::string images = poppler("pdfimages -list", *pdf);
  EXPECT_NE(images.find(" 60    72 "), std::string::npos) << images;  // the emblem, at its own pixels
  const std::string text = pdftotext(*pdf);
  EXPECT_NE(text.find("DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU"), std::string::npos) << text;
  EXPECT_EQ(std::count(text.begin(), text.end(), '\f'), 1);
  const std::string without = poppler("pdfimages -list", *render_pdf(*lib.find("purwakarta", "izin"), kLetterhead,
                                                                        sample_values()));
  EXPECT_EQ(without.find(" 60    72 "), std::string::npos) << without;
}

// An office's own permit template may print form fields by key; one its permits' forms lack is
// reported when the templates load, before any letter is rendered.
TEST(TemplateLibrary, AFormFieldTheFormLacksIsReportedAtLoad) {
  const auto loaded = load_catalog({SATUPINTU_SOURCE_DIR "/calendar/id-holidays.yaml", SATUPINTU_SOURCE_DIR "/sop"});
  ASSERT_TRUE(loaded.problems.empty());
  Diagnostics none;
  shipped().check_form_fields(loaded.catalog, none);
  EXPECT_TRUE(none.empty());

  const fs::path dir = fs::temp_directory_path() / ("sp-form-template-" + std::to_string(::getpid()));
  fs::create_directories(dir / "kampar" / "documents");
  std::ofstream(dir / "kampar" / "documents" / "izin.yaml")
      << "kind: document_template\ndocument: izin\ntitle: \"{{permit_title}}\"\nblocks:\n"
         "  - fields:\n      - [Nomor STR, \"{{form.str_number}}\"]\n      - [NIB, \"{{ form.nib }}\"]\n";
  Diagnostics d;
  const auto lib = TemplateLibrary::load(SATUPINTU_SOURCE_DIR "/templates/documents", dir.string(), d);
  ASSERT_TRUE(d.empty());
  lib.check_form_fields(loaded.catalog, d);
  fs::remove_all(dir);
  // Each Kampar permit (a practitioner's) has an STR number but no NIB.
  const auto& sops = loaded.catalog.sops();
  ASSERT_EQ(d.size(), static_cast<std::size_t>(std::count_if(sops.begin(), sops.end(), [](const Sop& s) { return s.office == "kampar"; })));
  for (const auto& x : d) {
    EXPECT_NE(x.where.file.find("kampar/documents/izin.yaml"), std::string::npos) << x.to_string();
    EXPECT_NE(x.message.find("form field 'nib'"), std::string::npos) << x.to_string();
  }
}

// A permit may have its own templates (sop/<office>/documents/<PERMIT CODE>/): found before the
// office's and the default, checked against that permit's form only.
TEST(TemplateLibrary, APermitsOwnTemplateComesFirstAndIsCheckedAgainstItsForm) {
  const auto loaded = load_catalog({SATUPINTU_SOURCE_DIR "/calendar/id-holidays.yaml", SATUPINTU_SOURCE_DIR "/sop"});
  const fs::path dir = fs::temp_directory_path() / ("sp-permit-template-" + std::to_string(::getpid()));
  for (const char* permit : {"OPTIKAL", "TIDAK-ADA"}) {
    fs::create_directories(dir / "purwakarta" / "documents" / permit);
    std::ofstream(dir / "purwakarta" / "documents" / permit / "izin.yaml")
        << "kind: document_template\ndocument: izin\ntitle: IZIN PENYELENGGARAAN OPTIKAL\nblocks:\n"
           "  - fields:\n      - [Nama optikal, \"{{form.business_name}}\"]\n";
  }
  Diagnostics d;
  const auto lib = TemplateLibrary::load(SATUPINTU_SOURCE_DIR "/templates/documents", dir.string(), d);
  ASSERT_TRUE(d.empty());
  EXPECT_EQ(lib.find("purwakarta", "izin", "OPTIKAL")->title, "IZIN PENYELENGGARAAN OPTIKAL");
  EXPECT_EQ(lib.find("purwakarta", "izin", "IPTK")->title, "{{permit_title}}");
  EXPECT_EQ(lib.find("purwakarta", "tanda_terima", "OPTIKAL")->kind, "tanda_terima");  // the default
  lib.check_form_fields(loaded.catalog, d);
  fs::remove_all(dir);
  ASSERT_EQ(d.size(), 1u);  // the optician's own template names its own field; the stray folder is reported
  EXPECT_NE(d[0].message.find("no permit with code 'TIDAK-ADA'"), std::string::npos) << d[0].to_string();
}

// An office or a permit changes only the blocks it names; the rest follows the shared template.
// A permit's file changes its office's version. A name no template has is reported where it is
// written, with the names there are.
TEST(TemplateLibrary, AnOfficeOrPermitReplacesNamedBlocksOfTheTemplateBelowIt) {
  const auto loaded = load_catalog({SATUPINTU_SOURCE_DIR "/calendar/id-holidays.yaml", SATUPINTU_SOURCE_DIR "/sop"});
  const fs::path dir = fs::temp_directory_path() / ("sp-block-template-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "kampar" / "documents" / "SIP-DOKTER");
  std::ofstream(dir / "kampar" / "documents" / "izin.yaml")
      << "kind: document_template\ndocument: izin\nreplace:\n  judul_ketentuan:\n    - heading: \"Dengan ketentuan:\"\n"
         "  keterangan_tanda_tangan: []\n";
  std::ofstream(dir / "kampar" / "documents" / "SIP-DOKTER" / "izin.yaml")
      << "kind: document_template\ndocument: izin\nsubtitle: \"Nomor SIP: {{permit_number}}\"\nreplace:\n"
         "  judul_ketentuan:\n    - heading: \"Kewajiban dokter:\"\n    - text: \"Sesuai Permenkes.\"\n";
  Diagnostics d;
  const auto lib = TemplateLibrary::load(SATUPINTU_SOURCE_DIR "/templates/documents", dir.string(), d);
  ASSERT_TRUE(d.empty()) << d[0].to_string();
  const auto texts = [](const DocumentTemplate* t) {
    std::vector<std::string> out;
    for (const auto& b : t->blocks) out.push_back(b.id + ":" + b.text);
    return out;
  };
  const DocumentTemplate* shared = lib.find("purwakarta", "izin", "IPTK");
  const DocumentTemplate* office = lib.find("kampar", "izin", "SIP-RADIOGRAFER");
  const DocumentTemplate* permit = lib.find("kampar", "izin", "SIP-DOKTER");
  ASSERT_EQ(office->blocks.size(), shared->blocks.size() - 1);  // the signature note dropped
  EXPECT_EQ(texts(office)[4], "judul_ketentuan:Dengan ketentuan:");
  EXPECT_EQ(office->title, shared->title);
  EXPECT_EQ(office->subtitle, shared->subtitle);
  ASSERT_EQ(permit->blocks.size(), office->blocks.size() + 1);  // one block became two
  EXPECT_EQ(texts(permit)[4], "judul_ketentuan:Kewajiban dokter:");
  EXPECT_EQ(texts(permit)[5], "judul_ketentuan:Sesuai Permenkes.");
  EXPECT_EQ(texts(permit)[6], "ketentuan:");
  EXPECT_EQ(permit->subtitle, "Nomor SIP: {{permit_number}}");
  EXPECT_NE(permit->source.find("SIP-DOKTER/izin.yaml"), std::string::npos);

  std::ofstream(dir / "kampar" / "documents" / "izin.yaml")
      << "kind: document_template\ndocument: izin\nreplace:\n  pembuka: []\n  penutup:\n    - text: x\n";
  std::ofstream(dir / "kampar" / "documents" / "tanda_terima.yaml")
      << "kind: document_template\ndocument: tanda_terima\ntitle: X\nblocks:\n  - text: a\n  - text: b\n"
         "replace:\n  pembuka: []\n";
  Diagnostics bad;
  (void)TemplateLibrary::load(SATUPINTU_SOURCE_DIR "/templates/documents", dir.string(), bad);
  fs::remove_all(dir);
  ASSERT_EQ(bad.size(), 2u);
  EXPECT_NE(bad[0].to_string().find("kampar/documents/izin.yaml:5: no block named 'penutup'"), std::string::npos)
      << bad[0].to_string();
  EXPECT_NE(bad[0].message.find("its named blocks: judul_dasar_hukum"), std::string::npos);
  EXPECT_NE(bad[1].to_string().find("tanda_terima.yaml:5: a file gives either blocks"), std::string::npos)
      << bad[1].to_string();
}

// The shipped optician permit replaces two blocks of the shared permit: it is given to the
// optical business, with the applicant named as the one who applied.
TEST(TemplateLibrary, TheOpticianPermitIsGivenToTheBusiness) {
  const auto lib = shipped();
  const DocumentTemplate* optician = lib.find("purwakarta", "izin", "OPTIKAL");
  ASSERT_NE(optician, nullptr);
  EXPECT_NE(optician->source.find("OPTIKAL/izin.yaml"), std::string::npos);
  const auto opening = std::find_if(optician->blocks.begin(), optician->blocks.end(),
                                    [](const TemplateBlock& b) { return b.id == "pembuka"; });
  ASSERT_NE(opening, optician->blocks.end());
  EXPECT_NE(opening->text.find("kepada optikal berikut"), std::string::npos);
  EXPECT_EQ(lib.find("purwakarta", "izin", "IPTK")->source.find("OPTIKAL"), std::string::npos);
}

}  // namespace
}  // namespace sp::documents
