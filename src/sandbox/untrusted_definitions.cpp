#include "sandbox/untrusted_definitions.hpp"

#include <nlohmann/json.hpp>

#include "catalog/catalog_loader.hpp"
#include "sandbox/worker_pool.hpp"

namespace sp::sandbox {

namespace {

constexpr const char* kCheckDefinition = "definition.check";
// A worker answers with at most this many problems: a draft of garbage can have one per line.
constexpr std::size_t kMaxProblems = 200;

Diagnostics check_here(std::string_view text, const std::string& file) {
  Catalog scratch;
  Diagnostics problems;
  load_definition_text(text, file, scratch, problems);
  return problems;
}

class InProcess final : public UntrustedDefinitions {
 public:
  Result<Diagnostics> check(std::string_view text, const std::string& file) override { return check_here(text, file); }
};

class Isolated final : public UntrustedDefinitions {
 public:
  explicit Isolated(WorkerPool& pool) : pool_(pool) {}

  Result<Diagnostics> check(std::string_view text, const std::string& file) override {
    const std::string params = nlohmann::json{{"file", file}}.dump();
    auto answer = pool_.run(kCheckDefinition, params, text);
    if (!answer) {
      if (answer.error().code == "worker_failed")
        return make_error("invalid_file", "the definition could not be read: " + answer.error().message);
      return answer.error();
    }
    // The worker may have been confused by its input before answering: its text is read with care.
    const auto j = nlohmann::json::parse(*answer, nullptr, false);
    if (!j.is_object() || !j.contains("problems") || !j["problems"].is_array())
      return make_error("invalid_file", "the definition could not be read");
    Diagnostics out;
    for (const auto& p : j["problems"]) {
      if (!p.is_object() || !p.contains("line") || !p["line"].is_number_integer() || !p.contains("message") ||
          !p["message"].is_string())
        return make_error("invalid_file", "the definition could not be read");
      out.push_back({{file, p["line"].get<int>()}, p["message"].get<std::string>()});
    }
    return out;
  }

 private:
  WorkerPool& pool_;
};

}  // namespace

std::unique_ptr<UntrustedDefinitions> in_process_definitions() { return std::make_unique<InProcess>(); }
std::unique_ptr<UntrustedDefinitions> isolated_definitions(WorkerPool& pool) { return std::make_unique<Isolated>(pool); }

JobTable definition_jobs() {
  JobTable jobs;
  jobs[kCheckDefinition] = [](std::string_view params, std::string_view payload) {
    const auto p = nlohmann::json::parse(params, nullptr, false);
    const std::string file = p.is_object() ? p.value("file", "definition") : "definition";
    nlohmann::json problems = nlohmann::json::array();
    for (const auto& d : check_here(payload, file)) {
      if (problems.size() == kMaxProblems) break;
      problems.push_back({{"line", d.where.line}, {"message", d.message}});
    }
    // A definition's text may hold any bytes: invalid UTF-8 is replaced rather than failing.
    return JobOutcome{nlohmann::json{{"problems", problems}}.dump(-1, ' ', false,
                                                                  nlohmann::json::error_handler_t::replace),
                      false};
  };
  return jobs;
}

}  // namespace sp::sandbox
