#include "service/complaints.hpp"

#include <nlohmann/json.hpp>

#include "auth/secrets.hpp"
#include "core/text.hpp"
#include "forms/field_formats.hpp"
#include "sandbox/untrusted_pdfs.hpp"
#include "service/audit_log.hpp"
#include "service/outbox.hpp"
#include "service/report_period.hpp"
#include "store/account_repository.hpp"
#include "store/application_repository.hpp"
#include "store/complaint_repository.hpp"
#include "store/numbering_repository.hpp"
#include "store/store.hpp"
#include "documents/blob_store.hpp"

namespace sp::service {

namespace {

// A few characters nobody can guess, after the counter: a number is what a filer without an
// account holds, and the public lookup answers to it. No 0/O or 1/I to misread.
std::string random_tail(int n) {
  static constexpr char kAlphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const std::string token = auth::random_token();
  std::string out;
  for (int i = 0; i < n; ++i) out += kAlphabet[static_cast<unsigned char>(token[static_cast<std::size_t>(i)]) % 32];
  return out;
}

Result<std::string> text_field(const std::string& value, const char* field, std::size_t min, std::size_t max,
                               TextKind kind = TextKind::Single) {
  const std::string v = std::string(trim(value));
  if (v.size() < min) return field_error(field, "too_short", std::string(field) + " needs at least " + std::to_string(min) + " characters", static_cast<long long>(min));
  if (v.size() > max) return field_error(field, "too_long", std::string(field) + " takes at most " + std::to_string(max) + " characters", {}, static_cast<long long>(max));
  if (auto bad = text_problem(v, kind)) return field_error(field, "invalid_text", *bad);
  return v;
}

const Office* office_of(AppContext& ctx, const std::string& code) { return ctx.catalog.office(code); }

Instant due_after(const WorkingCalendar& cal, const TimeLimit& standard, Instant filed) {
  auto due = standard.is_days() ? cal.add(filed, standard.days()) : cal.add(filed, standard.minutes());
  return due ? *due : filed;
}

// The office's officers and admin handle its complaints; nobody else sees them exist.
Result<store::ComplaintRecord> office_record(store::Transaction& tx, const Principal& who, long long id) {
  auto c = tx.complaints().find(id);
  if (!c || who.kind == UserKind::Applicant || c->office != who.office)
    return make_error("not_found", "no such complaint");
  return *c;
}

std::string name_of(store::Transaction& tx, std::optional<long long> id) {
  if (!id) return "";
  return tx.accounts().full_name(*id).value_or("");
}

ComplaintView view_of(AppContext& ctx, store::Transaction& tx, const store::ComplaintRecord& c, bool with_contact) {
  const WorkingCalendar* cal = ctx.catalog.calendar(c.office);
  const Instant now = ctx.clock.now();
  ComplaintView v;
  v.id = c.id;
  v.number = c.number;
  v.office = c.office;
  v.status = c.status;
  if (c.application_id) {
    v.application_id = ApplicationId{*c.application_id};
    if (auto a = tx.applications().find(*c.application_id)) v.registration_number = a->registration_number;
  }
  v.subject = c.subject;
  v.body = c.body;
  v.with_account = c.filer_id.has_value();
  if (with_contact) {
    v.filer_name = c.filer_name;
    v.filer_email = c.filer_email;
    v.filer_phone = c.filer_phone;
  }
  v.assigned_to = c.assigned_to;
  v.assigned_name = name_of(tx, c.assigned_to);
  v.answer = c.answer;
  v.answered_by_name = name_of(tx, c.answered_by);
  v.filed = c.filed;
  v.due = c.due;
  v.answered = c.answered;
  v.closed = c.closed;
  if (cal) {
    const Instant until = c.answered.value_or(now);
    v.overdue = c.due < until;
    v.working_minutes_left = c.answered ? 0 : cal->elapsed(now, c.due).count;
    v.zone = cal->zone();
  }
  for (const auto& a : tx.complaints().attachments(c.id)) v.attachments.push_back({a.id, a.filename, a.content_type, a.size});
  v.version = c.version;
  return v;
}

// In the office's chain, but not in the file's history: the file's applicant need not be the one
// who complained, and the complaint's number opens its public lookup.
AuditEvent complaint_event(const store::ComplaintRecord& c, const char* kind, std::optional<long long> actor, Instant at) {
  AuditEvent e;
  e.office = c.office;
  e.kind = kind;
  e.action = kind;
  e.actor_id = actor;
  e.at = at;
  e.payload = {{"complaint", c.number}};
  if (c.application_id) e.payload["application_id"] = *c.application_id;
  return e;
}

// Loads, checks the version the client read, changes and stores one complaint of the reader's office.
template <class Change>
Result<ComplaintView> change(AppContext& ctx, const Principal& who, long long id, std::optional<int> version,
                             Change&& fn) {
  return ctx.store.write([&](store::Transaction& tx) -> Result<ComplaintView> {
    auto c = office_record(tx, who, id);
    if (!c) return c.error();
    if (version && *version != c->version)
      return make_error("complaint_changed", "the complaint changed meanwhile; reload it");
    const int read = c->version;
    if (auto ok = fn(tx, *c); !ok) return ok.error();
    if (!tx.complaints().update(*c, read)) return make_error("complaint_changed", "the complaint changed meanwhile; reload it");
    ++c->version;
    return view_of(ctx, tx, *c, true);
  });
}

bool may_handle(const Principal& who, const store::ComplaintRecord& c) {
  return who.kind == UserKind::Admin || (c.assigned_to && *c.assigned_to == who.user_id.value);
}

}  // namespace

Result<ComplaintReceiptView> file_complaint(AppContext& ctx, const std::optional<Principal>& who, const ComplaintForm& f) {
  const Office* office = office_of(ctx, f.office);
  if (!office) return field_error("office", "unknown", "no office with code '" + f.office.substr(0, 60) + "'");
  if (who && who->kind != UserKind::Applicant)
    return make_error("forbidden", "officers answer complaints; an applicant or anyone without an account files them");
  auto subject = text_field(f.subject, "subject", 5, 200);
  if (!subject) return subject.error();
  auto body = text_field(f.body, "body", 10, 4000, TextKind::MultiLine);
  if (!body) return body.error();
  std::string name, email, phone;
  if (who) {
    name = who->full_name;
    email = who->email;
  } else {
    auto n = text_field(f.name, "name", 2, 200);
    if (!n) return n.error();
    name = *n;
    email = ascii_lower(std::string(trim(f.email)));
    if (!email.empty() && !forms::plausible_email(email)) return field_error("email", "invalid_email", "not an e-mail address");
    if (!trim(f.phone).empty()) {
      auto p = forms::normalize_phone(f.phone);
      if (!p) return field_error("phone", "invalid_phone", p.error().message);
      phone = *p;
    }
    if (email.empty() && phone.empty())
      return field_error("email", "required", "give an e-mail address or a phone number, so the office can answer");
  }
  const WorkingCalendar* cal = ctx.catalog.calendar(office->code);
  const Instant now = ctx.clock.now();
  const std::string key = auth::random_token();
  return ctx.store.write([&](store::Transaction& tx) -> Result<ComplaintReceiptView> {
    // Anyone can file: each contact (and each account) files only a few an hour, counted in the
    // database so that it holds across servers and restarts.
    const Instant hour_ago{now.unix_seconds - 3600};
    for (const std::string& contact : {email, phone})
      if (!contact.empty() && tx.complaints().filed_by_contact_since(contact, hour_ago) >=
                                  (who ? kComplaintsPerAccountHour : kComplaintsPerContactHour))
        return make_error("rate_limited", "too many complaints from this contact in the last hour; try again later");
    store::ComplaintRecord c;
    if (!trim(f.registration_number).empty()) {
      auto app = tx.applications().id_by_registration(std::string(trim(f.registration_number)));
      auto row = app ? tx.applications().find(*app) : std::nullopt;
      if (!row || row->office != office->code)
        return field_error("registration_number", "not_found", "this office has no file with that registration number");
      c.application_id = row->id;
    }
    const int year = to_local(now, cal->zone()).date.year;
    const long long seq = tx.numbering().next(office->code, "complaint", year);
    char counter[16];
    std::snprintf(counter, sizeof counter, "%04lld", seq);
    c.number = "ADU-" + ascii_upper(office->code) + "-" + std::to_string(year) + "-" + counter + "-" + random_tail(5);
    c.office = office->code;
    if (who) c.filer_id = who->user_id.value;
    c.filer_name = name;
    c.filer_email = email;
    c.filer_phone = phone;
    c.subject = *subject;
    c.body = *body;
    c.filed = now;
    c.due = due_after(*cal, office->complaint_standard, now);
    c.key_hash = auth::sha256_hex(key);
    c.id = tx.complaints().insert(c);
    if (!email.empty()) {
      auto mail = ctx.mail.render("pengaduan_diterima",
                                  {{"name", name},
                                   {"office", office->name},
                                   {"number", c.number},
                                   {"subject", c.subject},
                                   {"time", format_local_readable(now, cal->zone())},
                                   {"due", format_local_readable(c.due, cal->zone())},
                                   {"standard", format_time_limit(office->complaint_standard)},
                                   {"link", ctx.settings.public_base_url + "/pengaduan/" + c.number}});
      if (!mail) return mail.error();
      enqueue_mail(tx, email, *mail, now);
    }
    append_event(tx, complaint_event(c, "complaint_filed", c.filer_id, now));
    return ComplaintReceiptView{c.number, office->code, office->name, now, c.due, key, cal->zone()};
  });
}

Result<ComplaintAttachmentView> attach_to_complaint(AppContext& ctx, const std::string& number, const std::string& key,
                                                    const std::string& filename, const std::string& bytes) {
  if (bytes.size() > ctx.settings.max_upload_bytes)
    return make_error("file_too_large", "a file may have at most " +
                                            std::to_string(ctx.settings.max_upload_bytes / (1024 * 1024)) + " MiB");
  // The key is checked before the bytes are parsed or stored: nobody without it spends the
  // checkers' time or the disk.
  auto found = ctx.store.read([&](store::Transaction& tx) -> Result<store::ComplaintRecord> {
    auto c = tx.complaints().by_number(number);
    if (!c || key.empty() || !auth::same_secret(auth::sha256_hex(key), c->key_hash))
      return make_error("not_found", "no such complaint, or not this key");
    return *c;
  });
  if (!found) return found.error();
  if (found->status != "received") return make_error("conflict", "the complaint has been answered; files can no longer be added");
  auto checked = untrusted_pdfs(ctx).check_upload(bytes, filename);
  if (!checked) return checked.error();
  const std::string sha = auth::sha256_hex(bytes);
  const std::string name = checked->filename.empty() ? "lampiran" : checked->filename;
  if (auto put = ctx.blobs.put(sha, bytes); !put) return put.error();
  const Instant now = ctx.clock.now();
  return ctx.store.write([&](store::Transaction& tx) -> Result<ComplaintAttachmentView> {
    auto c = tx.complaints().find(found->id);
    if (!c || c->status != "received")
      return make_error("conflict", "the complaint has been answered; files can no longer be added");
    if (static_cast<int>(tx.complaints().attachments(c->id).size()) >= kComplaintAttachments)
      return make_error("conflict", "a complaint takes at most " + std::to_string(kComplaintAttachments) + " files");
    store::ComplaintAttachmentRecord a{0, c->id, name, checked->content_type, sha, static_cast<long long>(bytes.size()), now};
    a.id = tx.complaints().add_attachment(a);
    return ComplaintAttachmentView{a.id, a.filename, a.content_type, a.size};
  });
}

Result<PublicComplaintView> public_complaint(AppContext& ctx, const std::string& number) {
  return ctx.store.read([&](store::Transaction& tx) -> Result<PublicComplaintView> {
    auto c = tx.complaints().by_number(std::string(trim(number)));
    if (!c) return make_error("not_found", "no complaint with this number");
    const Office* office = office_of(ctx, c->office);
    const WorkingCalendar* cal = ctx.catalog.calendar(c->office);
    PublicComplaintView v;
    v.number = c->number;
    v.office_name = office ? office->name : c->office;
    v.about_a_file = c->application_id.has_value();
    v.status = c->status;
    v.filed = c->filed;
    v.due = c->due;
    v.answered = c->answered;
    v.closed = c->closed;
    v.overdue = c->due < c->answered.value_or(ctx.clock.now());
    v.answer = c->answer;
    if (cal) v.zone = cal->zone();
    return v;
  });
}

Result<std::vector<ComplaintView>> my_complaints(AppContext& ctx, const Principal& who) {
  return ctx.store.read([&](store::Transaction& tx) -> Result<std::vector<ComplaintView>> {
    std::vector<ComplaintView> out;
    for (const auto& c : tx.complaints().of_filer(who.user_id.value, kComplaintsListed)) {
      ComplaintView v = view_of(ctx, tx, c, false);
      v.assigned_name.clear();  // the office's staffing is not the filer's business
      out.push_back(std::move(v));
    }
    return out;
  });
}

Result<std::vector<ComplaintView>> office_complaints(AppContext& ctx, const Principal& who, const std::string& status) {
  if (auto ok = check_office_reader(who, "complaints are"); !ok) return ok.error();
  if (!status.empty() && status != "open" && status != "answered" && status != "closed")
    return field_error("status", "not_allowed", "one of open, answered, closed");
  return ctx.store.read([&](store::Transaction& tx) -> Result<std::vector<ComplaintView>> {
    std::vector<ComplaintView> out;
    for (const auto& c : tx.complaints().of_office(who.office, status, kComplaintsListed))
      out.push_back(view_of(ctx, tx, c, true));
    return out;
  });
}

Result<ComplaintView> office_complaint(AppContext& ctx, const Principal& who, long long id) {
  return ctx.store.read([&](store::Transaction& tx) -> Result<ComplaintView> {
    auto c = office_record(tx, who, id);
    if (!c) return c.error();
    return view_of(ctx, tx, *c, true);
  });
}

Result<ComplaintView> assign_complaint(AppContext& ctx, const Principal& who, long long id, long long officer_id,
                                       std::optional<int> version) {
  const Instant now = ctx.clock.now();
  return change(ctx, who, id, version, [&](store::Transaction& tx, store::ComplaintRecord& c) -> Result<bool> {
    if (who.kind != UserKind::Admin) return make_error("forbidden", "the office admin assigns complaints");
    if (c.status != "received") return make_error("conflict", "the complaint has been answered already");
    const auto kind = tx.accounts().staff_kind(officer_id, c.office);
    auto user = tx.accounts().find(officer_id);
    if (!kind || !user || user->status != "active")
      return field_error("officer_id", "not_found", "no active officer of this office with that id");
    c.assigned_to = officer_id;
    AuditEvent e = complaint_event(c, "complaint_assigned", who.user_id.value, now);
    e.payload["assigned_to"] = officer_id;
    append_event(tx, e);
    return true;
  });
}

Result<ComplaintView> answer_complaint(AppContext& ctx, const Principal& who, long long id, const std::string& answer,
                                       std::optional<int> version) {
  auto text = text_field(answer, "answer", 10, 4000, TextKind::MultiLine);
  if (!text) return text.error();
  const Instant now = ctx.clock.now();
  return change(ctx, who, id, version, [&](store::Transaction& tx, store::ComplaintRecord& c) -> Result<bool> {
    if (!may_handle(who, c)) return make_error("forbidden", "the officer it is assigned to, or the office admin, answers it");
    if (c.status != "received") return make_error("conflict", "the complaint has been answered already");
    c.status = "answered";
    c.answer = *text;
    c.answered_by = who.user_id.value;
    c.answered = now;
    const Office* office = office_of(ctx, c.office);
    if (!c.filer_email.empty() && office) {
      auto mail = ctx.mail.render("pengaduan_dijawab", {{"name", c.filer_name},
                                                        {"office", office->name},
                                                        {"number", c.number},
                                                        {"subject", c.subject},
                                                        {"answer", c.answer},
                                                        {"link", ctx.settings.public_base_url + "/pengaduan/" + c.number}});
      if (!mail) return mail.error();
      enqueue_mail(tx, c.filer_email, *mail, now);
    }
    append_event(tx, complaint_event(c, "complaint_answered", who.user_id.value, now));
    return true;
  });
}

Result<ComplaintView> close_complaint(AppContext& ctx, const Principal& who, long long id, std::optional<int> version) {
  const Instant now = ctx.clock.now();
  return change(ctx, who, id, version, [&](store::Transaction& tx, store::ComplaintRecord& c) -> Result<bool> {
    if (!may_handle(who, c)) return make_error("forbidden", "the officer it is assigned to, or the office admin, closes it");
    if (c.status != "answered") return make_error("conflict", "only an answered complaint is closed");
    c.status = "closed";
    c.closed = now;
    append_event(tx, complaint_event(c, "complaint_closed", who.user_id.value, now));
    return true;
  });
}

Result<FileContent> complaint_attachment(AppContext& ctx, const Principal& who, long long id, long long attachment_id) {
  auto found = ctx.store.read([&](store::Transaction& tx) -> Result<store::ComplaintAttachmentRecord> {
    auto c = office_record(tx, who, id);
    if (!c) return c.error();
    for (const auto& a : tx.complaints().attachments(c->id))
      if (a.id == attachment_id) return a;
    return make_error("not_found", "no such file");
  });
  if (!found) return found.error();
  auto bytes = ctx.blobs.get(found->sha256);
  if (!bytes) return bytes.error();
  return FileContent{found->content_type, std::move(*bytes), found->filename};
}

}  // namespace sp::service
