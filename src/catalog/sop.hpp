#pragma once
// One SOP as an office declares it (Permenpan-RB 35/2012 sheet): identity block, permit type with
// its requirements and legal basis, the Pelaksana roles, and the numbered steps with their
// Mutu Baku (Kelengkapan, Waktu, Output). Immutable once loaded; running applications keep the
// version they started under.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/source_location.hpp"
#include "catalog/time_limit.hpp"
#include "forms/form.hpp"

namespace sp {

using RoleIndex = std::uint8_t;   // position in Sop::roles
using StepIndex = std::uint16_t;  // position in Sop::steps
inline constexpr std::size_t kMaxRoles = 32;  // role sets are 32-bit masks
inline constexpr RoleIndex kNoRole = 255;      // an unresolved role reference (only in invalid SOPs)

enum class FinalOutcome : std::uint8_t { None, Issued, Rejected, Withdrawn };
std::string_view final_outcome_key(FinalOutcome o);    // "issued"
std::string_view final_outcome_label(FinalOutcome o);  // "Izin terbit"

struct Requirement {
  std::string code;
  std::string name;
  bool mandatory = true;
  std::string description;
  SourceLocation source;
};

struct LegalBasis {
  std::vector<std::string> as_written;  // the SOP sheet's Dasar Hukum, kept verbatim
  std::vector<std::string> current;     // the rules in force today (2024 onwards)
};

struct PermitType {
  std::string code;
  std::string name;
  LegalBasis legal_basis;
  std::vector<Requirement> requirements;
  std::string validity;          // the rule in words
  int validity_years = 0;        // 0 = not time-limited
  int max_places = 0;            // 0 = no limit stated
  std::int64_t fee_rupiah = 0;
  std::vector<std::string> notes;       // for staff: how the rules apply, what changed
  std::vector<std::string> conditions;  // Ketentuan: printed on the permit, for its holder
  PermitForm form;  // what the applicant fills in (SiCantik's Template Form)
};

struct SopIdentity {
  std::string number;  // Nomor SOP
  std::string name;    // Nama SOP as on the sheet
  std::string created, revised, effective;  // dates as YYYY-MM-DD, revised may be empty
  std::string approved_by;  // title and name as on the sheet
  std::string approver_nip;
  std::vector<std::string> executor_qualifications;
  std::vector<std::string> related_sops;
  std::vector<std::string> equipment;
  std::vector<std::string> warnings;
  std::vector<std::string> records;
};

struct Role {
  std::string code;
  std::string name;
  SourceLocation source;
};

// Where an outcome leads.
struct Target {
  enum class Kind : std::uint8_t {
    Step,               // to another step (forward, or back for a send-back)
    ReturnToApplicant,  // the file goes back to the applicant; the SLA clock stops
    Finish,             // ends as issued, or rejected when a refusal verdict was recorded
    End,                // ends with an explicit final outcome
  };
  Kind kind = Kind::Step;
  StepIndex step = 0;                        // for Kind::Step
  FinalOutcome outcome = FinalOutcome::None;  // for Kind::End
};

// Verdict that an outcome records for the rest of the path (e.g. a negative technical
// recommendation leads to a rejection letter instead of a permit).
enum class Verdict : std::uint8_t { Grant, Refuse };

struct Outcome {
  std::string code;   // "lengkap"
  std::string label;  // "Berkas lengkap"
  Target target;
  bool note_required = false;  // the SOP asks for a reason (return, refusal, send-back)
  std::optional<Verdict> sets_verdict;
  std::vector<std::string> produces;  // document kinds issued at this outcome
  SourceLocation source;
};

enum class StepScope : std::uint8_t { Account, Application };

struct Step {
  int number = 0;
  std::string code;
  std::string title;        // a few words for step trackers; from `title`, else the code in words
  std::string description;  // Uraian kegiatan, in the SOP's own Indonesian
  RoleIndex actor = 0;
  std::vector<RoleIndex> assisted_by;  // roles that may record the step on the actor's behalf
  std::vector<std::string> inputs;     // Kelengkapan
  TimeLimit time;                      // Waktu
  std::string output;                  // Output
  std::string remark;                  // Keterangan
  bool decision = false;
  bool signs = false;                  // the actor signs electronically here
  StepScope scope = StepScope::Application;
  std::vector<Outcome> outcomes;       // one for a process step, two or more for a decision
  SourceLocation source;
};

struct Sop {
  std::string code;    // unique key across the deployment, e.g. "pwk-iptk"
  int version = 1;
  std::string office;  // Office::code
  SopIdentity identity;
  PermitType permit;
  std::vector<Role> roles;
  std::vector<Step> steps;
  std::vector<std::string> notes;
  SourceLocation source;
  std::string source_text;  // the definition as written, kept so a published version can be stored

  StepIndex first_application_step() const;
  // Whether every path to `step` passes a step that signs: the decision letter has been signed
  // once the file is here. The applicant may withdraw only before that; afterwards only
  // revocation (by the head of office, with a reason) ends a valid permit.
  bool after_signature(StepIndex step) const;
  std::optional<StepIndex> step_by_number(int number) const;
  std::optional<RoleIndex> role_by_code(std::string_view code) const;
  RoleIndex applicant = 0;  // the Pemohon role: owns the file while it is returned
};

}  // namespace sp
