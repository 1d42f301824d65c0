// satupintu serve | migrate | demo | audit verify
#include <spdlog/spdlog.h>

#include <algorithm>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <chrono>
#include <thread>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/runtime.hpp"
#include "http/server.hpp"
#include "notify/outbox_worker.hpp"
#include "service/audit_log.hpp"
#include "signing/local_pki.hpp"
#include "service/application_cache.hpp"
#include "service/document_worker.hpp"
#include "service/escalations.hpp"
#include "service/mutu_baku.hpp"
#include "service/office_closures.hpp"
#include "service/sop_publishing.hpp"
#include "service/accounts.hpp"
#include "service/role_grants.hpp"
#include "store/account_repository.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "store/monitor.hpp"
#include "sandbox/untrusted_definitions.hpp"
#include "sandbox/untrusted_pdfs.hpp"
#include "sandbox/worker_pool.hpp"

namespace sp::cli {

namespace {

struct ServerFlags {
  std::string config_file, listen, db, smtp_url, base_url, pki_dir;
  std::string role, user, p12_file, password_env = "SATUPINTU_P12_PASSWORD";
  std::string email, name;
  std::vector<std::string> roles;
  int threads = 0;
  int writer_threads = 0;
  int escalation_seconds = -1;  // -1: as configured
  bool demo = false;
  int history_months = 0;
  std::string office;
};

ServerFlags& flags() {
  static ServerFlags f;
  return f;
}

Result<ServerConfig> config_from_flags() {
  ServerConfig c;
  if (auto ok = load_server_config(flags().config_file, c); !ok) return ok.error();
  if (!flags().listen.empty()) c.listen = flags().listen;
  if (!flags().db.empty()) c.db = flags().db;
  if (!flags().smtp_url.empty()) c.smtp_url = flags().smtp_url;
  if (!flags().base_url.empty()) c.base_url = flags().base_url;
  if (!flags().pki_dir.empty()) c.pki_dir = flags().pki_dir;
  if (flags().threads > 0) c.threads = flags().threads;
  if (flags().escalation_seconds >= 0) c.escalation_seconds = flags().escalation_seconds;
  if (flags().writer_threads > 0) c.writer_threads = flags().writer_threads;
  const int cores = static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 32u));
  // Reads run on the I/O threads and wait for the database there; two per core keep the CPU busy
  // during those waits.
  if (c.threads <= 0) c.threads = 2 * cores;
  if (c.writer_threads <= 0) c.writer_threads = store::kDefaultWriterThreads;
  return c;
}

int fail(const Error& e) {
  std::cerr << "satupintu: " << e.message << "\n";
  return 1;
}

int cmd_serve() {
  auto config = config_from_flags();
  if (!config) return fail(config.error());
  auto listen = split_listen(config->listen);
  if (!listen) return fail(listen.error());
  // Every I/O and writer thread may hold a connection at once.
  auto rt = open_runtime(*config, static_cast<std::size_t>(config->threads + config->writer_threads));
  if (!rt) return fail(rt.error());
  Runtime& r = **rt;
  if (flags().demo)
    if (auto d = load_demo(*r.app); !d) return fail(d.error());

  std::unique_ptr<notify::SmtpSender> sender;
  std::unique_ptr<notify::OutboxWorker> worker;
  if (!config->smtp_url.empty()) {
    sender = std::make_unique<notify::SmtpSender>(config->smtp_url, config->mail_from);
    worker = std::make_unique<notify::OutboxWorker>(*r.store, *sender, *r.clock, "satupintu.localhost");
    worker->start();
  } else {
    spdlog::warn("no smtp_url set: e-mail stays in the outbox until a server with SMTP runs");
  }
  // Office closures and SOP versions added on any server sharing this database: read now and
  // every 30 s.
  if (auto c = service::refresh_closures(*r.app); !c) return fail(c.error());
  std::jthread closures([app = r.app.get()](std::stop_token stop) {
    std::mutex mu;
    std::condition_variable_any cv;
    std::unique_lock lock(mu);
    while (true) {
      cv.wait_for(lock, stop, std::chrono::seconds(30), [] { return false; });  // wakes early on stop
      if (stop.stop_requested()) break;
      if (auto c = service::refresh_closures(*app); !c) spdlog::warn("office closures: {}", c.error().message);
      if (auto v = service::refresh_sop_versions(*app); !v) spdlog::warn("SOP versions: {}", v.error().message);
    }
  });
  // Overdue steps escalated and the daily digests sent (service/escalations.hpp), every
  // escalation_seconds. Every server may run it: the database keeps each notice to one. Rounds
  // start on the interval's boundaries of the system clock, so servers sharing a database look at
  // the same moments and a late step is told at the same delay whichever server sees it.
  std::jthread escalation([app = r.app.get(), every = config->escalation_seconds](std::stop_token stop) {
    if (every <= 0) return;
    std::mutex mu;
    std::condition_variable_any cv;
    std::unique_lock lock(mu);
    while (!stop.stop_requested()) {
      if (auto e = service::escalate_overdue(*app); !e) spdlog::warn("escalation: {}", e.error().message);
      const auto now = std::chrono::system_clock::now().time_since_epoch();
      const auto period = std::chrono::milliseconds(1000LL * every);
      cv.wait_for(lock, stop, period - now % period, [] { return false; });  // wakes early on stop
    }
  });
  // The Mutu Baku dashboards' figures of ended months, counted now and every hour rather than by
  // the first office head to open one (service/mutu_baku.hpp).
  std::jthread dashboards([app = r.app.get()](std::stop_token stop) {
    std::mutex mu;
    std::condition_variable_any cv;
    std::unique_lock lock(mu);
    for (bool first = true; !stop.stop_requested(); first = false) {
      const auto started = std::chrono::steady_clock::now();
      for (const auto& failure : service::warm_dashboards(*app, stop)) spdlog::warn("dashboard figures: {}", failure);
      if (first && !stop.stop_requested())
        spdlog::info("dashboard figures of ended months counted for {} office(s) in {:.1f} s",
                     app->catalog.offices().size(),
                     std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
      cv.wait_for(lock, stop, std::chrono::hours(1), [] { return false; });  // wakes early on stop
    }
  });
  // PostgreSQL: status reads come from a cache that every server's changes keep current
  // (service/application_cache.hpp); SQLite reads are local and need none.
  service::ApplicationCache applications;
  auto changes = r.store->follow_application_changes([&applications](long long id) { applications.evict(id); },
                                                     [&applications](bool live) { applications.set_live(live); });
  if (!changes) return fail(changes.error());
  if (*changes) r.app->applications_cache = &applications;
  // Uploaded and posted PDFs, and SOP drafts, are parsed in worker processes of this executable
  // (sandbox/).
  sandbox::WorkerLimits sandbox_limits;
  sandbox_limits.workers = static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 2u, 8u));
  sandbox::WorkerPool workers({"/proc/self/exe", "sandbox-worker"}, sandbox_limits);
  const auto pdf_sandbox = sandbox::isolated_pdfs(workers);
  r.app->pdf_sandbox = pdf_sandbox.get();
  const auto definition_sandbox = sandbox::isolated_definitions(workers);
  r.app->definition_sandbox = definition_sandbox.get();
  service::DocumentWorker documents(*r.app);
  r.app->documents_planned = [&documents] { documents.wake(); };
  documents.start();
  const std::string web_dir = config->web_dir.empty() ? r.app->settings.data_dir + "/web/dist" : config->web_dir;
  http::Api api(*r.app, web_dir);
  http::ServerOptions options;
  options.address = listen->first;
  options.port = listen->second;
  options.threads = config->threads;
  options.writer_threads = config->writer_threads;
  options.max_connections = config->max_connections;
  // The request body may carry one upload plus headroom; larger bodies end with 413 unread.
  options.body_limit = std::max<std::size_t>(8u << 20, (static_cast<std::size_t>(config->max_upload_mib) + 1) << 20);
  const int rc = http::run_server(api, options, [&](unsigned short port) {
    std::cout << "satupintu listening on http://" << options.address << ":" << port << "/ (database: "
              << r.db->description() << ")" << std::endl;
    if (!std::filesystem::exists(web_dir + "/index.html"))
      std::cout << "the web app is not built (" << web_dir << "); the API alone is served" << std::endl;
  });
  if (worker) worker->stop();
  documents.stop();
  changes->reset();
  r.app->applications_cache = nullptr;
  closures.request_stop();
  closures.join();
  r.app->documents_planned = nullptr;
  r.app->pdf_sandbox = nullptr;
  spdlog::shutdown();  // flushes the buffered access log
  return rc;
}

int cmd_migrate() {
  auto config = config_from_flags();
  if (!config) return fail(config.error());
  auto rt = open_runtime(*config, 1);
  if (!rt) return fail(rt.error());
  std::cout << "schema at version " << store::latest_schema_version() << " (" << (*rt)->db->description() << ")\n";
  return 0;
}

int cmd_demo() {
  auto config = config_from_flags();
  if (!config) return fail(config.error());
  auto rt = open_runtime(*config, 1);
  if (!rt) return fail(rt.error());
  if (auto d = load_demo(*(*rt)->app, flags().history_months); !d) return fail(d.error());
  return 0;
}

int cmd_audit_verify(bool json) {
  auto config = config_from_flags();
  if (!config) return fail(config.error());
  auto rt = open_runtime(*config, 1);
  if (!rt) return fail(rt.error());
  std::optional<std::string> office;
  if (!flags().office.empty()) office = flags().office;
  auto reports = service::verify_chains(*(*rt)->store, office);
  if (!reports) return fail(reports.error());
  bool ok = true;
  nlohmann::json out = nlohmann::json::array();
  for (const auto& rep : *reports) {
    ok &= rep.ok;
    out.push_back({{"office", rep.office}, {"events", rep.events}, {"ok", rep.ok},
                   {"first_bad_event", rep.ok ? nlohmann::json(nullptr) : nlohmann::json(rep.first_bad_seq)},
                   {"problem", rep.problem}});
    if (!json) {
      if (rep.ok) std::cout << rep.office << ": " << rep.events << " events, chain intact\n";
      else std::cout << rep.office << ": BROKEN at event " << rep.first_bad_seq << ": " << rep.problem << "\n";
    }
  }
  if (json) std::cout << out.dump(2) << "\n";
  return ok ? 0 : 1;
}

int cmd_pki_init() {
  auto config = config_from_flags();
  if (!config) return fail(config.error());
  auto rt = open_runtime(*config, 1);
  if (!rt) return fail(rt.error());
  if (auto ok = init_development_pki(*(*rt)->app); !ok) return fail(ok.error());
  std::cout << "These keys are for development and tests. In production import the office's PKCS#12 "
               "file with `satupintu pki import`.\n";
  return 0;
}

int cmd_pki_import() {
  auto config = config_from_flags();
  if (!config) return fail(config.error());
  std::ifstream in(flags().p12_file, std::ios::binary);
  if (!in) return fail(make_error(flags().p12_file + ": cannot read the file"));
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const char* password = std::getenv(flags().password_env.c_str());
  if (!password) return fail(make_error("set the PKCS#12 password in the environment variable " + flags().password_env));
  // Keys belong to people: the officer named by --user signs with it (docs/signatures.md).
  auto rt = open_runtime(*config, 1);
  if (!rt) return fail(rt.error());
  auto id = (*rt)->store->read([&](store::Transaction& tx) -> Result<long long> {
    const auto found = tx.accounts().staff_id_by_email(flags().user, flags().office);
    if (!found) return make_error("no officer " + flags().user + " in office " + flags().office);
    return *found;
  });
  if (!id) return fail(id.error());
  const std::string name = signing::personal_signer(*id);
  auto info = signing::import_pkcs12(pki_dir_for(*config), flags().office, name, bytes, password);
  if (!info) return fail(make_error(flags().p12_file + ": " + info.error().message));
  std::cout << "installed " << flags().office << "/" << name << " for " << flags().user << ": " << info->subject
            << " (issued by " << info->issuer << ", serial " << info->serial_hex << ")\n";
  return 0;
}

// The deployment operator sets an officer's roles, signing roles included (service/role_grants.hpp).
int cmd_officer_roles() {
  auto config = config_from_flags();
  if (!config) return fail(config.error());
  auto rt = open_runtime(*config, 1);
  if (!rt) return fail(rt.error());
  auto done = service::operator_set_roles(*(*rt)->app, flags().office, flags().email, flags().roles);
  if (!done) return fail(done.error());
  std::cout << flags().email << " (" << flags().office << ") now holds: ";
  for (std::size_t i = 0; i < flags().roles.size(); ++i) std::cout << (i ? ", " : "") << flags().roles[i];
  std::cout << "\n";
  return 0;
}

// The deployment operator appoints an office admin; the admin sets a password through the
// e-mailed link (the outbox sends it when a server with SMTP runs).
int cmd_officer_add_admin() {
  auto config = config_from_flags();
  if (!config) return fail(config.error());
  auto rt = open_runtime(*config, 1);
  if (!rt) return fail(rt.error());
  auto id = service::operator_add_admin(*(*rt)->app, flags().office, flags().name, flags().email);
  if (!id) return fail(id.error());
  std::cout << "admin " << flags().email << " of " << flags().office << " created (id " << id->value
            << "); the link to set a password is in the outbox\n";
  return 0;
}

int cmd_routes(bool json) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : http::route_table()) {
    if (json) out.push_back({{"method", r.first}, {"path", r.second}});
    else std::cout << r.first << " " << r.second << "\n";
  }
  if (json) std::cout << out.dump(2) << "\n";
  return 0;
}

// A sandbox worker (sandbox/worker_pool.hpp): started by `serve`, never by hand.
int cmd_sandbox_worker() {
  sandbox::JobTable jobs = sandbox::pdf_jobs();
  jobs.merge(sandbox::definition_jobs());
  return sandbox::serve_jobs(sandbox::worker_socket_fd(), jobs);
}

void db_flags(CLI::App* cmd) {
  cmd->add_option("--config", flags().config_file, "Config file (YAML)");
  cmd->add_option("--db", flags().db, "Database: sqlite:PATH or postgresql://...");
  cmd->add_option("--pki-dir", flags().pki_dir, "Signing keys and certificates (default: pki beside the SQLite file)");
}

}  // namespace

void add_server_commands(CLI::App& app, GlobalOptions& g) {
  CLI::App* serve = app.add_subcommand("serve", "Run the HTTP API server");
  db_flags(serve);
  serve->add_option("--listen", flags().listen, "Address and port (default 127.0.0.1:8080)");
  serve->add_option("--smtp", flags().smtp_url, "SMTP server for outgoing mail, e.g. smtp://127.0.0.1:2525");
  serve->add_option("--base-url", flags().base_url, "Public URL used in e-mailed links");
  serve->add_option("--threads", flags().threads, "I/O threads, which also run reads (default: two per CPU core)");
  serve->add_option("--writer-threads", flags().writer_threads,
                    "Threads that run writes and wait for their group's commit (default: 16)");
  serve->add_option("--escalation-seconds", flags().escalation_seconds,
                    "Seconds between looks for overdue steps to escalate (default 60; 0: never, another server does)")
      ->check(CLI::Range(0, 86400));
  serve->add_flag("--demo", flags().demo, "Load demo data first when the database has none");
  serve->callback([&g] { g.exit_code = cmd_serve(); });

  CLI::App* migrate = app.add_subcommand("migrate", "Apply database migrations");
  db_flags(migrate);
  migrate->callback([&g] { g.exit_code = cmd_migrate(); });

  CLI::App* demo = app.add_subcommand("demo", "Load demo officers, applicants and applications; print the logins");
  db_flags(demo);
  demo->add_option("--history-months", flags().history_months,
                   "Also months of handled files before today, for the dashboard's trend and the register (0 to 24)")
      ->check(CLI::Range(0, 24));
  demo->callback([&g] { g.exit_code = cmd_demo(); });

  CLI::App* pki = app.add_subcommand("pki", "Signing keys and certificates for electronic signatures (TTE)");
  pki->require_subcommand(1);
  CLI::App* pki_init = pki->add_subcommand("init", "Create a development CA and a certificate for each signing role");
  db_flags(pki_init);
  pki_init->callback([&g] { g.exit_code = cmd_pki_init(); });
  CLI::App* pki_import = pki->add_subcommand("import", "Install an officer's own key and certificate from a PKCS#12 file");
  db_flags(pki_import);
  pki_import->add_option("--office", flags().office, "Office code")->required();
  pki_import->add_option("--user", flags().user, "The officer's e-mail: the person who signs with this key")->required();
  pki_import->add_option("--p12", flags().p12_file, "PKCS#12 file")->required();
  pki_import->add_option("--password-env", flags().password_env, "Environment variable holding the password");
  pki_import->callback([&g] { g.exit_code = cmd_pki_import(); });

  CLI::App* routes = app.add_subcommand("routes", "List the HTTP API's routes");
  routes->add_flag("--json", g.json, "Print JSON");
  routes->callback([&g] { g.exit_code = cmd_routes(g.json); });

  CLI::App* officer = app.add_subcommand("officer", "Officers, as the deployment operator manages them");
  officer->require_subcommand(1);
  CLI::App* roles = officer->add_subcommand("roles", "Set an officer's roles (signing roles too: no second admin needed)");
  db_flags(roles);
  roles->add_option("--office", flags().office, "Office code")->required();
  roles->add_option("--email", flags().email, "The officer's e-mail")->required();
  roles->add_option("--roles", flags().roles, "The officer's SOP roles, all of them")->required()->delimiter(',');
  roles->callback([&g] { g.exit_code = cmd_officer_roles(); });
  CLI::App* add_admin = officer->add_subcommand("add-admin", "Appoint an office admin");
  db_flags(add_admin);
  add_admin->add_option("--office", flags().office, "Office code")->required();
  add_admin->add_option("--name", flags().name, "Full name")->required();
  add_admin->add_option("--email", flags().email, "E-mail (the password link goes there)")->required();
  add_admin->callback([&g] { g.exit_code = cmd_officer_add_admin(); });

  // Hidden (no group): the server starts it with its socket on fd 3.
  CLI::App* worker = app.add_subcommand("sandbox-worker", "Parse untrusted documents for a running server")->group("");
  worker->callback([&g] { g.exit_code = cmd_sandbox_worker(); });

  CLI::App* audit = app.add_subcommand("audit", "The audit trail");
  audit->require_subcommand(1);
  CLI::App* verify = audit->add_subcommand("verify", "Check every office's hash chain; name the first bad event");
  db_flags(verify);
  verify->add_option("--office", flags().office, "Only this office");
  verify->add_flag("--json", g.json, "Print JSON");
  verify->callback([&g] { g.exit_code = cmd_audit_verify(g.json); });
}

}  // namespace sp::cli
