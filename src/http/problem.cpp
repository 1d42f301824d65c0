#include "http/problem.hpp"

#include <map>
#include <nlohmann/json.hpp>

namespace sp::http {

namespace {
struct Kind {
  int status;
  const char* title_en;
  const char* title_id;
};
const std::map<std::string, Kind>& kinds() {
  static const std::map<std::string, Kind> k{
      {"malformed_json", {400, "The request body is not valid JSON", "Isi permintaan bukan JSON yang sah"}},
      {"bad_request", {400, "The HTTP request is malformed", "Permintaan HTTP tidak sah"}},
      {"unsupported_media_type", {415, "Unsupported media type", "Jenis isi tidak didukung"}},
      {"invalid_field", {422, "A field is missing or invalid", "Isian kosong atau tidak sah"}},
      {"invalid_nik", {422, "The NIK is not valid", "NIK tidak sah"}},
      {"invalid_token", {400, "The link is invalid or expired", "Tautan tidak sah atau sudah kedaluwarsa"}},
      {"unauthenticated", {401, "Sign in first", "Silakan masuk terlebih dahulu"}},
      {"bad_credentials", {401, "Wrong e-mail or password", "Surel atau kata sandi salah"}},
      {"csrf", {403, "Missing or wrong CSRF token", "Token CSRF tidak ada atau salah"}},
      {"forbidden", {403, "Not allowed", "Tidak diizinkan"}},
      {"not_your_step", {403, "This step belongs to another role", "Langkah ini milik peran lain"}},
      {"not_found", {404, "Not found", "Tidak ditemukan"}},
      {"method_not_allowed", {405, "Method not allowed", "Metode tidak diizinkan"}},
      {"conflict", {409, "Conflict", "Bertentangan dengan keadaan saat ini"}},
      {"version_conflict", {409, "The application changed meanwhile", "Permohonan telah berubah sementara itu"}},
      {"complaint_changed", {409, "The complaint changed meanwhile", "Pengaduan telah berubah sementara itu"}},
      {"already_registered", {409, "Already registered", "Sudah terdaftar"}},
      {"closed", {409, "The application is closed", "Permohonan sudah selesai"}},
      {"signed", {409, "The decision has been signed", "Keputusan sudah ditandatangani"}},
      {"not_at_step", {409, "Not possible at this stage", "Tidak dapat dilakukan pada tahap ini"}},
      {"time_before_step", {409, "Not possible at this stage", "Tidak dapat dilakukan pada tahap ini"}},
      {"idempotency_in_progress", {409, "This Idempotency-Key was already used", "Idempotency-Key ini sedang dipakai"}},
      {"idempotency_mismatch", {422, "This Idempotency-Key was used for a different request",
                                "Idempotency-Key ini dipakai untuk permintaan lain"}},
      {"body_too_large", {413, "The request body is too large", "Isi permintaan terlalu besar"}},
      {"file_too_large", {413, "The file is too large", "Berkas terlalu besar"}},
      {"unsupported_file", {415, "Unsupported file type", "Jenis berkas tidak didukung"}},
      {"invalid_file", {422, "The file is not acceptable", "Berkas tidak dapat diterima"}},
      {"invalid_definition", {422, "The SOP definition has problems", "Definisi SOP masih bermasalah"}},
      {"form_changed", {422, "The permit's form changed; correct the form first",
                        "Formulir izin telah berubah; perbaiki isian formulir dahulu"}},
      {"unknown_action", {422, "Unknown action", "Tindakan tidak dikenal"}},
      {"note_required", {422, "A note with the reason is required", "Catatan berisi alasan wajib diisi"}},
      {"missing_documents", {422, "Mandatory requirement documents are missing", "Dokumen persyaratan wajib belum lengkap"}},
      {"office_approval_pending",
       {409, "The office has not yet approved this account", "Akun belum disetujui kantor ini"}},
      {"office_approval_rejected",
       {409, "The office did not approve this account", "Akun tidak disetujui kantor ini"}},
      {"documents_not_replaced",
       {422, "The documents the office returned have not been replaced", "Dokumen yang dikembalikan belum diganti"}},
      {"before_schedule", {409, "The meeting or inspection has not taken place yet",
                           "Rapat atau peninjauan belum dilaksanakan"}},
      {"missing_schedule", {422, "The technical review is not scheduled", "Kajian teknis belum dijadwalkan"}},
      {"no_signer", {409, "No signing certificate is installed for you", "Sertifikat tanda tangan Anda belum dipasang"}},
      {"not_ready", {409, "The document is still being produced", "Dokumen masih dibuat"}},
      {"not_printed", {409, "Print the document before handing it over", "Cetak dokumen sebelum diserahkan"}},
      {"already_delivered", {409, "The applicant has already received this document", "Pemohon sudah menerima dokumen ini"}},
      {"too_many_attempts", {429, "Too many attempts", "Terlalu banyak percobaan"}},
      {"rate_limited", {429, "Too many requests", "Terlalu banyak permintaan"}},
      {"busy", {503, "The document checkers are busy", "Pemeriksa dokumen sedang sibuk"}},
      {"export_busy", {503, "Another export is being written; try again shortly",
                       "Ekspor lain sedang dibuat; coba lagi sebentar lagi"}},
      {"too_large", {422, "Too many rows for this format", "Terlalu banyak baris untuk format ini"}},
      {"database", {503, "The database is unavailable", "Basis data tidak tersedia"}},
      {"unavailable", {503, "The service is unavailable", "Layanan tidak tersedia"}},
      {"storage", {503, "The file store is unavailable", "Penyimpanan berkas tidak tersedia"}},
  };
  return k;
}
}  // namespace

std::string json_text(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string problem_title(const std::string& code, Language language) {
  auto it = kinds().find(code);
  if (it == kinds().end()) return language == Language::English ? "Internal error" : "Terjadi kesalahan internal";
  return language == Language::English ? it->second.title_en : it->second.title_id;
}

int status_for(const std::string& code) {
  auto it = kinds().find(code);
  return it == kinds().end() ? 500 : it->second.status;
}

namespace {

nlohmann::json problem_json(int status, const std::string& code, const std::string& detail, const std::string& field) {
  const std::string c = code.empty() ? std::string("internal") : code;
  nlohmann::json j{{"type", "/problems/" + c},
                   {"code", c},
                   {"title", problem_title(c, Language::Indonesian)},
                   {"title_en", problem_title(c, Language::English)},
                   {"status", status},
                   {"detail", detail}};
  if (!field.empty()) j["field"] = field;
  return j;
}

HttpResponse problem_response(int status, const nlohmann::json& j) {
  HttpResponse r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = json_text(j);
  return r;
}

}  // namespace

HttpResponse problem(int status, const std::string& code, const std::string& detail, const std::string& field) {
  return problem_response(status, problem_json(status, code, detail, field));
}

HttpResponse problem_from(const Error& e) {
  const std::string code = e.code.empty() ? "internal" : e.code;
  const int status = status_for(code);
  nlohmann::json j = problem_json(status, code, e.message, "");
  // Each field found wrong with the rule it broke (one, or every one when a whole form was
  // checked), so a client words it in its own language and marks them all at once.
  if (!e.fields.empty()) {
    j["field"] = e.fields.front().field;
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& f : e.fields) {
      nlohmann::json one{{"field", f.field}, {"rule", f.rule}, {"detail", f.message}};
      if (f.min) one["min"] = *f.min;
      if (f.max) one["max"] = *f.max;
      errors.push_back(std::move(one));
    }
    j["errors"] = std::move(errors);
  }
  if (!e.items.empty()) j["items"] = e.items;
  HttpResponse r = problem_response(status, j);
  if (e.retry_after_seconds > 0) r.headers.emplace_back("Retry-After", std::to_string(e.retry_after_seconds));
  return r;
}

}  // namespace sp::http
