#include "cli/runtime.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "auth/secrets.hpp"
#include "cli/clock_option.hpp"
#include "signing/local_pki.hpp"
#include "service/audit_log.hpp"
#include "service/role_grants.hpp"
#include "store/account_repository.hpp"
#include "service/sop_publishing.hpp"
#include "store/migrations.hpp"

namespace sp::cli {

namespace {
std::string data_dir_for(const ServerConfig& c) {
  if (!c.data_dir.empty()) return c.data_dir;
  std::error_code ec;
  if (std::filesystem::exists("sop", ec) && std::filesystem::exists("calendar", ec)) return ".";
  return SATUPINTU_DATA_DIR;
}
// A folder the server keeps: the configured one, else `name` beside a SQLite file, else var/`name`.
std::string beside_database(const ServerConfig& c, const std::string& configured, const char* name) {
  if (!configured.empty()) return configured;
  if (const auto path = store::embedded_file(c.db)) {
    const auto parent = std::filesystem::path(*path).parent_path();
    return ((parent.empty() ? std::filesystem::path(".") : parent) / name).string();
  }
  return std::string("var/") + name;
}
bool has_address(const std::vector<const FormField*>& fields) {
  return std::any_of(fields.begin(), fields.end(), [](const FormField* f) {
    return f->type == FieldType::Address || has_address(f->children());
  });
}

// The region data address fields choose from; nothing when no form has an address field.
Result<std::optional<forms::RegionDirectory>> load_regions(const Catalog& catalog, const std::string& configured,
                                                           const std::string& data_dir) {
  const auto& sops = catalog.sops();
  if (std::none_of(sops.begin(), sops.end(), [&](const Sop& s) { return has_address(catalog.form(s).fields()); }))
    return std::optional<forms::RegionDirectory>();
  const std::string dir = configured.empty() ? data_dir + "/web/node_modules/idn-area-data/data" : configured;
  std::vector<forms::RegionFile> files;
  for (const char* name : {"provinces.csv", "regencies.csv", "districts.csv", "villages.csv"}) {
    const std::string path = dir + "/" + name;
    std::ifstream in(path, std::ios::binary);
    if (!in)
      return make_error(path + ": cannot read it; address fields need the region data (idn-area-data, installed "
                               "with the web app's packages), or give regions_dir");
    std::stringstream text;
    text << in.rdbuf();
    files.push_back({path, text.str()});
  }
  Diagnostics problems;
  auto regions = forms::RegionDirectory::parse(files[0], files[1], files[2], files[3], problems);
  if (!regions) {
    std::string all;
    for (std::size_t i = 0; i < problems.size() && i < 20; ++i) all += problems[i].to_string() + "\n";
    return make_error(all + "the region data is invalid");
  }
  return std::optional<forms::RegionDirectory>(std::move(*regions));
}

}  // namespace

std::string pki_dir_for(const ServerConfig& c) { return beside_database(c, c.pki_dir, "pki"); }
std::string blob_dir_for(const ServerConfig& c) { return beside_database(c, c.blob_dir, "blobs"); }

Result<std::unique_ptr<Runtime>> open_runtime(const ServerConfig& config, std::size_t db_pool) {
  if (!auth::init_crypto()) return make_error("cannot initialise libsodium");
  auto rt = std::make_unique<Runtime>();
  rt->clock = make_clock();
  const std::string dir = data_dir_for(config);
  rt->catalog = load_catalog({dir + "/calendar/id-holidays.yaml", dir + "/sop"});
  if (!rt->catalog.problems.empty()) {
    std::string all;
    for (const auto& p : rt->catalog.problems) all += p.to_string() + "\n";
    return make_error(all + "the definitions are invalid");
  }
  auto db = store::Database::open(config.db, db_pool);
  if (!db) return db.error();
  rt->db = std::move(*db);
  rt->store = std::make_unique<store::SqlStore>(*rt->db);
  auto version = store::migrate(*rt->db);
  if (!version) return make_error("migration failed: " + version.error().message);
  if (auto published = service::publish_sop_versions(*rt->store, rt->catalog.catalog, rt->clock->now()); !published)
    return published.error();
  auto mail = service::MailTemplates::load(dir + "/templates/mail");
  if (!mail) return mail.error();
  Diagnostics template_problems;
  rt->document_templates =
      documents::TemplateLibrary::load(dir + "/templates/documents", dir + "/sop", template_problems);
  rt->document_templates.check_form_fields(rt->catalog.catalog, template_problems);
  if (!template_problems.empty()) {
    std::string all;
    for (const auto& p : template_problems) all += p.to_string() + "\n";
    return make_error(all + "the document templates are invalid");
  }
  service::Settings settings;
  settings.data_dir = dir;
  settings.secure_cookies = config.secure_cookies;
  settings.trust_forwarded_for = config.trust_forwarded_for;
  settings.rate_limit_scale = config.rate_limit_scale;
  settings.metrics_token = config.metrics_token;
  settings.round_trip_sample_every = config.round_trip_sample_every;
  settings.public_base_url = config.base_url.empty() ? "http://" + config.listen : config.base_url;
  rt->blobs = documents::filesystem_blob_store(blob_dir_for(config));
  settings.pki_dir = pki_dir_for(config);
  settings.max_upload_bytes = static_cast<std::size_t>(config.max_upload_mib) * 1024 * 1024;
  settings.max_application_bytes = static_cast<std::size_t>(config.max_application_mib) * 1024 * 1024;
  // Built in place: the context holds a mutex (its session cache) and cannot move.
  rt->app.reset(new service::AppContext{rt->catalog.catalog, rt->store.get(), *rt->store, *rt->clock, *rt->blobs, settings, std::move(*mail)});
  rt->app->document_templates = &rt->document_templates;
  auto regions = load_regions(rt->catalog.catalog, config.regions_dir, dir);
  if (!regions) return regions.error();
  rt->regions = std::move(*regions);
  if (rt->regions) rt->app->regions = &*rt->regions;
  rt->signers = signing::local_signer_provider(settings.pki_dir);
  rt->app->signers = rt->signers.get();
  std::vector<std::string> offices;
  for (const auto& o : rt->catalog.catalog.offices()) offices.push_back(o.code);
  auto heads = rt->store->write([&](store::Transaction& tx) -> Result<bool> {
    service::ensure_chain_heads(tx, offices);
    return true;
  });
  if (!heads) return heads.error();
  return rt;
}

Result<std::unique_ptr<Runtime>> open_command_runtime(const std::string& config_file, const std::string& db) {
  ServerConfig config;
  if (auto ok = load_server_config(config_file, config); !ok) return ok.error();
  if (!db.empty()) config.db = db;
  return open_runtime(config, 1);
}

Result<bool> init_development_pki(service::AppContext& app) {
  // One certificate per person who holds a signing role, in that person's name: the signature on
  // a permit names the official who signed it (docs/signatures.md).
  std::vector<signing::SignerSubject> subjects;
  for (const auto& office : app.catalog.offices()) {
    const auto roles = service::signing_roles(app.catalog, office.code);
    auto people = app.store.read([&](store::Transaction& tx) -> Result<std::vector<std::pair<long long, std::string>>> {
      std::vector<std::pair<long long, std::string>> out;
      for (const auto& role : roles)
        for (auto& holder : tx.accounts().active_holders(office.code, role)) out.push_back(std::move(holder));
      return out;
    });
    if (!people) return people.error();
    for (const auto& [id, name] : *people)
      // X.509 limits an organization name to 64 characters; the short form fits.
      subjects.push_back({office.code, signing::personal_signer(id), name, "DPMPTSP " + office.regency, office.head.title});
  }
  auto written = signing::init_local_pki(app.settings.pki_dir, subjects);
  if (!written) return written.error();
  for (const auto& f : *written) std::cout << "wrote " << f << "\n";
  if (written->empty()) std::cout << "every signing officer has a key in " << app.settings.pki_dir << "\n";
  return true;
}

}  // namespace sp::cli
