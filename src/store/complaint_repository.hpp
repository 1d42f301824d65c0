#pragma once
// Complaints (Pengaduan, service/complaints.hpp): filed by anyone, answered by the office.
#include <optional>
#include <string>
#include <vector>

#include "core/instant.hpp"

namespace sp::store {

struct ComplaintRecord {
  long long id = 0;
  std::string number;  // what the filer is given and looks it up by
  std::string office;
  std::optional<long long> application_id;  // about a file; none: about the service
  std::optional<long long> filer_id;        // the filer's account; none: filed without one
  std::string filer_name, filer_email, filer_phone;
  std::string subject, body;
  std::string status = "received";  // received | answered | closed
  std::optional<long long> assigned_to;
  std::string answer;
  std::optional<long long> answered_by;
  Instant filed, due;
  std::optional<Instant> answered, closed;
  std::string key_hash;  // SHA-256 of the key a filer without an account attaches files with
  int version = 0;       // raised by every update; an update names the version it read
};

struct ComplaintAttachmentRecord {
  long long id = 0, complaint_id = 0;
  std::string filename, content_type, sha256;
  long long size = 0;
  Instant uploaded;
};

class ComplaintRepository {
 public:
  virtual ~ComplaintRepository() = default;
  virtual long long insert(const ComplaintRecord& c) = 0;
  virtual std::optional<ComplaintRecord> find(long long id) = 0;
  virtual std::optional<ComplaintRecord> by_number(const std::string& number) = 0;
  // The office's complaints, newest first; `status` "" for all, "open" for received ones.
  virtual std::vector<ComplaintRecord> of_office(const std::string& office, const std::string& status, int limit) = 0;
  virtual std::vector<ComplaintRecord> of_filer(long long user_id, int limit) = 0;
  // How many complaints were filed with this e-mail address or phone number at or after `since`.
  virtual int filed_by_contact_since(const std::string& contact, Instant since) = 0;
  // Writes the complaint's state (status, assignee, answer, times) if it is still at
  // `expected_version`; false when someone changed it meanwhile.
  virtual bool update(const ComplaintRecord& c, int expected_version) = 0;
  virtual long long add_attachment(const ComplaintAttachmentRecord& a) = 0;
  virtual std::vector<ComplaintAttachmentRecord> attachments(long long complaint_id) = 0;
  // For the dashboard and the monthly report: the office's complaints open at some moment of
  // [from, to): filed before `to` and not answered before `from`.
  virtual std::vector<ComplaintRecord> of_period(const std::string& office, Instant from, Instant to) = 0;
};

}  // namespace sp::store
