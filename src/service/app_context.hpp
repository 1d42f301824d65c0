#pragma once
// What every service operation needs: the catalog of definitions, the database, the clock and
// the deployment's settings. Owned by the server (or a CLI command) for the process lifetime.
#include <atomic>
#include <functional>
#include <string>

#include "catalog/catalog.hpp"
#include "core/clock.hpp"
#include "service/closed_month_steps.hpp"
#include "service/closed_month_tallies.hpp"
#include "service/kept_periods.hpp"
#include "service/mail_templates.hpp"
#include "service/session_cache.hpp"
#include "store/office_report_repository.hpp"

namespace sp::store {
class Monitor;
class Store;
}
namespace sp::documents {
class BlobStore;
class TemplateLibrary;
}
namespace sp::forms {
class RegionDirectory;
}
namespace sp::sandbox {
class UntrustedDefinitions;
class UntrustedPdfs;
}
namespace sp::signing {
class SignerProvider;
}

namespace sp::service {

class ApplicationCache;

struct Settings {
  std::string public_base_url = "http://127.0.0.1:8080";  // used in e-mailed links
  long long session_hours = 12;
  long long bearer_days = 90;
  long long one_time_token_hours = 48;
  long long pending_registration_days = 7;  // an undecided registration expires after this
  int login_failures_allowed = 5;      // within login_failure_window_minutes
  long long login_failure_window_minutes = 15;
  std::size_t max_upload_bytes = 5 * 1024 * 1024;
  std::size_t max_application_bytes = 25 * 1024 * 1024;
  bool secure_cookies = false;  // served over TLS (directly or behind a TLS-terminating proxy)
  bool trust_forwarded_for = false;  // the client address comes from the proxy's X-Forwarded-For
  double rate_limit_scale = 1.0;     // per-address rate limits (http/api.cpp); 0: none
  std::string metrics_token;         // empty: /metrics is not served
  int round_trip_sample_every = 16;  // /metrics counts the database round trips of every Nth request
  std::string data_dir = ".";  // holds sop/, calendar/, templates/ and docs/openapi.json
  std::string pki_dir = "var/pki";  // signing keys and certificates (signing/local_pki.hpp)
};

struct AppContext {
  const Catalog& catalog;
  // What /readyz and /metrics read of the database; null where nothing watches (service tests
  // on an in-memory store).
  store::Monitor* monitor;
  store::Store& store;
  const Clock& clock;
  documents::BlobStore& blobs;
  Settings settings;
  MailTemplates mail;
  SessionCache sessions{};  // per process; see session_cache.hpp
  ClosedMonthTallies closed_months{};  // the Mutu Baku trend's past months; see closed_month_tallies.hpp
  ClosedMonthSteps closed_month_steps{};  // the Mutu Baku steps of past months; see closed_month_steps.hpp
  // The monthly report's counts of ended months and days, per office; see monthly_report.cpp.
  KeptPeriods<std::vector<store::SopTally>> closed_month_reports{};
  // Set where reads are a network round trip away (PostgreSQL); see application_cache.hpp.
  ApplicationCache* applications_cache = nullptr;
  const documents::TemplateLibrary* document_templates = nullptr;  // null: no documents generated
  // Indonesia's administrative areas, for address fields; null where no form has one (then only
  // the codes' shapes are checked).
  const forms::RegionDirectory* regions = nullptr;
  // Who signs documents (signing/signer_provider.hpp); null: no one can, and signing steps wait.
  signing::SignerProvider* signers = nullptr;
  // Where uploaded and posted PDFs are parsed: the server's worker processes; null parses them in
  // this process (tests, one-shot commands). Use untrusted_pdfs(ctx).
  sandbox::UntrustedPdfs* pdf_sandbox = nullptr;
  // Where SOP drafts from the web app are parsed first (sandbox/untrusted_definitions.hpp); null
  // parses them in this process. Use untrusted_definitions(ctx).
  sandbox::UntrustedDefinitions* definition_sandbox = nullptr;
  std::function<void()> documents_planned{};  // wakes the document worker, when one runs
  // Counts the API's write requests; the document worker watches it to yield to live traffic.
  std::atomic<unsigned long long> api_writes{0};
};

// The context's PDF parser, or one in this process when none is set.
sandbox::UntrustedPdfs& untrusted_pdfs(AppContext& ctx);
// The context's SOP draft parser, or one in this process when none is set.
sandbox::UntrustedDefinitions& untrusted_definitions(AppContext& ctx);

}  // namespace sp::service
