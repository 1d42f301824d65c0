#include "sandbox/untrusted_pdfs.hpp"

#include <nlohmann/json.hpp>

#include "sandbox/worker_pool.hpp"

namespace sp::sandbox {

namespace {

constexpr const char* kCheckUpload = "pdf.check_upload";
constexpr const char* kCheckSignature = "pdf.check_signature";

bool is_pdf(std::string_view bytes) { return bytes.substr(0, 5) == "%PDF-"; }

// Answers travel as JSON; a worker's text is parsed with care, since the worker may have been
// confused by its input before answering.
nlohmann::json error_json(const Error& e) { return {{"error", {{"code", e.code}, {"message", e.message}}}}; }

nlohmann::json checked_json(const documents::CheckedFile& f) {
  return {{"ok",
           {{"content_type", f.content_type}, {"filename", f.filename}, {"pages", f.pages}, {"width", f.width},
            {"height", f.height}}}};
}

nlohmann::json signature_json(const signing::SignatureCheck& c) {
  return {{"ok",
           {{"signed_document", c.signed_document}, {"intact", c.intact}, {"covers_whole_file", c.covers_whole_file},
            {"trusted", c.trusted}, {"signer", c.signer}, {"problem", c.problem}}}};
}

Error worker_error(const Error& e) {
  // The worker's failure is the file's: a document that crashes or outlasts the parser is refused.
  if (e.code == "worker_failed") return make_error("invalid_file", e.message + "; it is not accepted");
  return e;
}

template <class T, class FromOk>
Result<T> decode(const Result<std::string>& answer, FromOk from_ok) {
  if (!answer) return worker_error(answer.error());
  const auto j = nlohmann::json::parse(*answer, nullptr, false);
  if (j.is_object() && j.contains("ok") && j["ok"].is_object()) {
    try {
      return from_ok(j["ok"]);
    } catch (const nlohmann::json::exception&) {
    }
  }
  if (j.is_object() && j.contains("error") && j["error"].is_object())
    return make_error(j["error"].value("code", "invalid_file"), j["error"].value("message", "the file cannot be read"));
  return make_error("invalid_file", "the document could not be read");
}

// Text from the file (a signer's name, a file name) may hold any bytes: the answer replaces
// invalid UTF-8 rather than failing to encode.
std::string dump(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

class InProcess final : public UntrustedPdfs {
 public:
  Result<documents::CheckedFile> check_upload(std::string_view bytes, std::string_view filename) override {
    return documents::check_upload(bytes, filename);
  }
  Result<signing::SignatureCheck> check_signature(std::string_view pdf, const std::string& roots_pem) override {
    return signing::check_pdf_signature(std::string(pdf), roots_pem);
  }
};

class Isolated final : public UntrustedPdfs {
 public:
  explicit Isolated(WorkerPool& pool) : pool_(pool) {}

  Result<documents::CheckedFile> check_upload(std::string_view bytes, std::string_view filename) override {
    if (!is_pdf(bytes)) return documents::check_upload(bytes, filename);
    // The name is checked here, where it is refused as it is, not after travelling as JSON. The
    // worker's check scans the nesting before it parses (documents/pdf_nesting.hpp).
    if (!filename.empty())
      if (auto name = documents::clean_upload_name(filename); !name) return name.error();
    const std::string params = dump({{"filename", filename}});
    return decode<documents::CheckedFile>(pool_.run(kCheckUpload, params, bytes), [](const nlohmann::json& o) {
      return documents::CheckedFile{o.at("content_type").get<std::string>(), o.at("filename").get<std::string>(),
                                    o.at("pages").get<int>(), o.at("width").get<int>(), o.at("height").get<int>()};
    });
  }

  Result<signing::SignatureCheck> check_signature(std::string_view pdf, const std::string& roots_pem) override {
    const std::string params = dump({{"roots", roots_pem}});
    return decode<signing::SignatureCheck>(pool_.run(kCheckSignature, params, pdf), [](const nlohmann::json& o) {
      signing::SignatureCheck c;
      c.signed_document = o.at("signed_document").get<bool>();
      c.intact = o.at("intact").get<bool>();
      c.covers_whole_file = o.at("covers_whole_file").get<bool>();
      c.trusted = o.at("trusted").get<bool>();
      c.signer = o.at("signer").get<std::string>();
      c.problem = o.at("problem").get<std::string>();
      return c;
    });
  }

 private:
  WorkerPool& pool_;
};

}  // namespace

std::unique_ptr<UntrustedPdfs> in_process_pdfs() { return std::make_unique<InProcess>(); }
std::unique_ptr<UntrustedPdfs> isolated_pdfs(WorkerPool& pool) { return std::make_unique<Isolated>(pool); }

JobTable pdf_jobs() {
  JobTable jobs;
  jobs[kCheckUpload] = [](std::string_view params, std::string_view payload) {
    const auto p = nlohmann::json::parse(params, nullptr, false);
    const std::string filename = p.is_object() ? p.value("filename", "") : "";
    auto checked = documents::check_upload(payload, filename);
    return JobOutcome{dump(checked ? checked_json(*checked) : error_json(checked.error())),
                      !documents::pdf_parser_state_clean()};
  };
  jobs[kCheckSignature] = [](std::string_view params, std::string_view payload) {
    const auto p = nlohmann::json::parse(params, nullptr, false);
    const std::string roots = p.is_object() ? p.value("roots", "") : "";
    const auto check = signing::check_pdf_signature(std::string(payload), roots);
    return JobOutcome{dump(check ? signature_json(*check) : error_json(check.error())),
                      !documents::pdf_parser_state_clean()};
  };
  return jobs;
}

}  // namespace sp::sandbox
