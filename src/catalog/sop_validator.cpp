#include "catalog/sop_validator.hpp"

#include <algorithm>
#include <array>
#include <set>

namespace sp {

namespace {

constexpr std::array<std::string_view, 8> kDocumentKinds{
    "tanda_terima",       // receipt for a complete file
    "surat_pengembalian", // notice returning an incomplete file
    "undangan",           // invitation to the technical meeting / field inspection
    "rekomendasi_teknis", // technical recommendation
    "bap",                // inspection report (Berita Acara Pemeriksaan)
    "naskah_keputusan",   // draft permit, or rejection letter when refused
    "dokumen_ttd",        // the electronically signed permit or rejection letter
    "bukti_penyerahan",   // record of handover
};

class Checker {
 public:
  Checker(const Sop& sop, Diagnostics& out) : sop_(sop), out_(out) {}

  void run() {
    if (sop_.steps.empty()) {
      add(sop_.source, "the SOP has no steps");
      return;
    }
    check_codes();
    check_steps();
    check_graph();
    validate_form(sop_.permit.form, out_);
  }

 private:
  void add(const SourceLocation& at, std::string msg) { out_.push_back({at, std::move(msg)}); }

  template <class T, class Key>
  void unique(const std::vector<T>& items, Key key, std::string_view what) {
    std::set<std::string> seen;
    for (const auto& item : items) {
      const std::string k = key(item);
      if (k.empty()) continue;
      if (!seen.insert(k).second) add(item.source, "duplicate " + std::string(what) + " '" + k + "'");
    }
  }

  void check_codes() {
    unique(sop_.roles, [](const Role& r) { return r.code; }, "role code");
    unique(sop_.steps, [](const Step& s) { return s.code; }, "step code");
    unique(sop_.steps, [](const Step& s) { return s.number ? std::to_string(s.number) : std::string{}; }, "step number");
    unique(sop_.permit.requirements, [](const Requirement& r) { return r.code; }, "requirement code");
    for (const auto& s : sop_.steps)
      unique(s.outcomes, [](const Outcome& o) { return o.code; }, "outcome code in step " + std::to_string(s.number));
    if (!sop_.permit.requirements.empty() &&
        std::none_of(sop_.permit.requirements.begin(), sop_.permit.requirements.end(),
                     [](const Requirement& r) { return r.mandatory; }))
      add(sop_.source, "the permit has no mandatory requirement");
    std::vector<bool> used(sop_.roles.size(), false);
    for (const auto& s : sop_.steps)
      if (s.actor < used.size()) used[s.actor] = true;
    for (std::size_t i = 0; i < sop_.roles.size(); ++i)
      if (!used[i] && i != sop_.applicant) add(sop_.roles[i].source, "role '" + sop_.roles[i].code + "' acts in no step");
  }

  void check_steps() {
    bool seen_application = false;
    int previous = 0;
    for (const auto& s : sop_.steps) {
      const std::string name = "step " + std::to_string(s.number);
      if (s.number != 0 && s.number <= previous) add(s.source, name + " is out of order (steps are numbered upwards)");
      previous = std::max(previous, s.number);
      if (s.scope == StepScope::Application) seen_application = true;
      else if (seen_application) add(s.source, name + " is an account step after application steps");
      if (s.decision && s.outcomes.empty()) add(s.source, "decision " + name + " has no outcomes");
      else if (s.decision && s.outcomes.size() < 2) add(s.source, "decision " + name + " needs at least two outcomes");
      if (!s.decision && s.outcomes.size() > 1)
        add(s.source, name + " has several outcomes but is not marked 'decision: true'");
      for (const auto& o : s.outcomes) {
        if (o.target.kind == Target::Kind::ReturnToApplicant && s.actor == sop_.applicant && s.actor != kNoRole)
          add(o.source, name + " is the applicant's own; it cannot return the file to the applicant");
        if (o.target.kind == Target::Kind::ReturnToApplicant && !o.note_required)
          add(o.source, "returning a file needs a reason: set 'note: required'");
        for (const auto& d : o.produces)
          if (!is_known_document_kind(d)) add(o.source, "unknown document kind '" + d + "'");
      }
    }
    if (!seen_application) add(sop_.source, "the SOP has no application step");
  }

  // Successor steps of a step, as indices; a return to the applicant resumes at the same step.
  std::vector<StepIndex> successors(StepIndex i) const {
    std::vector<StepIndex> next;
    for (const auto& o : sop_.steps[i].outcomes)
      if (o.target.kind == Target::Kind::Step) next.push_back(o.target.step);
    return next;
  }

  bool ends(StepIndex i) const {
    const auto& os = sop_.steps[i].outcomes;
    return std::any_of(os.begin(), os.end(), [](const Outcome& o) {
      return o.target.kind == Target::Kind::Finish || o.target.kind == Target::Kind::End;
    });
  }

  void check_graph() {
    const std::size_t n = sop_.steps.size();
    std::vector<bool> reached(n, false);
    std::vector<StepIndex> stack{0};
    reached[0] = true;
    while (!stack.empty()) {
      const StepIndex i = stack.back();
      stack.pop_back();
      for (StepIndex j : successors(i)) {
        if (reached[j]) continue;
        reached[j] = true;
        stack.push_back(j);
      }
    }
    // Steps that can reach a final outcome: fixed point over predecessors.
    std::vector<bool> finishes(n, false);
    for (bool changed = true; changed;) {
      changed = false;
      for (std::size_t i = 0; i < n; ++i) {
        if (finishes[i]) continue;
        const auto next = successors(static_cast<StepIndex>(i));
        if (ends(static_cast<StepIndex>(i)) ||
            std::any_of(next.begin(), next.end(), [&](StepIndex j) { return finishes[j]; }))
          finishes[i] = changed = true;
      }
    }
    for (std::size_t i = 0; i < n; ++i) {
      const auto& s = sop_.steps[i];
      if (!reached[i]) add(s.source, "step " + std::to_string(s.number) + " is unreachable from step " +
                                         std::to_string(sop_.steps[0].number));
      else if (!finishes[i] && !s.outcomes.empty())
        add(s.source, "step " + std::to_string(s.number) + " has no path to a final outcome");
    }
  }

  const Sop& sop_;
  Diagnostics& out_;
};

}  // namespace

bool is_known_document_kind(std::string_view kind) {
  return std::find(kDocumentKinds.begin(), kDocumentKinds.end(), kind) != kDocumentKinds.end();
}

bool validate_sop(const Sop& sop, Diagnostics& out) {
  const std::size_t before = out.size();
  Checker(sop, out).run();
  return out.size() == before;
}

}  // namespace sp
