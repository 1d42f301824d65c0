#include "service/generated_documents.hpp"

#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>

#include "auth/secrets.hpp"
#include "documents/blob_store.hpp"
#include "documents/pdf_renderer.hpp"
#include "documents/template_library.hpp"
#include "service/application_record.hpp"
#include "service/audit_log.hpp"
#include "service/session_bridge.hpp"
#include "signing/local_pki.hpp"
#include "signing/pades.hpp"
#include "store/database.hpp"
#include "store/prepared.hpp"
#include "store/row_access.hpp"

namespace sp::service {

namespace {

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// "Kabupaten Purwakarta" -> "Purwakarta": the place in "Purwakarta, 23 November 2026".
std::string place_of(const Office& o) {
  for (const char* prefix : {"Kabupaten ", "Kota "})
    if (o.regency.rfind(prefix, 0) == 0) return o.regency.substr(std::string(prefix).size());
  return o.regency;
}

std::string verify_code() { return upper(auth::sha256_hex(auth::random_token()).substr(0, 20)); }

// What a draft decision letter says of itself, in its text and across the top of every page.
constexpr const char* kDraftNote = "DRAF untuk pemeriksaan: belum ditandatangani dan tidak berlaku.";

struct PendingDocument {
  long long id = 0, application_id = 0, event_seq = 0;
  std::string office, kind, code, signer_role;
  long long signer_user_id = 0;  // 0: planned before signing was personal (the role's key)
};

struct EventFacts {
  long long actor_id = 0, at = 0;
  std::string note;
  nlohmann::json payload;
};

EventFacts event_facts(soci::session& s, const std::string& office, long long seq) {
  EventFacts f;
  std::string payload;
  soci::indicator actor_ind = soci::i_null;
  s << "SELECT actor_id, at, note, payload FROM events WHERE office = :o AND seq = :s", soci::use(office),
      soci::use(seq), soci::into(f.actor_id, actor_ind), soci::into(f.at), soci::into(f.note), soci::into(payload);
  f.payload = nlohmann::json::parse(payload, nullptr, false);
  if (actor_ind != soci::i_ok) f.actor_id = 0;
  return f;
}

std::string requirement_name(const Sop& sop, const std::string& code) {
  for (const auto& q : sop.permit.requirements)
    if (q.code == code) return q.name;
  return code;
}

// Every value any template may use, from the application, its SOP and office, the event that
// produced the document, the latest schedule and the technical report.
documents::DocumentValues values_for(soci::session& s, AppContext& ctx, const ApplicationRecord& rec,
                                     const PendingDocument& doc) {
  const Sop& sop = *rec.sop;
  const Office& office = *ctx.catalog.office(rec.office);
  const ZoneOffset z = rec.calendar->zone();
  const EventFacts ev = event_facts(s, rec.office, doc.event_seq);
  const LocalDateTime local = to_local(Instant{ev.at}, z);
  const nlohmann::json form = nlohmann::json::parse(rec.data, nullptr, false);
  const auto form_text = [&](const char* key) {
    return form.is_object() && form.contains(key) && form[key].is_string() ? form[key].get<std::string>() : std::string("-");
  };
  std::string profession;
  s << "SELECT profession FROM users WHERE id = :u", soci::use(rec.applicant_id), soci::into(profession);
  if (form.is_object() && form.contains("profession") && form["profession"].is_string())
    profession = form["profession"].get<std::string>();
  const std::string base = ctx.settings.public_base_url;
  documents::DocumentValues v;
  Date until = local.date;
  until.year += sop.permit.validity_years;
  if (until.month == 2 && until.day == 29 && !is_valid_date(until.year, 2, 29)) until.day = 28;
  v.text = {{"registration_number", rec.registration_number.empty() ? "-" : rec.registration_number},
            {"permit_number", rec.permit_number.empty() ? "(diberikan saat penandatanganan)" : rec.permit_number},
            {"letter_number", rec.registration_number},
            {"permit", sop.permit.name},
            {"permit_title", upper(sop.permit.name).rfind("SURAT ", 0) == 0 ? upper(sop.permit.name)
                                                                            : "SURAT " + upper(sop.permit.name)},
            {"office_name", office.name},
            {"applicant_name", rec.applicant_name},
            {"officer_name", ev.actor_id ? user_name_and_email(s, ev.actor_id).first : "-"},
            {"profession", profession.empty() ? "-" : profession},
            {"str_number", form_text("str_number")},
            {"practice_place", form_text("practice_place")},
            {"practice_address", form_text("practice_address")},
            {"issued_at", format_local_readable(Instant{ev.at}, z)},
            {"place", place_of(office)},
            {"date", format_date_long_id(local.date)},
            {"status_url", base + "/status"},
            {"verify_url", base + "/verify/" + doc.code},
            // A draft of a decision letter says it is one instead of claiming a signature.
            {"signature_note", is_draft_letter(doc.kind, !doc.signer_role.empty())
                                   ? kDraftNote
                                   : "Dokumen ini ditandatangani secara elektronik. Keaslian dan keabsahannya dapat "
                                     "diperiksa pada " + base + "/verify/" + doc.code},
            {"head_title", office.head.title},
            {"head_name", office.head.name},
            {"head_nip", office.head.nip},
            {"valid_from", format_date_long_id(local.date)},
            {"valid_until", sop.permit.validity_years > 0 ? format_date_long_id(until) : "tidak dibatasi"},
            {"reason", refusal_reason(s, rec)},
            {"conclusion", "-"},
            {"inspection_date", format_date_long_id(local.date)}};
  auto& lists = v.lists;
  lists["legal_basis"] = sop.permit.legal_basis.current.empty() ? sop.permit.legal_basis.as_written
                                                                : sop.permit.legal_basis.current;
  lists["conditions"] = sop.permit.notes;
  {
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT requirement, filename FROM documents d WHERE application_id = :a AND revision = "
                      "(SELECT MAX(revision) FROM documents x WHERE x.application_id = d.application_id AND "
                      "x.requirement = d.requirement) ORDER BY requirement",
         soci::use(rec.id));
    std::vector<std::pair<std::string, std::string>> have;
    for (const auto& r : rows) have.emplace_back(r.get<std::string>(0), r.get<std::string>(1));
    for (const auto& q : sop.permit.requirements)  // in the SOP's order
      for (const auto& [code, file] : have)
        if (code == q.code) lists["documents"].push_back(q.name + ": " + file);
  }
  {
    soci::rowset<soci::row> rows = (s.prepare << "SELECT requirement, reason FROM return_reasons WHERE "
                                                 "application_id = :a AND event_seq = :s",
                                    soci::use(rec.id), soci::use(doc.event_seq));
    lists["reasons"];
    for (const auto& r : rows) lists["reasons"].push_back(requirement_name(sop, r.get<std::string>(0)) + ": " + r.get<std::string>(1));
  }
  {
    std::string kind = "rapat_kajian_teknis", place = "-", members = "[]";
    long long at = ev.at;
    s << "SELECT kind, at, place, members FROM schedules WHERE application_id = :a ORDER BY id DESC LIMIT 1",
        soci::use(rec.id), soci::into(kind), soci::into(at), soci::into(place), soci::into(members);
    const bool field = kind == "peninjauan_lapangan";
    const LocalDateTime when = to_local(Instant{at}, z);
    v.text["schedule_title"] = field ? "PENINJAUAN LAPANGAN" : "RAPAT KAJIAN TEKNIS";
    v.text["schedule_title_case"] = field ? "Peninjauan lapangan" : "Rapat kajian teknis";
    v.text["schedule_date"] = std::string(weekday_name_id(weekday_of(to_day_number(when.date)))) + ", " +
                              format_date_long_id(when.date);
    std::string clock = format_clock(when.minute_of_day);
    std::replace(clock.begin(), clock.end(), ':', '.');
    v.text["schedule_time"] = clock + " " + std::string(zone_abbreviation(z));
    v.text["schedule_place"] = place;
    v.text["inspection_date"] = v.text["schedule_date"];
    const auto m = nlohmann::json::parse(members, nullptr, false);
    lists["members"];
    if (m.is_array())
      for (const auto& x : m)
        if (x.is_string()) lists["members"].push_back(x.get<std::string>());
  }
  // The technical report travels in its event's payload (and so in the audit chain).
  if (ev.payload.is_object() && ev.payload.contains("report")) {
    const auto& r = ev.payload["report"];
    lists["findings"].clear();
    for (const auto& f : r.value("findings", nlohmann::json::array())) lists["findings"].push_back(f.get<std::string>());
    v.text["conclusion"] = r.value("conclusion", std::string("-"));
    if (r.contains("members") && !r["members"].empty()) {
      lists["members"].clear();
      for (const auto& x : r["members"]) lists["members"].push_back(x.get<std::string>());
    }
  }
  lists["findings"];
  return v;
}

}  // namespace

std::vector<std::string> document_kinds_for(const std::vector<std::string>& produces, const ApplicationRecord& rec) {
  std::vector<std::string> kinds;
  const auto add = [&](const std::string& k) {
    if (std::find(kinds.begin(), kinds.end(), k) == kinds.end()) kinds.push_back(k);
  };
  for (const auto& p : produces) {
    if (p == "tanda_terima" || p == "surat_pengembalian" || p == "undangan") add(p);
    else if (p == "rekomendasi_teknis" || p == "bap") add("rekomendasi_teknis");
    else if (p == "naskah_keputusan" || p == "dokumen_ttd")
      add(rec.state.verdict == Verdict::Refuse ? "penolakan" : "izin");
  }
  return kinds;
}

namespace {
// Planned in the action's transaction (the single SQLite writer), so prepared once per
// connection.
struct PlanStatement {
  long long application_id = 0, event_seq = 0, valid_until = 0, at = 0, signer_user_id = 0;
  std::string office, kind, code, signer_role;
  soci::indicator role_ind = soci::i_null, until_ind = soci::i_null, signer_ind = soci::i_null;
  soci::statement st;
  explicit PlanStatement(soci::session& s)
      : st((s.prepare << "INSERT INTO generated_documents (application_id, office, event_seq, kind, status, "
                         "verify_code, signer_role, signer_user_id, valid_until, created_at) VALUES (:a, :o, :s, :k, "
                         "'pending', :c, :r, :su, :u, :t)",
            soci::use(application_id), soci::use(office), soci::use(event_seq), soci::use(kind), soci::use(code),
            soci::use(signer_role, role_ind), soci::use(signer_user_id, signer_ind), soci::use(valid_until, until_ind),
            soci::use(at))) {}
};
}  // namespace

void plan_documents(soci::session& s, const ApplicationRecord& rec, long long event_seq,
                    const std::vector<std::string>& kinds, const std::string& signer_role, long long signer_user_id,
                    Instant now) {
  for (const auto& kind : kinds) {
    const std::string code = verify_code();
    const long long t = now.unix_seconds;
    soci::indicator role_ind = signer_role.empty() ? soci::i_null : soci::i_ok;
    // A signed permit is valid for the SOP's validity period from the day it is signed.
    long long until = 0;
    soci::indicator until_ind = soci::i_null;
    if (kind == "izin" && !signer_role.empty() && rec.sop->permit.validity_years > 0) {
      LocalDateTime l = to_local(now, rec.calendar->zone());
      l.date.year += rec.sop->permit.validity_years;
      if (!is_valid_date(l.date.year, l.date.month, l.date.day)) l.date.day = 28;
      until = from_local(l.date, 24 * 60, rec.calendar->zone()).unix_seconds;
      until_ind = soci::i_ok;
    }
    auto& q = store::prepared<PlanStatement>(s);
    q.application_id = rec.id;
    q.office = rec.office;
    q.event_seq = event_seq;
    q.kind = kind;
    q.code = code;
    q.signer_role = signer_role;
    q.role_ind = role_ind;
    q.signer_user_id = signer_user_id;
    q.signer_ind = signer_role.empty() || signer_user_id == 0 ? soci::i_null : soci::i_ok;
    q.valid_until = until;
    q.until_ind = until_ind;
    q.at = t;
    q.st.execute(true);
  }
}

Result<int> produce_pending_documents(AppContext& ctx, std::optional<long long> application_id,
                                      const std::function<bool()>& keep_going) {
  if (!ctx.document_templates) return 0;
  auto pending = ctx.db->read([&](soci::session& s) -> Result<std::vector<PendingDocument>> {
    std::vector<PendingDocument> out;
    const long long app = application_id.value_or(0);
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT id, application_id, event_seq, office, kind, verify_code, signer_role, signer_user_id "
                      "FROM generated_documents WHERE status = 'pending' AND (:a = 0 OR application_id = :a2) "
                      "ORDER BY id LIMIT 200",
         soci::use(app), soci::use(app));
    for (const auto& r : rows)
      out.push_back({store::int_at(r, 0), store::int_at(r, 1), store::int_at(r, 2), r.get<std::string>(3),
                     r.get<std::string>(4), r.get<std::string>(5),
                     r.get_indicator(6) == soci::i_ok ? r.get<std::string>(6) : std::string(),
                     r.get_indicator(7) == soci::i_ok ? store::int_at(r, 7) : 0LL});
    return out;
  });
  if (!pending) return pending.error();
  int produced = 0;
  for (const auto& doc : *pending) {
    if (keep_going && !keep_going()) break;
    // A document that cannot be made (a template without it, a broken template, no signing
    // key) is logged and left pending; the others go on.
    const documents::DocumentTemplate* t = ctx.document_templates->find(doc.office, doc.kind);
    if (!t) {
      spdlog::error("document {} of application {}: no template '{}'", doc.id, doc.application_id, doc.kind);
      continue;
    }
    // Gather the values in a short read; render after it, so no read snapshot stays open (on
    // SQLite that would hold back WAL checkpoints) while the page is laid out.
    auto values = ctx.db->read([&](soci::session& s) -> Result<documents::DocumentValues> {
      auto rec = load_application(s, ctx.catalog, doc.application_id);
      if (!rec) return make_error("not_found", "no such application");
      return values_for(s, ctx, *rec, doc);
    });
    if (!values) return values.error();
    // A decision letter drafted for the verifiers (Kasi, Kabid) is marked as such on every page:
    // it is not signed and grants nothing.
    documents::RenderOptions options;
    if (is_draft_letter(doc.kind, !doc.signer_role.empty())) {
      options.watermark = "DRAF";
      options.watermark_note = kDraftNote;
    }
    auto pdf = documents::render_pdf(*t, ctx.catalog.office(doc.office)->letterhead, *values, options);
    if (!pdf) {
      spdlog::error("document {} ({}) of application {}: {}", doc.id, doc.kind, doc.application_id, pdf.error().message);
      continue;
    }
    // Documents of the SOP's signing step are signed (PAdES) before anyone can have them; a
    // missing key keeps them pending, never issued unsigned.
    std::string signer_subject;
    if (!doc.signer_role.empty()) {
      // The person who acted signs, with their own key and certificate (docs/signatures.md).
      const std::string key = doc.signer_user_id ? signing::personal_signer(doc.signer_user_id) : doc.signer_role;
      auto signer = signing::load_local_signer(ctx.settings.pki_dir, doc.office, key);
      if (!signer) {
        spdlog::error("document {} ({}) of application {} waits for a signing key: {}", doc.id, doc.kind,
                      doc.application_id, signer.error().message);
        continue;
      }
      const Office& office = *ctx.catalog.office(doc.office);
      auto signed_pdf =
          signing::sign_pdf(*pdf, **signer, {"Penetapan " + doc.kind + " oleh " + office.head.title, place_of(office)});
      if (!signed_pdf) {
        spdlog::error("document {} ({}) of application {}: {}", doc.id, doc.kind, doc.application_id,
                      signed_pdf.error().message);
        continue;
      }
      *pdf = std::move(*signed_pdf);
      signer_subject = (*signer)->certificate().subject;
    }
    const std::string sha = auth::sha256_hex(*pdf);
    if (auto put = ctx.blobs.put(sha, *pdf); !put) return put.error();
    const long long size = static_cast<long long>(pdf->size()), now = ctx.clock.now().unix_seconds;
    const int is_signed = signer_subject.empty() ? 0 : 1;
    soci::indicator signer_ind = signer_subject.empty() ? soci::i_null : soci::i_ok;
    auto marked = ctx.db->write([&](soci::session& s) -> Result<bool> {
      s << "UPDATE generated_documents SET status = 'ready', sha256 = :h, size_bytes = :z, ready_at = :t, "
           "signed = :sg, signer = :sr WHERE id = :i AND status = 'pending'",
          soci::use(sha), soci::use(size), soci::use(now), soci::use(is_signed), soci::use(signer_subject, signer_ind),
          soci::use(doc.id);
      return true;
    });
    if (!marked) return marked.error();
    ++produced;
  }
  return produced;
}

namespace {

// Read with every application view, so prepared once per connection.
struct GeneratedQuery {
  long long app = 0, id = 0, seq = 0, size = 0, created = 0, printed = 0, delivered = 0;
  int is_signed = 0, prints = 0, for_signature = 0;
  soci::indicator printed_ind = soci::i_null, delivered_ind = soci::i_null;
  std::string kind, status, sha256, code;
  soci::indicator sha_ind = soci::i_null, size_ind = soci::i_null;
  soci::statement st;
  explicit GeneratedQuery(soci::session& s)
      : st((s.prepare << "SELECT id, kind, status, event_seq, sha256, size_bytes, signed, created_at, verify_code, "
                         "print_count, printed_at, delivered_at, CASE WHEN signer_role IS NULL THEN 0 ELSE 1 END FROM "
                         "generated_documents WHERE application_id = :a ORDER BY id",
            soci::use(app), soci::into(id), soci::into(kind), soci::into(status), soci::into(seq),
            soci::into(sha256, sha_ind), soci::into(size, size_ind), soci::into(is_signed), soci::into(created),
            soci::into(code), soci::into(prints), soci::into(printed, printed_ind),
            soci::into(delivered, delivered_ind), soci::into(for_signature))) {}
};

}  // namespace

bool is_draft_letter(const std::string& kind, bool for_signature) {
  return (kind == "izin" || kind == "penolakan") && !for_signature;
}

nlohmann::json generated_documents_json(soci::session& s, long long application_id, ZoneOffset zone,
                                        bool for_applicant) {
  nlohmann::json out = nlohmann::json::array();
  auto& q = store::prepared<GeneratedQuery>(s);
  q.app = application_id;
  if (q.st.execute(true))
    do {
      if (for_applicant && is_draft_letter(q.kind, q.for_signature != 0)) continue;
      const bool ready = q.status == "ready" && q.sha_ind == soci::i_ok;
      out.push_back({{"id", q.id},
                     {"kind", q.kind},
                     {"status", q.status},
                     {"event_seq", q.seq},
                     {"sha256", ready ? nlohmann::json(q.sha256) : nlohmann::json(nullptr)},
                     {"size", ready && q.size_ind == soci::i_ok ? nlohmann::json(q.size) : nlohmann::json(nullptr)},
                     {"signed", q.is_signed != 0},
                     {"created_at", format_instant(Instant{q.created}, zone)},
                     {"verify_code", q.code},
                     {"print_count", q.prints},
                     {"printed_at", q.printed_ind == soci::i_ok ? nlohmann::json(format_instant(Instant{q.printed}, zone))
                                                                : nlohmann::json(nullptr)},
                     {"delivered_at", q.delivered_ind == soci::i_ok
                                          ? nlohmann::json(format_instant(Instant{q.delivered}, zone))
                                          : nlohmann::json(nullptr)}});
    } while (q.st.fetch());
  return out;
}

namespace {

// The role an officer or applicant acts in on a document (prints, deliveries).
std::string actor_role(const ApplicationRecord& rec, const Principal& who) {
  if (who.kind == UserKind::Applicant) return rec.sop->roles[rec.sop->applicant].code;
  return who.roles.empty() ? std::string("admin") : who.roles.front();
}

// One audit event about a generated document, in the caller's transaction.
void document_event(soci::session& s, const ApplicationRecord& rec, const Principal& who, const std::string& role,
                    const char* kind, long long doc_id, const std::string& doc_kind, Instant now,
                    const std::string& note = "") {
  AuditEvent e;
  e.office = rec.office;
  e.application_id = rec.id;
  e.kind = kind;
  e.actor_id = who.user_id;
  e.role = role;
  e.step = rec.sop->steps[rec.state.step].number;
  e.action = kind;
  e.note = note;
  e.at = now;
  e.payload = {{"document_id", doc_id}, {"document_kind", doc_kind}};
  append_event(s, e);
}

// A ready generated document of an application the principal may see, for prints and
// revocations (inside their write transaction).
struct ReadyDocument {
  ApplicationRecord rec;
  std::string kind;
  bool revoked = false;
};

Result<ReadyDocument> ready_document(soci::session& s, AppContext& ctx, const Principal& who, long long application_id,
                                     long long id) {
  auto rec = load_application(s, ctx.catalog, application_id);
  if (!rec || !may_view(who, *rec)) return make_error("not_found", "no such document");
  std::string status, kind;
  long long revoked_at = 0;
  soci::indicator rind = soci::i_null;
  s << "SELECT status, kind, revoked_at FROM generated_documents WHERE id = :i AND application_id = :a",
      soci::use(id), soci::use(application_id), soci::into(status), soci::into(kind), soci::into(revoked_at, rind);
  if (!s.got_data()) return make_error("not_found", "no such document");
  if (status != "ready") return make_error("not_ready", "the document is still being produced");
  return ReadyDocument{std::move(*rec), kind, rind == soci::i_ok};
}

}  // namespace

Result<std::pair<std::string, std::string>> generated_document_content(AppContext& ctx, const Principal& who,
                                                                       long long application_id, long long id) {
  struct Found {
    std::string sha, kind;
    bool undelivered = false;
  };
  auto found = ctx.db->read([&](soci::session& s) -> Result<Found> {
    auto rec = load_application(s, ctx.catalog, application_id);
    if (!rec || !may_view(who, *rec)) return make_error("not_found", "no such document");
    std::string status, hash, kind;
    long long delivered = 0;
    int for_signature = 0;
    soci::indicator ind = soci::i_null, dind = soci::i_null;
    s << "SELECT status, sha256, kind, delivered_at, CASE WHEN signer_role IS NULL THEN 0 ELSE 1 END FROM "
         "generated_documents WHERE id = :i AND application_id = :a",
        soci::use(id), soci::use(application_id), soci::into(status), soci::into(hash, ind), soci::into(kind),
        soci::into(delivered, dind), soci::into(for_signature);
    if (!s.got_data()) return make_error("not_found", "no such document");
    if (who.kind == UserKind::Applicant && is_draft_letter(kind, for_signature != 0))
      return make_error("not_found", "no such document");
    if (status != "ready" || ind != soci::i_ok) return make_error("not_ready", "the document is still being produced");
    return Found{hash, kind, dind != soci::i_ok};
  });
  if (!found) return found.error();
  auto bytes = ctx.blobs.get(found->sha);
  if (!bytes) return bytes.error();
  if (who.kind == UserKind::Applicant && found->undelivered) {
    const Instant now = ctx.clock.now();
    auto delivered = ctx.db->write([&](soci::session& s) -> Result<bool> {
      auto rec = load_application(s, ctx.catalog, application_id);
      if (!rec) return make_error("not_found", "no such application");
      const long long t = now.unix_seconds;
      soci::statement st = (s.prepare << "UPDATE generated_documents SET delivered_at = :t WHERE id = :i AND "
                                         "delivered_at IS NULL",
                            soci::use(t), soci::use(id));
      st.execute(true);
      // Another download may have recorded it a moment ago; one event is enough.
      if (st.get_affected_rows() == 1)
        document_event(s, *rec, who, actor_role(*rec, who), "delivered", id, found->kind, now);
      return true;
    });
    // The applicant has the file either way; a failed record is logged, not shown to them.
    if (!delivered) spdlog::warn("document {}: delivery not recorded: {}", id, delivered.error().message);
  }
  return std::pair{std::string("application/pdf"), std::move(*bytes)};
}

Result<nlohmann::json> revoke_document(AppContext& ctx, const Principal& who, long long application_id, long long id,
                                       const std::string& reason) {
  if (who.kind != UserKind::Admin) return make_error("forbidden", "only the office's admin revokes documents");
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
    return make_error("invalid_field", "reason: say why the document is revoked");
  const Instant now = ctx.clock.now();
  return ctx.db->write([&](soci::session& s) -> Result<nlohmann::json> {
    auto doc = ready_document(s, ctx, who, application_id, id);
    if (!doc) return doc.error();
    if (doc->revoked) return make_error("conflict", "the document is already revoked");
    const long long t = now.unix_seconds;
    s << "UPDATE generated_documents SET revoked_at = :t, revoked_reason = :r WHERE id = :i", soci::use(t),
        soci::use(reason), soci::use(id);
    document_event(s, doc->rec, who, "admin", "revoked", id, doc->kind, now, reason);
    return nlohmann::json{{"id", id}, {"kind", doc->kind},
                          {"revoked_at", format_instant(now, doc->rec.calendar->zone())}, {"reason", reason}};
  });
}

Result<nlohmann::json> record_print(AppContext& ctx, const Principal& who, long long application_id, long long id) {
  if (who.kind == UserKind::Applicant) return make_error("forbidden", "the office's officers record prints");
  const Instant now = ctx.clock.now();
  return ctx.db->write([&](soci::session& s) -> Result<nlohmann::json> {
    auto doc = ready_document(s, ctx, who, application_id, id);
    if (!doc) return doc.error();
    const long long t = now.unix_seconds;
    s << "UPDATE generated_documents SET print_count = print_count + 1, printed_at = :t, printed_by = :u WHERE id = :i",
        soci::use(t), soci::use(who.user_id), soci::use(id);
    document_event(s, doc->rec, who, actor_role(doc->rec, who), "printed", id, doc->kind, now);
    int count = 0;
    s << "SELECT print_count FROM generated_documents WHERE id = :i", soci::use(id), soci::into(count);
    return nlohmann::json{{"id", id},
                          {"kind", doc->kind},
                          {"print_count", count},
                          {"printed_at", format_instant(now, doc->rec.calendar->zone())},
                          {"printed_by", who.full_name}};
  });
}

}  // namespace sp::service
