#pragma once
// Complaints (Pengaduan, UU 25/2009): anyone, with or without an account, complains about a file
// or about the service. The complaint gets a number and the filer a receipt; the office assigns
// it, answers it within its own standard (office.yaml `complaints.answer_within`, 5 working days
// by default, on its working calendar) and closes it. The filer reads the answer in their account
// or through the public lookup by number, which shows no personal data. Attachments pass the
// same checks as requirement documents.
#include <optional>
#include <string>
#include <vector>

#include "core/instant.hpp"
#include "core/result.hpp"
#include "service/app_context.hpp"
#include "service/principal.hpp"
#include "service/views.hpp"

namespace sp::service {

inline constexpr int kComplaintsPerContactHour = 3;  // without an account, per e-mail or phone
inline constexpr int kComplaintsPerAccountHour = 10;
inline constexpr int kComplaintAttachments = 3;
inline constexpr int kComplaintsListed = 200;

struct ComplaintForm {
  std::string office;
  std::string registration_number;  // the file complained about; empty: the service in general
  std::string subject, body;
  // Without an account: who complains and how to reach them (an e-mail address or a phone number).
  std::string name, email, phone;
};

// What the filer is given: the number, and a key to attach files with (shown once).
struct ComplaintReceiptView {
  std::string number, office, office_name;
  Instant filed, due;
  std::string attachment_key;
  ZoneOffset zone;
};

struct ComplaintAttachmentView {
  long long id = 0;
  std::string filename, content_type;
  long long size = 0;
};

// The public lookup: no name, contact, file number or text of the complaint.
struct PublicComplaintView {
  std::string number, office_name;
  bool about_a_file = false;
  std::string status;  // received | answered | closed
  Instant filed, due;
  std::optional<Instant> answered, closed;
  bool overdue = false;
  std::string answer;
  ZoneOffset zone;
};

// What the office and the filer see.
struct ComplaintView {
  long long id = 0;
  std::string number, office, status;
  std::optional<ApplicationId> application_id;
  std::string registration_number;
  std::string subject, body;
  std::string filer_name, filer_email, filer_phone;  // left empty for the filer's own listing
  bool with_account = false;
  std::optional<long long> assigned_to;
  std::string assigned_name;
  std::string answer, answered_by_name;
  Instant filed, due;
  std::optional<Instant> answered, closed;
  bool overdue = false;
  long long working_minutes_left = 0;  // negative once overdue; 0 when answered
  std::vector<ComplaintAttachmentView> attachments;
  int version = 0;
  ZoneOffset zone;
};

// Files a complaint: `who` is the signed-in filer, if any.
Result<ComplaintReceiptView> file_complaint(AppContext& ctx, const std::optional<Principal>& who, const ComplaintForm& f);
// Adds an attachment while the complaint is unanswered; `key` is the receipt's attachment key.
Result<ComplaintAttachmentView> attach_to_complaint(AppContext& ctx, const std::string& number, const std::string& key,
                                                    const std::string& filename, const std::string& bytes);
Result<PublicComplaintView> public_complaint(AppContext& ctx, const std::string& number);
Result<std::vector<ComplaintView>> my_complaints(AppContext& ctx, const Principal& who);

// The office's side: its officers and admin read; the admin assigns; the assignee or the admin
// answers and closes. `status`: "" all, "open", "answered", "closed".
Result<std::vector<ComplaintView>> office_complaints(AppContext& ctx, const Principal& who, const std::string& status);
Result<ComplaintView> office_complaint(AppContext& ctx, const Principal& who, long long id);
Result<ComplaintView> assign_complaint(AppContext& ctx, const Principal& who, long long id, long long officer_id,
                                       std::optional<int> version);
Result<ComplaintView> answer_complaint(AppContext& ctx, const Principal& who, long long id, const std::string& answer,
                                       std::optional<int> version);
Result<ComplaintView> close_complaint(AppContext& ctx, const Principal& who, long long id, std::optional<int> version);
Result<FileContent> complaint_attachment(AppContext& ctx, const Principal& who, long long id, long long attachment_id);

}  // namespace sp::service
