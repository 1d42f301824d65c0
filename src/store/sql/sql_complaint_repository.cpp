#include "store/sql/row_access.hpp"
#include "store/sql/sql_repositories.hpp"

namespace sp::store {

namespace {

constexpr const char* kColumns =
    "SELECT id, number, office, application_id, filer_id, filer_name, filer_email, filer_phone, subject, body, status, "
    "assigned_to, answer, answered_by, filed_at, due_at, answered_at, closed_at, key_hash, version FROM complaints";

ComplaintRecord complaint_from(const soci::row& r) {
  ComplaintRecord c;
  c.id = int_at(r, 0);
  c.number = text_at(r, 1);
  c.office = text_at(r, 2);
  c.application_id = optional_int_at(r, 3);
  c.filer_id = optional_int_at(r, 4);
  c.filer_name = text_at(r, 5);
  c.filer_email = text_at(r, 6);
  c.filer_phone = text_at(r, 7);
  c.subject = text_at(r, 8);
  c.body = text_at(r, 9);
  c.status = text_at(r, 10);
  c.assigned_to = optional_int_at(r, 11);
  c.answer = text_at(r, 12);
  c.answered_by = optional_int_at(r, 13);
  c.filed = Instant{int_at(r, 14)};
  c.due = Instant{int_at(r, 15)};
  c.answered = instant_at(r, 16);
  c.closed = instant_at(r, 17);
  c.key_hash = text_at(r, 18);
  c.version = static_cast<int>(int_at(r, 19));
  return c;
}

template <class... Binds>
std::vector<ComplaintRecord> select(soci::session& s, const std::string& where, Binds&&... binds) {
  soci::details::prepare_temp_type p = (s.prepare << std::string(kColumns) + where);
  (void)(p, ..., std::forward<Binds>(binds));
  soci::rowset<soci::row> rows(p);
  std::vector<ComplaintRecord> out;
  for (const auto& r : rows) out.push_back(complaint_from(r));
  return out;
}

std::string limit_clause(int limit) { return " LIMIT " + std::to_string(limit < 1 ? 1 : limit); }

}  // namespace

long long SqlComplaintRepository::insert(const ComplaintRecord& c) {
  const long long app = c.application_id.value_or(0), filer = c.filer_id.value_or(0);
  soci::indicator app_ind = c.application_id ? soci::i_ok : soci::i_null,
                  filer_ind = c.filer_id ? soci::i_ok : soci::i_null;
  long long id = 0;
  s_ << "INSERT INTO complaints (number, office, application_id, filer_id, filer_name, filer_email, filer_phone, "
        "subject, body, status, filed_at, due_at, key_hash, version) VALUES (:n, :o, :a, :f, :fn, :fe, :fp, :s, :b, "
        ":st, :t, :d, :k, 0) RETURNING id",
      soci::use(c.number), soci::use(c.office), soci::use(app, app_ind), soci::use(filer, filer_ind),
      soci::use(c.filer_name), soci::use(c.filer_email), soci::use(c.filer_phone), soci::use(c.subject),
      soci::use(c.body), soci::use(c.status), soci::use(c.filed.unix_seconds), soci::use(c.due.unix_seconds),
      soci::use(c.key_hash), soci::into(id);
  return id;
}

std::optional<ComplaintRecord> SqlComplaintRepository::find(long long id) {
  auto found = select(s_, " WHERE id = :i", soci::use(id));
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::optional<ComplaintRecord> SqlComplaintRepository::by_number(const std::string& number) {
  auto found = select(s_, " WHERE number = :n", soci::use(number));
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::vector<ComplaintRecord> SqlComplaintRepository::of_office(const std::string& office, const std::string& status,
                                                               int limit) {
  const std::string order = " ORDER BY id DESC" + limit_clause(limit);
  if (status.empty()) return select(s_, " WHERE office = :o" + order, soci::use(office));
  const std::string wanted = status == "open" ? "received" : status;
  return select(s_, " WHERE office = :o AND status = :s" + order, soci::use(office), soci::use(wanted));
}

std::vector<ComplaintRecord> SqlComplaintRepository::of_filer(long long user_id, int limit) {
  return select(s_, " WHERE filer_id = :u ORDER BY id DESC" + limit_clause(limit), soci::use(user_id));
}

int SqlComplaintRepository::filed_by_contact_since(const std::string& contact, Instant since) {
  int n = 0;
  s_ << "SELECT COUNT(*) FROM complaints WHERE (filer_email = :c OR filer_phone = :c2) AND filed_at >= :t",
      soci::use(contact), soci::use(contact), soci::use(since.unix_seconds), soci::into(n);
  return n;
}

bool SqlComplaintRepository::update(const ComplaintRecord& c, int expected_version) {
  const long long assigned = c.assigned_to.value_or(0), by = c.answered_by.value_or(0);
  const long long answered = c.answered ? c.answered->unix_seconds : 0, closed = c.closed ? c.closed->unix_seconds : 0;
  soci::indicator assigned_ind = c.assigned_to ? soci::i_ok : soci::i_null,
                  by_ind = c.answered_by ? soci::i_ok : soci::i_null,
                  answered_ind = c.answered ? soci::i_ok : soci::i_null, closed_ind = c.closed ? soci::i_ok : soci::i_null;
  soci::statement st =
      (s_.prepare << "UPDATE complaints SET status = :s, assigned_to = :a, answer = :an, answered_by = :b, "
                     "answered_at = :at, closed_at = :ct, version = version + 1 WHERE id = :i AND version = :v",
       soci::use(c.status), soci::use(assigned, assigned_ind), soci::use(c.answer), soci::use(by, by_ind),
       soci::use(answered, answered_ind), soci::use(closed, closed_ind), soci::use(c.id), soci::use(expected_version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

long long SqlComplaintRepository::add_attachment(const ComplaintAttachmentRecord& a) {
  long long id = 0;
  s_ << "INSERT INTO complaint_attachments (complaint_id, filename, content_type, sha256, size, uploaded_at) VALUES "
        "(:c, :f, :t, :h, :s, :u) RETURNING id",
      soci::use(a.complaint_id), soci::use(a.filename), soci::use(a.content_type), soci::use(a.sha256),
      soci::use(a.size), soci::use(a.uploaded.unix_seconds), soci::into(id);
  return id;
}

std::vector<ComplaintAttachmentRecord> SqlComplaintRepository::attachments(long long complaint_id) {
  soci::rowset<soci::row> rows =
      (s_.prepare << "SELECT id, filename, content_type, sha256, size, uploaded_at FROM complaint_attachments WHERE "
                     "complaint_id = :c ORDER BY id",
       soci::use(complaint_id));
  std::vector<ComplaintAttachmentRecord> out;
  for (const auto& r : rows)
    out.push_back({int_at(r, 0), complaint_id, text_at(r, 1), text_at(r, 2), text_at(r, 3), int_at(r, 4),
                   Instant{int_at(r, 5)}});
  return out;
}

std::vector<ComplaintRecord> SqlComplaintRepository::of_period(const std::string& office, Instant from, Instant to) {
  const long long f = from.unix_seconds, t = to.unix_seconds;
  return select(s_, " WHERE office = :o AND filed_at < :t AND (answered_at IS NULL OR answered_at >= :f) ORDER BY id",
                soci::use(office), soci::use(t), soci::use(f));
}

}  // namespace sp::store
