#pragma once
// What the services answer, as typed values: the application as its viewer sees it, its status,
// timeline and lists, the office's documents, closures and verifications. http/view_json.hpp
// writes them as the API's JSON (docs/openapi.json); other callers read the fields.
//
// Instants are UTC; `zone` is the office's offset, in which the API shows them.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "catalog/time_limit.hpp"
#include "core/civil_time.hpp"
#include "core/ids.hpp"
#include "core/instant.hpp"

namespace sp::service {

struct StepView {
  int no = 0;
  std::string code, title, description, actor, actor_name, time, output;
  TimeLimit time_limit;  // `time` as a unit and amount, for clients that word it themselves
};

struct DeadlineView {
  Instant at;
  long long working_minutes_left = 0;
  bool overdue = false;
  std::optional<long long> working_days_left{};  // when the step's standard is in working days
};

struct ActionView {
  std::string code, label;
  bool note_required = false, returns_file = false, report_required = false;
  bool signs = false;  // taking it signs the documents it produces in the actor's name
  std::vector<std::string> produces;   // as the SOP names them (may be abstract, e.g. dokumen_ttd)
  std::vector<std::string> documents;  // the concrete documents taking it would produce for this file
};

struct RequirementView {
  std::string code, name;
  bool mandatory = false;
};

// A file to send: its type, bytes and the name it is saved under.
struct FileContent {
  std::string content_type, bytes, filename;
};

// An uploaded requirement document; `uploaded` is left out of an upload's own answer.
struct DocumentView {
  DocumentId id;
  std::string requirement;
  int revision = 0;
  std::string filename, content_type, sha256;
  long long size = 0;
  std::optional<Instant> uploaded;
  ZoneOffset zone;
};

struct GeneratedDocumentView {
  GeneratedDocumentId id;
  long long event_seq = 0;
  std::string kind, status, verify_code;
  std::optional<std::string> sha256;  // once ready
  std::optional<long long> size;
  bool is_signed = false;
  Instant created;
  int print_count = 0;
  std::optional<Instant> printed_at, delivered_at;
  ZoneOffset zone;
};

struct ReturnReasonView {
  std::string requirement, reason;
};

struct ApplicationView {
  ApplicationId id;
  std::string office, sop;
  int sop_version = 0;
  std::string permit;
  std::optional<std::string> registration_number, permit_number;
  UserId applicant_id;
  std::string applicant_name;
  nlohmann::json data;  // the form as submitted (its fields are the permit type's)
  StepView step;
  std::string phase, outcome, verdict;
  Instant created, step_started;
  std::optional<Instant> submitted;
  std::optional<DeadlineView> deadline;
  long long office_working_minutes = 0, applicant_working_minutes = 0;
  int version = 0;
  std::vector<ActionView> actions;
  // Does the viewer do the applicant's part (form, documents, submission)? The applicant, and
  // the counter officers in a file opened at the counter for a walk-in applicant.
  bool applicants_part = false;
  bool opened_at_counter = false;
  // The satisfaction survey, for the applicant of a file closed after handover: "open" or
  // "answered"; empty for anyone else (service/survey.hpp).
  std::string survey;
  std::vector<RequirementView> requirements;
  std::vector<DocumentView> documents;
  std::vector<GeneratedDocumentView> generated_documents;
  std::vector<ReturnReasonView> return_reasons;
  ZoneOffset zone;
};

// The answer to an action that was committed but could not be read back.
struct ActionCommittedView {
  ApplicationId id;
  int version = 0;
};

// What an action answers: the application after it, or (rarely) only that it was committed.
struct ActionResult {
  std::optional<ApplicationView> application;
  ActionCommittedView committed;
  int version() const { return application ? application->version : committed.version; }
};

struct StatusView {
  ApplicationId id;
  std::optional<std::string> registration_number;
  std::string permit;
  int step_no = 0;
  std::string step_description, step_actor, step_actor_name, step_time;
  std::string phase, outcome;
  std::optional<DeadlineView> deadline;
  int version = 0;
  ZoneOffset zone;
};

// No names, NIK, contacts or addresses: anyone holding the registration number may see it.
struct PublicStatusView {
  std::string registration_number, office, permit;
  std::optional<Instant> submitted;
  int step_no = 0;
  std::string step_description, step_actor_name;
  std::string phase, outcome, outcome_label;
  std::optional<DeadlineView> deadline;
  std::optional<std::string> permit_number;
  ZoneOffset zone;
};

struct EventView {
  long long seq = 0;
  std::string kind, role, role_name;
  int step = 0;
  std::string action, note;
  std::string action_label;  // a step action's label in the SOP ("Berkas lengkap"); empty for other events
  Instant at;
  std::optional<long long> elapsed_working_minutes;
  std::string allowed;
  TimeLimit allowed_limit;  // `allowed` as a unit and amount
  bool overdue = false;
  std::string by;  // officers see who acted; applicants see the role
  nlohmann::json details;
};

struct TimelineView {
  ApplicationId application_id;
  std::vector<EventView> events;
  ZoneOffset zone;
};

struct WorklistItemView {
  ApplicationId id;
  std::optional<std::string> registration_number;
  std::string permit, sop, applicant;
  StepView step;
  Instant step_started;
  std::optional<DeadlineView> deadline;
  bool overdue = false;
  int version = 0;
  ZoneOffset zone;
  // How the file reached its step: "forwarded" (from the step before, or submitted),
  // "resubmitted" (back from the applicant after a return) or "sent_back" (from a later step,
  // `arrived_from`); and whether it arrived within the last day.
  std::string arrived = "forwarded";
  int arrived_from = 0;
  bool recent = false;
};

// A file of the office as its search and its lists (siap cetak, siap diserahkan) show it.
struct OfficeFileView {
  ApplicationId id;
  std::optional<std::string> registration_number, permit_number;
  std::string permit, sop, applicant;
  StepView step;
  std::string phase, outcome;
  std::optional<DeadlineView> deadline;
  ZoneOffset zone;
};

// Why a file came back to its applicant: the requirements to replace, each with the officer's
// reason, and the officer's own note, as the return letter gives them.
struct ReturnedView {
  Instant at;
  struct Reason {
    std::string requirement, requirement_name, reason;
  };
  std::vector<Reason> reasons;
  std::string note;
};

struct MyApplicationView {
  ApplicationId id;
  std::string permit, office;
  std::optional<std::string> registration_number;
  StepView step;
  int step_position = 0, step_count = 0;  // the step among the SOP's application steps (1-based)
  std::string phase, outcome;
  std::optional<DeadlineView> deadline;
  std::optional<ReturnedView> returned;   // while the file is with the applicant after a return
  ZoneOffset zone;
};

struct ScheduleView {
  long long id = 0;
  std::string kind;
  Instant at;
  std::string place;
  std::vector<std::string> members;
  ZoneOffset zone;
};

struct PrintView {
  GeneratedDocumentId id;
  std::string kind;
  int print_count = 0;
  Instant printed_at;
  std::string printed_by;
  ZoneOffset zone;
};

// A signed letter handed over at the counter: the applicant has it from then on.
struct HandoverView {
  GeneratedDocumentId id;
  std::string kind;
  Instant handed_over_at;
  std::string handed_over_by;
  ZoneOffset zone;
};

struct RevocationView {
  GeneratedDocumentId id;
  std::string kind;
  Instant revoked_at;
  std::string reason;
  ZoneOffset zone;
};

struct ClosureView {
  std::string date, name;  // date: the office's local date, YYYY-MM-DD
};

struct ClosuresView {
  std::string office;
  std::vector<ClosureView> items;
};

// What adding closures did: the working days it closed (a range skips the days closed already).
struct ClosuresAddedView {
  std::string date, name;          // the first day closed
  std::vector<std::string> dates;  // every day closed, in order
};

// One day of an office's calendar: working (with its hours) or why it is closed.
struct CalendarDayView {
  std::string date;
  std::string kind;  // kerja, akhir_pekan, libur_nasional, cuti_bersama, penutupan_kantor
  std::string name;  // the holiday's or closure's name; empty otherwise
  std::vector<std::pair<std::string, std::string>> hours;  // opening intervals, "HH:MM"
};

struct OfficeCalendarView {
  std::string office, month;  // month: YYYY-MM
  std::vector<CalendarDayView> days;
};

struct SignatureCheckView {
  bool is_signed = false, intact = false, covers_whole_file = false, trusted = false;
  std::string signer;
  std::optional<std::string> problem;
};

// What the office issued under a verification code.
struct VerificationView {
  std::string code, kind, document, office;
  std::optional<std::string> registration_number, permit_number;
  std::string holder;
  std::optional<Instant> issued;
  std::optional<Date> valid_until;  // the last day it is valid, in the office's calendar
  std::string status;               // valid, expired, revoked, pending, draft
  bool is_signed = false;
  std::optional<std::string> signer, sha256, revoked_reason;  // signer: the certificate's subject
  std::optional<std::string> signer_name, signer_title;       // read from it, for people
  // The one answer to show: valid, valid_unsigned, expired, revoked, pending or draft.
  std::string verdict;
  ZoneOffset zone;
};

// The above with the check of a PDF someone holds.
struct UploadVerificationView {
  VerificationView verification;
  std::string sha256;
  bool identical = false;
  SignatureCheckView signature;
  bool genuine = false;
  // The one answer about the file held: not_issued (other bytes), signature_invalid, or
  // identical_ followed by the document's verdict (identical_valid, identical_draft, …).
  std::string verdict;
};

// One problem of an SOP draft, at a line of the definition (0: the draft as a whole).
struct SopDraftProblem {
  int line = 0;
  std::string message;
};

// What the SOP editor learns of a draft: the version it would be published as and the problems
// that keep it from being published (none: publishable).
struct SopDraftView {
  std::string code, office;
  int version = 0;
  std::string effective;  // its Tanggal Efektif, as written
  std::vector<SopDraftProblem> problems;
};

// One published version of an SOP, for its history.
struct SopVersionView {
  std::string code, office;
  int version = 0;
  std::string effective;     // Tanggal Efektif, YYYY-MM-DD; empty when the definition has none
  Instant published;
  std::string published_by;  // the admin's name; empty for a version that came from a file
  std::string sha256;        // of the definition as published
  // What new applications do with it today: in_effect (the one they follow), upcoming (its date
  // has not come), superseded (a later one is in effect).
  std::string status;
  ZoneOffset zone;
};

struct SopVersionsView {
  std::string code, office;
  std::vector<SopVersionView> items;  // oldest first
};

// The satisfaction survey of an office over a period (PermenPAN-RB 14/2017): the IKM with its
// grade, each element's NRR, the respondents' profile in aggregate and the comments, never with
// who gave them.
// The Buku Registrasi (service/register_book.hpp).
struct RegisterStepView {
  int step = 0;
  std::string title, date;  // date: YYYY-MM-DD
  bool overdue = false;
};

struct RegisterLineView {
  long long no = 0;  // the line's number in the register (1 = the period's first registration)
  long long id = 0;
  std::string registration_number, registered;  // registered: YYYY-MM-DD
  std::string applicant, nik;                   // nik: masked unless the reader is the office admin
  std::string permit_code, permit_name;
  int step = 0;  // where it stands; 0 once closed
  std::string step_title;
  std::string status, status_label;  // status: one of RegisterFilter::status's keys
  std::vector<RegisterStepView> steps;
  std::string permit_number, decided;  // decided: the date of the signed permit or refusal (or withdrawal)
  long long office_minutes = 0;        // working time with the office (the SLA clock)
  std::string standard;                // the SOP's total time standard, in words
  std::optional<bool> on_time;         // no step over its standard (and, while running, none now); null: no standard
};

struct RegisterPageView {
  std::string office, from, to, permit, status;
  long long total = 0;
  std::vector<RegisterLineView> items;
  std::string next;  // the cursor of the next page; empty on the last
};

struct SurveyElementView {
  int no = 0;
  std::string name;
  double nrr = 0, nrr_weighted = 0;
};
struct SurveyProfileCount {
  std::string code, label;
  int count = 0;
};
struct SurveyProfileView {
  std::string key, label;
  std::vector<SurveyProfileCount> counts;
};
struct SurveyCommentView {
  std::string date;  // the day it was given, YYYY-MM-DD
  std::string permit;
  std::string text;
};
struct SurveyReportView {
  std::string office, from, to, permit;  // the period, inclusive; permit empty: all
  int respondents = 0;
  long long ikm_hundredths = 0;  // 8464 for an IKM of 84.64; 0 without respondents
  std::string grade, grade_label;  // "" without respondents
  std::vector<SurveyElementView> elements;
  std::vector<SurveyProfileView> profile;
  std::vector<SurveyCommentView> comments;
};

}  // namespace sp::service
