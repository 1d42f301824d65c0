// Documents: rendering a permit from its template, signing it (PAdES), checking its signature,
// and checking an upload. One core; figures in docs/PERFORMANCE.md.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>

#include "documents/content_check.hpp"
#include "documents/pdf_renderer.hpp"
#include "documents/template_library.hpp"
#include "reports/table_writer.hpp"
#include "signing/local_pki.hpp"
#include "signing/pades.hpp"

namespace {

using namespace sp;

struct Fixture {
  documents::TemplateLibrary lib;
  documents::DocumentValues values;
  std::vector<std::string> letterhead{"PEMERINTAH KABUPATEN PURWAKARTA",
                                      "DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU"};
  std::string pki;
  std::unique_ptr<signing::Signer> signer;
  std::string permit, signed_permit;

  Fixture() {
    Diagnostics d;
    lib = documents::TemplateLibrary::load(SATUPINTU_SOURCE_DIR "/templates/documents", SATUPINTU_SOURCE_DIR "/sop", d);
    for (const char* k : {"registration_number", "permit_number", "letter_number", "permit", "permit_title",
                          "office_name", "applicant_name", "officer_name", "profession", "str_number",
                          "practice_place", "practice_address", "issued_at", "place", "date", "status_url",
                          "verify_url", "schedule_title", "schedule_title_case", "schedule_date", "schedule_time",
                          "schedule_place", "inspection_date", "conclusion", "head_title", "head_name", "head_nip",
                          "valid_from", "valid_until", "reason"})
      values.text[k] = std::string("Nilai contoh untuk ") + k;
    values.text["verify_url"] = "http://127.0.0.1:8080/verify/1B2B946AC1A18B56940E";
    values.lists = {{"documents", {"STR: str.pdf", "KTP: ktp.pdf"}}, {"reasons", {}}, {"members", {"A", "B"}},
                    {"findings", {"Layak"}},
                    {"legal_basis", {"Undang-Undang Nomor 17 Tahun 2023 tentang Kesehatan",
                                     "Peraturan Pemerintah Nomor 28 Tahun 2024"}},
                    {"conditions", {"SIP berlaku untuk satu tempat praktik."}}};
    pki = (std::filesystem::temp_directory_path() / ("satupintu-bench-pki-" + std::to_string(::getpid()))).string();
    (void)signing::init_local_pki(pki, {{"purwakarta", "kepala_dinas", "Kepala", "DPMPTSP Kabupaten Purwakarta", "Kepala Dinas"}});
    auto loaded = signing::load_local_signer(pki, "purwakarta", "kepala_dinas");
    signer = std::move(*loaded);
    permit = *documents::render_pdf(*lib.find("purwakarta", "izin"), letterhead, values);
    signed_permit = *signing::sign_pdf(permit, *signer, {"Penetapan izin", "Purwakarta"});
  }
  ~Fixture() { std::filesystem::remove_all(pki); }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

void BM_RenderPermit(benchmark::State& state) {
  auto& f = fixture();
  for (auto _ : state) benchmark::DoNotOptimize(documents::render_pdf(*f.lib.find("purwakarta", "izin"), f.letterhead, f.values));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RenderPermit)->Unit(benchmark::kMillisecond);

void BM_SignPermit(benchmark::State& state) {
  auto& f = fixture();
  for (auto _ : state) benchmark::DoNotOptimize(signing::sign_pdf(f.permit, *f.signer, {"Penetapan izin", "Purwakarta"}));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SignPermit)->Unit(benchmark::kMillisecond);

void BM_CheckSignature(benchmark::State& state) {
  auto& f = fixture();
  const std::string roots = signing::trusted_roots_pem(f.pki);
  for (auto _ : state) {
    const auto check = signing::check_pdf_signature(f.signed_permit, roots);
    if (!check || !check->intact || !check->trusted) {
      state.SkipWithError(
          ("the permit's signature did not verify: " + (check ? check->problem : check.error().message)).c_str());
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
}
// An untrusted PDF may be parsed on another thread (documents::parse_untrusted), whose CPU time
// this thread's clock would not see: wall time it is.
BENCHMARK(BM_CheckSignature)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_CheckUploadPdf(benchmark::State& state) {
  auto& f = fixture();
  for (auto _ : state) benchmark::DoNotOptimize(documents::check_upload(f.permit, "izin.pdf"));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CheckUploadPdf)->Unit(benchmark::kMillisecond)->UseRealTime();

// The Buku Registrasi as a PDF, its lines as a large office's register has them (the columns of
// service/register_book.cpp): the writer's share of a register export, without the database.
void BM_RegisterPdf(benchmark::State& state) {
  reports::TableLayout layout;
  layout.title = "Buku Registrasi Permohonan Izin";
  layout.subtitle = {"DPMPTSP Kabupaten Purwakarta", "Periode registrasi: 1 Januari 2024 s.d. 31 Desember 2026"};
  for (const auto& [h, w, n] : std::vector<std::tuple<const char*, double, bool>>{
           {"No", 5, true}, {"No. Registrasi", 18, false}, {"Tgl. Registrasi", 14, false}, {"Pemohon", 20, false},
           {"NIK", 20, false}, {"Jenis Izin", 20, false}, {"Tahap Saat Ini", 20, false}, {"Status", 14, false},
           {"Tahap Selesai (No: Tanggal)", 30, false}, {"No. Izin", 20, false}, {"Tgl. Izin/ Penolakan", 14, false},
           {"Waktu Proses (menit kerja)", 12, true}, {"Standar Waktu SOP", 14, false}, {"Sesuai Standar", 10, false}})
    layout.columns.push_back({h, w, n});
  const auto lines = state.range(0);
  const auto path = (std::filesystem::temp_directory_path() / ("satupintu-bench-register-" + std::to_string(::getpid()) + ".pdf")).string();
  for (auto _ : state) {
    auto ok = reports::write_table(reports::TableFormat::Pdf, path, layout, [&](reports::TableWriter& w) -> Result<bool> {
      for (long long i = 1; i <= lines; ++i) {
        const auto n = std::to_string(i);
        auto r = w.row({n, "REG-PWK-2025-" + n, "12-03-2025", "Siti Rahmawati Putri " + n, "3214******0001",
                        "Surat Izin Praktik Perawat", "Selesai", "Ditetapkan",
                        "1: 12-03-2025; 2: 13-03-2025; 3: 14-03-2025; 4: 17-03-2025; 5: 18-03-2025; 6: 19-03-2025",
                        "503/" + n + "/SIPP/DPMPTSP/2025", "20-03-2025", std::to_string(1000 + i % 900), "5 hari kerja",
                        i % 7 ? "Ya" : "Tidak"});
        if (!r) return r.error();
      }
      return true;
    });
    if (!ok) state.SkipWithError(ok.error().message.c_str());
  }
  state.SetItemsProcessed(state.iterations() * lines);
  std::filesystem::remove(path);
}
BENCHMARK(BM_RegisterPdf)->Arg(20000)->Arg(100000)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
