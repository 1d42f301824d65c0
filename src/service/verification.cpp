#include "service/verification.hpp"

#include "auth/secrets.hpp"
#include "documents/blob_store.hpp"
#include "service/generated_documents.hpp"
#include "signing/local_pki.hpp"
#include "sandbox/untrusted_pdfs.hpp"
#include "signing/pades.hpp"
#include "store/generated_document_repository.hpp"
#include "store/store.hpp"

namespace sp::service {

namespace {

const char* document_name(const std::string& kind) {
  if (kind == "tanda_terima") return "Tanda terima berkas";
  if (kind == "surat_pengembalian") return "Surat pengembalian berkas";
  if (kind == "undangan") return "Undangan rapat kajian teknis / peninjauan lapangan";
  if (kind == "rekomendasi_teknis") return "Berita acara pemeriksaan dan rekomendasi teknis";
  if (kind == "izin") return "Surat izin";
  if (kind == "penolakan") return "Surat penolakan permohonan";
  return "Dokumen";
}

// The last day a permit is valid, in the office's time: the day its stored end instant closes.
Date last_valid_day(long long valid_until, ZoneOffset z) { return to_local(Instant{valid_until - 1}, z).date; }

bool valid_code(const std::string& code) {
  if (code.empty() || code.size() > 40) return false;
  for (char c : code)
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  return true;
}

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

Result<nlohmann::json> verification_for(AppContext& ctx, const std::string& code) {
  if (!valid_code(code)) return make_error("not_found", "no document has this verification code");
  const Instant now = ctx.clock.now();
  return ctx.store.read([&](store::Transaction& tx) -> Result<nlohmann::json> {
    const auto found = tx.generated_documents().by_verify_code(code);
    if (!found) return make_error("not_found", "no document has this verification code");
    const store::GeneratedDocumentRecord& g = found->document;
    const std::string& kind = g.kind;
    const Office* office = ctx.catalog.office(g.office);
    const ZoneOffset z = ctx.catalog.calendar(g.office)->zone();
    const Sop* sop = ctx.catalog.sop(found->sop_code, found->sop_version);
    const long long valid_until = g.valid_until ? g.valid_until->unix_seconds : 0;
    const bool revoked = g.revoked_at.has_value();
    const auto text_or_null = [](const std::string& t) { return t.empty() ? nlohmann::json(nullptr) : nlohmann::json(t); };
    const auto instant_or_null = [&](const std::optional<Instant>& t, bool readable) {
      if (!t) return nlohmann::json(nullptr);
      return nlohmann::json(readable ? format_local_readable(*t, z) : format_instant(*t, z));
    };
    std::string state = "valid";
    if (g.status != "ready") state = "pending";
    else if (is_draft_letter(kind, !g.signer_role.empty())) state = "draft";  // printed drafts must not pass as issued
    else if (revoked) state = "revoked";
    else if (valid_until && valid_until < now.unix_seconds) state = "expired";
    const bool permit = kind == "izin";
    return nlohmann::json{
        {"code", code},
        {"kind", kind},
        {"document", permit && sop ? sop->permit.name : document_name(kind)},
        {"office", office ? office->name : g.office},
        {"registration_number", text_or_null(found->registration_number)},
        {"permit_number", permit ? text_or_null(found->permit_number) : nlohmann::json(nullptr)},
        {"holder", found->holder},
        {"issued_at", instant_or_null(g.ready_at, false)},
        {"issued_at_text", instant_or_null(g.ready_at, true)},
        // One rule for validity everywhere: valid through the whole of the last day printed on the
        // permit ("sampai dengan 3 Desember 2031"), stored as the instant that day ends.
        {"valid_until", valid_until ? nlohmann::json(format_date(last_valid_day(valid_until, z))) : nlohmann::json(nullptr)},
        {"valid_until_text",
         valid_until ? nlohmann::json(format_date_long_id(last_valid_day(valid_until, z))) : nlohmann::json(nullptr)},
        {"status", state},
        {"signed", g.is_signed},
        {"signer", text_or_null(g.signer)},
        {"sha256", text_or_null(g.sha256)},
        {"revoked_reason", revoked ? nlohmann::json(g.revoked_reason) : nlohmann::json(nullptr)}};
  });
}

Result<nlohmann::json> verify_upload(AppContext& ctx, const std::string& code, const std::string& pdf) {
  auto v = verification_for(ctx, code);
  if (!v) return v;
  if (pdf.empty()) return make_error("invalid_file", "send the PDF to check as the request body");
  const std::string sha = auth::sha256_hex(pdf);
  const bool identical = (*v)["sha256"].is_string() && (*v)["sha256"].get<std::string>() == sha;
  const auto checked = untrusted_pdfs(ctx).check_signature(pdf, signing::trusted_roots_pem(ctx.settings.pki_dir));
  if (!checked) return checked.error();
  const signing::SignatureCheck& sig = *checked;
  const bool signature_ok = sig.signed_document && sig.intact && sig.covers_whole_file && sig.trusted;
  (*v)["upload"] = {{"sha256", sha},
                    {"identical", identical},
                    {"signature",
                     {{"signed", sig.signed_document},
                      {"intact", sig.intact},
                      {"covers_whole_file", sig.covers_whole_file},
                      {"trusted", sig.trusted},
                      {"signer", sig.signer},
                      {"problem", sig.problem.empty() ? nlohmann::json(nullptr) : nlohmann::json(sig.problem)}}}};
  // Genuine: the very bytes the office issued and, for a signed document, a signature that
  // still verifies.
  (*v)["genuine"] = identical && ((*v)["signed"].get<bool>() ? signature_ok : true);
  return v;
}

std::string verification_html(const nlohmann::json& v) {
  const auto str = [&](const char* k) { return v[k].is_string() ? escape(v[k].get<std::string>()) : std::string("-"); };
  const std::string status = v["status"].get<std::string>();
  const char* verdict = status == "valid"     ? "Dokumen sah dan berlaku"
                        : status == "expired" ? "Dokumen sah, masa berlaku telah habis"
                        : status == "revoked" ? "Dokumen telah dicabut"
                        : status == "draft"   ? "Naskah (draf) untuk diperiksa, bukan dokumen yang berlaku"
                                              : "Dokumen sedang diproses";
  const char* color = status == "valid" ? "#0b6b2e" : status == "pending" || status == "draft" ? "#6b5800" : "#9b1c1c";
  std::string rows;
  const auto row = [&](const char* label, const std::string& value) {
    rows += "<tr><th scope=\"row\">" + std::string(label) + "</th><td>" + value + "</td></tr>\n";
  };
  row("Dokumen", str("document"));
  row("Nomor izin", str("permit_number"));
  row("Nomor registrasi", str("registration_number"));
  row("Atas nama", str("holder"));
  row("Diterbitkan oleh", str("office"));
  row("Tanggal terbit", str("issued_at_text"));
  row("Berlaku sampai dengan", str("valid_until_text"));
  row("Tanda tangan elektronik", v["signed"].get<bool>() ? "Ya, oleh " + str("signer") : std::string("Tidak"));
  row("SHA-256", "<code>" + str("sha256") + "</code>");
  if (status == "revoked") row("Alasan pencabutan", str("revoked_reason"));
  return "<!doctype html>\n<html lang=\"id\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<title>Verifikasi dokumen " + str("code") + "</title>"
         "<style>body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#111}"
         "table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem;border-bottom:1px solid #ccc;"
         "vertical-align:top}th{width:40%}code{word-break:break-all}.verdict{font-size:1.3rem;font-weight:700;color:" +
         std::string(color) + "}</style></head><body>\n<h1>Verifikasi dokumen</h1>\n<p class=\"verdict\">" + verdict +
         "</p>\n<table>\n" + rows +
         "</table>\n<p>Kode verifikasi: <code>" + str("code") +
         "</code>. Untuk memastikan berkas PDF yang Anda pegang identik dengan yang diterbitkan, kirim berkas itu ke "
         "<code>POST /api/v1/verify/" + str("code") + "</code> (Content-Type: application/pdf).</p>\n</body></html>\n";
}

}  // namespace sp::service
