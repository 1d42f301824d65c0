#include "service/verification.hpp"

#include "auth/secrets.hpp"
#include "core/text.hpp"
#include "documents/blob_store.hpp"
#include "service/generated_documents.hpp"
#include "signing/distinguished_name.hpp"
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

// The signer as people know them, "name, title"; the certificate subject only when it names no one.
std::string signer_text(const VerificationView& v) {
  if (!v.signer_name) return v.signer ? escape(*v.signer) : std::string("-");
  return escape(*v.signer_name) + (v.signer_title ? ", " + escape(*v.signer_title) : std::string());
}

}  // namespace

Result<VerificationView> verification_for(AppContext& ctx, const std::string& typed) {
  const std::string code = ascii_upper(typed);  // codes are printed in capitals; typed in any case
  if (!valid_code(code)) return make_error("not_found", "no document has this verification code");
  const Instant now = ctx.clock.now();
  return ctx.store.read([&](store::Transaction& tx) -> Result<VerificationView> {
    const auto found = tx.generated_documents().by_verify_code(code);
    if (!found) return make_error("not_found", "no document has this verification code");
    const store::GeneratedDocumentRecord& g = found->document;
    const Office* office = ctx.catalog.office(g.office);
    const Sop* sop = ctx.catalog.sop(found->sop_code, found->sop_version);
    const auto text = [](const std::string& t) { return t.empty() ? std::nullopt : std::optional<std::string>(t); };
    VerificationView v;
    v.zone = ctx.catalog.calendar(g.office)->zone();
    v.code = code;
    v.kind = g.kind;
    const bool permit = g.kind == "izin";
    v.document = permit && sop ? sop->permit.name : document_name(g.kind);
    v.office = office ? office->name : g.office;
    v.registration_number = text(found->registration_number);
    if (permit) v.permit_number = text(found->permit_number);
    v.holder = found->holder;
    v.issued = g.ready_at;
    // One rule for validity everywhere: valid through the whole of the last day printed on the
    // permit ("sampai dengan 3 Desember 2031"), stored as the instant that day ends.
    if (g.valid_until) v.valid_until = last_valid_day(g.valid_until->unix_seconds, v.zone);
    v.status = "valid";
    if (g.status != "ready") v.status = "pending";
    else if (is_draft_letter(g.kind, !g.signer_role.empty())) v.status = "draft";  // printed drafts must not pass as issued
    else if (g.revoked_at) v.status = "revoked";
    else if (g.valid_until && g.valid_until->unix_seconds < now.unix_seconds) v.status = "expired";
    v.is_signed = g.is_signed;
    v.signer = text(g.signer);
    if (v.signer) {
      v.signer_name = signing::name_attribute(*v.signer, "CN");
      v.signer_title = signing::name_attribute(*v.signer, "title");
    }
    // A receipt or return letter is issued unsigned: it is on record, but nothing vouches for
    // it beyond this page, and the verdict must not read like a signed permit's.
    v.verdict = v.status == "valid" && !v.is_signed ? "valid_unsigned" : v.status;
    v.sha256 = text(g.sha256);
    if (g.revoked_at) v.revoked_reason = g.revoked_reason;
    return v;
  });
}

Result<UploadVerificationView> verify_upload(AppContext& ctx, const std::string& code, const std::string& pdf) {
  auto v = verification_for(ctx, code);
  if (!v) return v.error();
  if (pdf.empty()) return make_error("invalid_file", "send the PDF to check as the request body");
  UploadVerificationView out;
  out.verification = std::move(*v);
  out.sha256 = auth::sha256_hex(pdf);
  out.identical = out.verification.sha256 && *out.verification.sha256 == out.sha256;
  const auto checked = untrusted_pdfs(ctx).check_signature(pdf, signing::trusted_roots_pem(ctx.settings.pki_dir));
  if (!checked) return checked.error();
  const signing::SignatureCheck& sig = *checked;
  out.signature = {sig.signed_document, sig.intact, sig.covers_whole_file, sig.trusted, sig.signer,
                   sig.problem.empty() ? std::nullopt : std::optional<std::string>(sig.problem)};
  const bool signature_ok = sig.signed_document && sig.intact && sig.covers_whole_file && sig.trusted;
  // Genuine: the very bytes the office issued and, for a signed document, a signature that
  // still verifies.
  out.genuine = out.identical && (out.verification.is_signed ? signature_ok : true);
  out.verdict = !out.identical                                ? "not_issued"
                : out.verification.is_signed && !signature_ok ? "signature_invalid"
                                                              : "identical_" + out.verification.verdict;
  return out;
}

std::string verification_html(const VerificationView& v) {
  const auto str = [](const std::optional<std::string>& t) { return t ? escape(*t) : std::string("-"); };
  const std::string& status = v.status;
  const std::string& verdict_code = v.verdict;
  const char* verdict = verdict_code == "valid"            ? "Dokumen sah dan berlaku"
                        : verdict_code == "valid_unsigned" ? "Dokumen terdaftar, diterbitkan tanpa tanda tangan elektronik"
                        : verdict_code == "expired"        ? "Dokumen sah, masa berlaku telah habis"
                        : verdict_code == "revoked"        ? "Dokumen telah dicabut"
                        : verdict_code == "draft" ? "Naskah (draf) untuk diperiksa, bukan dokumen yang berlaku"
                                                  : "Dokumen sedang diproses";
  const char* color = verdict_code == "valid"                               ? "#0b6b2e"
                      : verdict_code == "valid_unsigned"                    ? "#1f3f6b"
                      : verdict_code == "pending" || verdict_code == "draft" ? "#6b5800"
                                                                             : "#9b1c1c";
  std::string rows;
  const auto row = [&](const char* label, const std::string& value) {
    rows += "<tr><th scope=\"row\">" + std::string(label) + "</th><td>" + value + "</td></tr>\n";
  };
  const auto readable_date = [&](const std::optional<Date>& d) { return d ? escape(format_date_long_id(*d)) : std::string("-"); };
  row("Dokumen", escape(v.document));
  row("Nomor izin", str(v.permit_number));
  row("Nomor registrasi", str(v.registration_number));
  row("Atas nama", escape(v.holder));
  row("Diterbitkan oleh", escape(v.office));
  row("Tanggal terbit", v.issued ? escape(format_local_readable(*v.issued, v.zone)) : std::string("-"));
  row("Berlaku sampai dengan", readable_date(v.valid_until));
  row("Tanda tangan elektronik", v.is_signed ? "Ya, oleh " + signer_text(v) : std::string("Tidak"));
  row("SHA-256", "<code>" + str(v.sha256) + "</code>");
  if (status == "revoked") row("Alasan pencabutan", str(v.revoked_reason));
  const std::string code = escape(v.code);
  return "<!doctype html>\n<html lang=\"id\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<title>Verifikasi dokumen " + code + "</title>"
         "<style>body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#111}"
         "table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem;border-bottom:1px solid #ccc;"
         "vertical-align:top}th{width:40%}code{word-break:break-all}.verdict{font-size:1.3rem;font-weight:700;color:" +
         std::string(color) + "}</style></head><body>\n<h1>Verifikasi dokumen</h1>\n<p class=\"verdict\">" + verdict +
         "</p>\n<table>\n" + rows +
         "</table>\n<p>Kode verifikasi: <code>" + code +
         "</code>. Untuk memastikan berkas PDF yang Anda pegang identik dengan yang diterbitkan, kirim berkas itu ke "
         "<code>POST /api/v1/verify/" + code + "</code> (Content-Type: application/pdf).</p>\n</body></html>\n";
}

}  // namespace sp::service
