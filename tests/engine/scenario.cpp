#include "engine/scenario.hpp"

#include <fstream>
#include <sstream>

#include "engine/engine.hpp"
#include "test_data.hpp"

namespace sp::test {

namespace {

struct Runner {
  std::vector<ScenarioFailure> failures;
  int line = 0;
  const Sop* sop = nullptr;
  const WorkingCalendar* cal = nullptr;
  ApplicationState state;
  Event last;
  bool started = false;

  void fail(std::string msg) { failures.push_back({line, std::move(msg)}); }

  std::optional<Instant> instant(const std::string& s) {
    auto r = parse_instant(s);
    if (!r) fail(r.error().message);
    return r ? std::optional<Instant>(*r) : std::nullopt;
  }

  std::optional<RoleIndex> role(const std::string& code) {
    auto r = sop ? sop->role_by_code(code) : std::nullopt;
    if (!r) fail("unknown role " + code);
    return r;
  }

  std::string show(Instant t) const { return format_instant(t, cal->zone()); }

  // Runs a command; `want_error` is the expected error code, or empty for success.
  void run(Command cmd, const std::string& want_error) {
    auto r = apply(*sop, *cal, state, std::move(cmd));
    if (!r && want_error.empty()) return fail("unexpected error " + r.error().code + ": " + r.error().message);
    if (r && !want_error.empty()) return fail("expected error " + want_error + " but the action succeeded");
    if (!r && r.error().code != want_error) return fail("expected error " + want_error + ", got " + r.error().code);
    if (r) last = *r;
  }

  void expect(std::istringstream& in) {
    std::string what, value;
    in >> what >> value;
    const auto check = [&](const std::string& got) {
      if (got != value) fail("expect " + what + ": want " + value + ", got " + got);
    };
    if (what == "step") check(std::to_string(sop->steps[state.step].number));
    else if (what == "phase") check(std::string(phase_key(state.phase)));
    else if (what == "outcome") check(std::string(final_outcome_key(state.outcome)));
    else if (what == "verdict") check(state.verdict == Verdict::Refuse ? "refuse" : "grant");
    else if (what == "deadline") {
      if (value == "none") check(state.deadline ? show(*state.deadline) : "none");
      else if (auto t = instant(value)) {
        value = show(*t);
        check(state.deadline ? show(*state.deadline) : "none");
      }
    } else if (what == "office_time") check(std::to_string(state.office_time.count));
    else if (what == "applicant_time") check(std::to_string(state.applicant_time.count));
    else if (what == "elapsed") check(std::to_string(last.elapsed.count));
    else if (what == "overdue") check(last.overdue ? "yes" : "no");
    else if (what == "action") check(std::string(last.action));
    else if (what == "version") check(std::to_string(state.version));
    else if (what == "produces") {
      std::string got;
      if (last.produces)
        for (const auto& d : *last.produces) got += (got.empty() ? "" : ",") + d;
      check(got.empty() ? "-" : got);
    } else if (what == "allowed") {
      // expect allowed ROLE code,code,...   (or "-" for nothing)
      const std::string role_code = value;
      in >> value;
      auto r = role(role_code);
      if (!r) return;
      std::string got;
      for (const auto& a : allowed_actions(*sop, state, role_bit(*r))) got += (got.empty() ? "" : ",") + std::string(a.code);
      what += " " + role_code;
      check(got.empty() ? "-" : got);
    } else fail("unknown expectation " + what);
  }

  void line_of(const std::string& text) {
    // "... => error CODE" marks a command that must fail with that code.
    std::string body = text, want_error;
    if (auto p = text.find("=> error "); p != std::string::npos) {
      body = text.substr(0, p);
      want_error = text.substr(p + 9);
      while (!want_error.empty() && want_error.back() == ' ') want_error.pop_back();
    }
    std::istringstream in(body);
    std::string cmd;
    in >> cmd;
    if (cmd == "scenario") {
      sop = nullptr;
      started = false;
      return;
    }
    if (cmd == "sop") {
      std::string code;
      in >> code;
      sop = seed_catalog().catalog.sop(code);
      if (!sop) return fail("no SOP " + code);
      cal = seed_catalog().catalog.calendar(sop->office);
      return;
    }
    if (!sop) return fail("no 'sop' line before '" + cmd + "'");
    if (cmd == "start") {
      std::string t;
      in >> t;
      auto at = instant(t);
      if (!at) return;
      auto r = start_application(*sop, *cal, UserId{1}, *at, state);
      if (!r) return fail(r.error().message);
      last = *r;
      started = true;
      return;
    }
    if (!started) return fail("no 'start' line before '" + cmd + "'");
    if (cmd == "expect") return expect(in);
    Command c;
    std::string role_code, t;
    if (cmd == "act") {
      std::string outcome;
      in >> role_code >> outcome >> t;
      auto o = find_outcome(*sop, state, outcome);
      c.kind = Command::Kind::Act;
      c.outcome = o ? *o : std::uint16_t{999};
    } else if (cmd == "resubmit" || cmd == "withdraw") {
      in >> role_code >> t;
      c.kind = cmd == "resubmit" ? Command::Kind::Resubmit : Command::Kind::Withdraw;
    } else {
      return fail("unknown command " + cmd);
    }
    auto r = role(role_code);
    auto at = instant(t);
    if (!r || !at) return;
    c.role = *r;
    c.actor = UserId{100 + *r};
    c.at = *at;
    std::getline(in, c.note);
    if (!c.note.empty() && c.note[0] == ' ') c.note.erase(0, 1);
    run(std::move(c), want_error);
  }
};

}  // namespace

std::vector<ScenarioFailure> run_scenario_file(const std::string& path, int& scenarios) {
  Runner r;
  std::ifstream in(path);
  if (!in) return {{0, "cannot open " + path}};
  std::string text;
  scenarios = 0;
  for (r.line = 1; std::getline(in, text); ++r.line) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos || text[first] == '#') continue;
    if (text.compare(first, 8, "scenario") == 0) ++scenarios;
    r.line_of(text.substr(first));
  }
  return r.failures;
}

}  // namespace sp::test
