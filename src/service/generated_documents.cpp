#include "service/generated_documents.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "auth/secrets.hpp"
#include "core/text.hpp"
#include "documents/blob_store.hpp"
#include "documents/pdf_renderer.hpp"
#include "documents/template_library.hpp"
#include "forms/form_data.hpp"
#include "service/application_record.hpp"
#include "service/audit_log.hpp"
#include "signing/local_pki.hpp"
#include "signing/pades.hpp"
#include "signing/signer_provider.hpp"
#include "store/account_repository.hpp"
#include "store/application_repository.hpp"
#include "store/generated_document_repository.hpp"
#include "store/store.hpp"

namespace sp::service {

namespace {

// "Kabupaten Purwakarta" -> "Purwakarta": the place in "Purwakarta, 23 November 2026".
// Where letters are signed: the office's seat, or else the regency's name without its kind.
std::string place_of(const Office& o) {
  if (!o.seat.empty()) return o.seat;
  for (const char* prefix : {"Kabupaten ", "Kota "})
    if (o.regency.rfind(prefix, 0) == 0) return o.regency.substr(std::string(prefix).size());
  return o.regency;
}

std::string verify_code() { return ascii_upper(auth::sha256_hex(auth::random_token()).substr(0, 20)); }

// What a draft decision letter says of itself, in its text and across the top of every page.
constexpr const char* kDraftNote = "DRAF untuk pemeriksaan: belum ditandatangani dan tidak berlaku.";

// A planned document; signer_user_id 0: planned before signing was personal (the role's key).
using PendingDocument = store::GeneratedDocumentRecord;

struct EventFacts {
  long long actor_id = 0, at = 0;
  std::string note;
  nlohmann::json payload;
};

EventFacts event_facts(store::Transaction& tx, const std::string& office, long long seq) {
  EventFacts f;
  if (auto e = tx.applications().event(office, seq)) {
    f.actor_id = e->actor_id.value_or(0);
    f.at = e->at;
    f.note = e->note;
    f.payload = nlohmann::json::parse(e->payload, nullptr, false);
  }
  return f;
}

std::string requirement_name(const Sop& sop, const std::string& code) {
  for (const auto& q : sop.permit.requirements)
    if (q.code == code) return q.name;
  return code;
}

// The application's form data: `form.<key>` for every field, and the table `permit_data` of the
// fields the form marks for the permit, labelled as the form labels them.
void add_form_values(const PermitForm& form, const std::string& data_text, documents::DocumentValues& v) {
  const nlohmann::json data = nlohmann::json::parse(data_text, nullptr, false);
  auto& table = v.tables["permit_data"];
  for (const FormField* f : form.fields()) {
    const nlohmann::json value = data.is_object() && data.contains(f->key) ? data[f->key] : nlohmann::json();
    const std::string printed = forms::printed_value(*f, value);
    v.text["form." + f->key] = printed;
    if (f->on_permit && printed != "-") table.emplace_back(f->label.id, printed);
  }
}

// Every value any template may use, from the application, its SOP and office, the event that
// produced the document, the latest schedule and the technical report.
documents::DocumentValues values_for(store::Transaction& tx, AppContext& ctx, const ApplicationRecord& rec,
                                     const PendingDocument& doc) {
  const Sop& sop = *rec.sop;
  const Office& office = *ctx.catalog.office(rec.office);
  const ZoneOffset z = rec.calendar->zone();
  const EventFacts ev = event_facts(tx, rec.office, doc.event_seq);
  const LocalDateTime local = to_local(Instant{ev.at}, z);
  const std::string base = ctx.settings.public_base_url;
  documents::DocumentValues v;
  Date until = local.date;
  until.year += sop.permit.validity_years;
  if (until.month == 2 && until.day == 29 && !is_valid_date(until.year, 2, 29)) until.day = 28;
  v.text = {{"registration_number", rec.registration_number.empty() ? "-" : rec.registration_number},
            {"permit_number", rec.permit_number.empty() ? "(diberikan saat penandatanganan)" : rec.permit_number},
            {"letter_number", rec.registration_number},
            {"permit", sop.permit.name},
            {"permit_title", ascii_upper(sop.permit.name).rfind("SURAT ", 0) == 0 ? ascii_upper(sop.permit.name)
                                                                            : "SURAT " + ascii_upper(sop.permit.name)},
            {"office_name", office.name},
            {"applicant_name", rec.applicant_name},
            {"officer_name", ev.actor_id ? tx.accounts().full_name(ev.actor_id).value_or("") : "-"},
            {"issued_at", format_local_readable(Instant{ev.at}, z)},
            {"place", place_of(office)},
            {"date", format_date_long_id(local.date)},
            {"status_url", base + "/status"},
            {"verify_url", base + "/verify/" + doc.verify_code},
            // A draft of a decision letter says it is one instead of claiming a signature.
            {"signature_note", is_draft_letter(doc.kind, !doc.signer_role.empty())
                                   ? kDraftNote
                                   : "Dokumen ini ditandatangani secara elektronik. Keaslian dan keabsahannya dapat "
                                     "diperiksa pada " + base + "/verify/" + doc.verify_code},
            {"head_title", office.head.title},
            {"head_name", office.head.name},
            {"head_nip", office.head.nip},
            {"valid_from", format_date_long_id(local.date)},
            {"valid_until", sop.permit.validity_years > 0 ? format_date_long_id(until) : "tidak dibatasi"},
            {"reason", refusal_reason(tx, rec)},
            {"conclusion", "-"},
            {"inspection_date", format_date_long_id(local.date)}};
  // A signed letter names the person who signed it, with the NIP the office recorded for them;
  // without a recorded NIP it keeps the office's head as office.yaml gives them.
  if (!doc.signer_role.empty() && doc.signer_user_id)
    if (std::string nip = tx.accounts().nip(doc.signer_user_id); !nip.empty()) {
      v.text["head_name"] = tx.accounts().full_name(doc.signer_user_id).value_or(office.head.name);
      v.text["head_nip"] = std::move(nip);
    }
  auto& lists = v.lists;
  lists["legal_basis"] = sop.permit.legal_basis.current.empty() ? sop.permit.legal_basis.as_written
                                                                : sop.permit.legal_basis.current;
  lists["conditions"] = sop.permit.conditions;
  add_form_values(ctx.catalog.form(sop), rec.data, v);
  {
    // The latest revision of each requirement (documents() lists them by requirement, then
    // revision), in the SOP's order.
    std::map<std::string, std::string> latest;
    for (const auto& d : tx.applications().documents(rec.id)) latest[d.requirement] = d.filename;
    for (const auto& q : sop.permit.requirements)
      if (auto it = latest.find(q.code); it != latest.end()) lists["documents"].push_back(q.name + ": " + it->second);
  }
  lists["reasons"];
  for (const auto& r : tx.applications().return_reasons(rec.id, doc.event_seq))
    lists["reasons"].push_back(requirement_name(sop, r.requirement) + ": " + r.reason);
  // The front office's own note goes with the reasons it returned the file for.
  if (!lists["reasons"].empty() && ev.note.find_first_not_of(" \t\r\n") != std::string::npos)
    lists["reasons"].push_back("Catatan petugas: " + ev.note);
  {
    std::string kind = "rapat_kajian_teknis", place = "-";
    std::vector<std::string> members;
    long long at = ev.at;
    if (auto sch = tx.applications().latest_schedule(rec.id)) {
      kind = sch->kind;
      at = sch->at.unix_seconds;
      place = sch->place;
      members = schedule_members(*sch);
    }
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
    lists["members"] = members;
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

void plan_documents(store::Transaction& tx, const ApplicationRecord& rec, long long event_seq,
                    const std::vector<std::string>& kinds, const std::string& signer_role, long long signer_user_id,
                    Instant now) {
  for (const auto& kind : kinds) {
    store::GeneratedDocumentRecord d;
    d.application_id = rec.id;
    d.office = rec.office;
    d.event_seq = event_seq;
    d.kind = kind;
    d.verify_code = verify_code();
    d.signer_role = signer_role;
    d.signer_user_id = signer_role.empty() ? 0 : signer_user_id;
    d.created = now;
    // A signed permit is valid for the SOP's validity period from the day it is signed.
    if (kind == "izin" && !signer_role.empty() && rec.sop->permit.validity_years > 0) {
      LocalDateTime l = to_local(now, rec.calendar->zone());
      l.date.year += rec.sop->permit.validity_years;
      if (!is_valid_date(l.date.year, l.date.month, l.date.day)) l.date.day = 28;
      d.valid_until = from_local(l.date, 24 * 60, rec.calendar->zone());
    }
    tx.generated_documents().plan(d);
  }
}

Result<int> produce_pending_documents(AppContext& ctx, std::optional<long long> application_id,
                                      const std::function<bool()>& keep_going) {
  if (!ctx.document_templates) return 0;
  auto pending = ctx.store.read([&](store::Transaction& tx) -> Result<std::vector<PendingDocument>> {
    return tx.generated_documents().pending(application_id, 200);
  });
  if (!pending) return pending.error();
  int produced = 0;
  for (const auto& doc : *pending) {
    if (keep_going && !keep_going()) break;
    // A document that cannot be made (a template without it, a broken template, no signing
    // key) is logged and left pending; the others go on.
    // Gather the values in a short read; render after it, so no read snapshot stays open (on
    // SQLite that would hold back WAL checkpoints) while the page is laid out.
    std::string permit;
    auto values = ctx.store.read([&](store::Transaction& tx) -> Result<documents::DocumentValues> {
      auto rec = load_application(tx, ctx.catalog, doc.application_id);
      if (!rec) return application_not_found();
      permit = rec->sop->permit.code;
      return values_for(tx, ctx, *rec, doc);
    });
    if (!values) return values.error();
    const documents::DocumentTemplate* t = ctx.document_templates->find(doc.office, doc.kind, permit);
    if (!t) {
      spdlog::error("document {} of application {}: no template '{}'", doc.id, doc.application_id, doc.kind);
      continue;
    }
    // A decision letter drafted for the verifiers (Kasi, Kabid) is marked as such on every page:
    // it is not signed and grants nothing.
    documents::RenderOptions options;
    options.logo_path = ctx.catalog.office(doc.office)->logo_path;
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
      auto signer = ctx.signers ? ctx.signers->signer(doc.office, key)
                                : Result<std::shared_ptr<const signing::Signer>>(
                                      make_error("no_signer", "no signing keys are configured"));
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
    const long long size = static_cast<long long>(pdf->size());
    const Instant now = ctx.clock.now();
    auto marked = ctx.store.write([&](store::Transaction& tx) -> Result<bool> {
      tx.generated_documents().mark_ready(doc.id, sha, size, now, signer_subject);
      return true;
    });
    if (!marked) return marked.error();
    ++produced;
  }
  return produced;
}

bool is_draft_letter(const std::string& kind, bool for_signature) {
  return (kind == "izin" || kind == "penolakan") && !for_signature;
}

std::vector<GeneratedDocumentView> generated_document_views(const std::vector<store::GeneratedDocumentRecord>& documents,
                                                            ZoneOffset zone, bool for_applicant) {
  std::vector<GeneratedDocumentView> out;
  for (const auto& d : documents) {
    if (for_applicant && is_draft_letter(d.kind, !d.signer_role.empty())) continue;
    const bool ready = d.status == "ready" && !d.sha256.empty();
    GeneratedDocumentView v;
    v.id = GeneratedDocumentId{d.id};
    v.kind = d.kind;
    v.status = d.status;
    v.event_seq = d.event_seq;
    if (ready) v.sha256 = d.sha256, v.size = d.size;
    v.is_signed = d.is_signed;
    v.created = d.created;
    v.verify_code = d.verify_code;
    v.print_count = d.print_count;
    v.printed_at = d.printed_at;
    v.delivered_at = d.delivered_at;
    v.zone = zone;
    out.push_back(std::move(v));
  }
  return out;
}

namespace {

// The role an officer or applicant acts in on a document (prints, deliveries).
std::string actor_role(const ApplicationRecord& rec, const Principal& who) {
  if (who.kind == UserKind::Applicant) return rec.sop->roles[rec.sop->applicant].code;
  return who.roles.empty() ? std::string("admin") : who.roles.front();
}

// One audit event about a generated document, in the caller's transaction.
void document_event(store::Transaction& tx, const ApplicationRecord& rec, const Principal& who, const std::string& role,
                    const char* kind, long long doc_id, const std::string& doc_kind, Instant now,
                    const std::string& note = "") {
  AuditEvent e;
  e.office = rec.office;
  e.application_id = rec.id;
  e.kind = kind;
  e.actor_id = who.user_id.value;
  e.role = role;
  e.step = rec.sop->steps[rec.state.step].number;
  e.action = kind;
  e.note = note;
  e.at = now;
  e.payload = {{"document_id", doc_id}, {"document_kind", doc_kind}};
  append_event(tx, e);
}

// A ready generated document of an application the principal may see, for prints and
// revocations (inside their write transaction).
struct ReadyDocument {
  ApplicationRecord rec;
  std::string kind;
  bool revoked = false;
};

Result<ReadyDocument> ready_document(store::Transaction& tx, AppContext& ctx, const Principal& who,
                                     ApplicationId application_id, GeneratedDocumentId id) {
  auto rec = load_application(tx, ctx.catalog, application_id.value);
  if (!rec || !may_view(who, *rec)) return make_error("not_found", "no such document");
  auto doc = tx.generated_documents().find(application_id.value, id.value);
  if (!doc) return make_error("not_found", "no such document");
  if (doc->status != "ready") return make_error("not_ready", "the document is still being produced");
  return ReadyDocument{std::move(*rec), doc->kind, doc->revoked_at.has_value()};
}

}  // namespace

Result<FileContent> generated_document_content(AppContext& ctx, const Principal& who, ApplicationId application_id,
                                               GeneratedDocumentId id) {
  struct Found {
    std::string sha, kind, registration;
    bool undelivered = false;
  };
  auto found = ctx.store.read([&](store::Transaction& tx) -> Result<Found> {
    auto rec = load_application(tx, ctx.catalog, application_id.value);
    if (!rec || !may_view(who, *rec)) return make_error("not_found", "no such document");
    auto doc = tx.generated_documents().find(application_id.value, id.value);
    if (!doc) return make_error("not_found", "no such document");
    if (who.kind == UserKind::Applicant && is_draft_letter(doc->kind, !doc->signer_role.empty()))
      return make_error("not_found", "no such document");
    if (doc->status != "ready" || doc->sha256.empty())
      return make_error("not_ready", "the document is still being produced");
    return Found{doc->sha256, doc->kind, rec->registration_number, !doc->delivered_at};
  });
  if (!found) return found.error();
  auto bytes = ctx.blobs.get(found->sha);
  if (!bytes) return bytes.error();
  if (who.kind == UserKind::Applicant && found->undelivered) {
    const Instant now = ctx.clock.now();
    auto delivered = ctx.store.write([&](store::Transaction& tx) -> Result<bool> {
      auto rec = load_application(tx, ctx.catalog, application_id.value);
      if (!rec) return application_not_found();
      // Another download may have recorded it a moment ago; one event is enough.
      if (tx.generated_documents().mark_delivered(id.value, now))
        document_event(tx, *rec, who, actor_role(*rec, who), "delivered", id.value, found->kind, now);
      return true;
    });
    // The applicant has the file either way; a failed record is logged, not shown to them.
    if (!delivered) spdlog::warn("document {}: delivery not recorded: {}", id.value, delivered.error().message);
  }
  // "0012/REG/DPMPTSP-PWK/2026" becomes "0012-REG-DPMPTSP-PWK-2026": a name every system saves.
  std::string name = found->kind;
  if (!found->registration.empty()) name += "-" + found->registration;
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') c = '-';
  return FileContent{"application/pdf", std::move(*bytes), name + ".pdf"};
}

Result<RevocationView> revoke_document(AppContext& ctx, const Principal& who, ApplicationId application_id, GeneratedDocumentId id,
                                       const std::string& reason) {
  if (who.kind != UserKind::Admin) return make_error("forbidden", "only the office's admin revokes documents");
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
    return field_error("reason", "required", "say why the document is revoked");
  const Instant now = ctx.clock.now();
  return ctx.store.write([&](store::Transaction& tx) -> Result<RevocationView> {
    auto doc = ready_document(tx, ctx, who, application_id, id);
    if (!doc) return doc.error();
    if (doc->revoked) return make_error("conflict", "the document is already revoked");
    tx.generated_documents().revoke(id.value, now, reason);
    document_event(tx, doc->rec, who, "admin", "revoked", id.value, doc->kind, now, reason);
    return RevocationView{id, doc->kind, now, reason, doc->rec.calendar->zone()};
  });
}

Result<PrintView> record_print(AppContext& ctx, const Principal& who, ApplicationId application_id,
                               GeneratedDocumentId id) {
  if (who.kind == UserKind::Applicant) return make_error("forbidden", "the office's officers record prints");
  const Instant now = ctx.clock.now();
  return ctx.store.write([&](store::Transaction& tx) -> Result<PrintView> {
    auto doc = ready_document(tx, ctx, who, application_id, id);
    if (!doc) return doc.error();
    const int count = tx.generated_documents().record_print(id.value, now, who.user_id.value);
    document_event(tx, doc->rec, who, actor_role(doc->rec, who), "printed", id.value, doc->kind, now);
    return PrintView{id, doc->kind, count, now, who.full_name, doc->rec.calendar->zone()};
  });
}

Result<HandoverView> record_handover(AppContext& ctx, const Principal& who, ApplicationId application_id,
                                     GeneratedDocumentId id) {
  if (who.kind == UserKind::Applicant) return make_error("forbidden", "the office's officers record handovers");
  const Instant now = ctx.clock.now();
  return ctx.store.write([&](store::Transaction& tx) -> Result<HandoverView> {
    auto doc = ready_document(tx, ctx, who, application_id, id);
    if (!doc) return doc.error();
    if (doc->revoked) return make_error("conflict", "the document is revoked; it cannot be handed over");
    auto stored = tx.generated_documents().find(application_id.value, id.value);
    if (!stored || !stored->printed_at) return make_error("not_printed", "print the document before handing it over");
    // Once received (at the counter, or downloaded by the applicant) it stays received.
    if (!tx.generated_documents().mark_delivered(id.value, now))
      return make_error("already_delivered", "the applicant has already received this document");
    document_event(tx, doc->rec, who, actor_role(doc->rec, who), "handed_over", id.value, doc->kind, now);
    return HandoverView{id, doc->kind, now, who.full_name, doc->rec.calendar->zone()};
  });
}

}  // namespace sp::service
