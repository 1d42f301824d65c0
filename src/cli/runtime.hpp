#pragma once
// What the server-side commands (serve, migrate, demo, audit) share: the catalog, the migrated
// database and the service context, opened from a ServerConfig.
#include <memory>

#include "catalog/catalog_loader.hpp"
#include "cli/server_config.hpp"
#include "core/clock.hpp"
#include "documents/blob_store.hpp"
#include "documents/template_library.hpp"
#include "forms/region_directory.hpp"
#include "signing/signer_provider.hpp"
#include "service/app_context.hpp"
#include "store/database.hpp"
#include "store/sql_store.hpp"

namespace sp::cli {

struct Runtime {
  LoadedCatalog catalog;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<store::SqlStore> store;
  std::unique_ptr<Clock> clock;  // cli/clock_option.hpp
  std::unique_ptr<documents::BlobStore> blobs;
  documents::TemplateLibrary document_templates;
  std::optional<forms::RegionDirectory> regions;  // loaded where any form has an address field
  std::unique_ptr<signing::SignerProvider> signers;
  std::unique_ptr<service::AppContext> app;
};

// Loads and validates the definitions, opens and migrates the database, loads mail templates.
// Errors are printed as `file:line: reason` or a one-line reason.
Result<std::unique_ptr<Runtime>> open_runtime(const ServerConfig& config, std::size_t db_pool);
// The same for a one-off command: the config file (may be empty) with --db over its database.
Result<std::unique_ptr<Runtime>> open_command_runtime(const std::string& config_file, const std::string& db);

// Signing keys: the configured pki_dir, else "pki" beside a SQLite file, else var/pki.
std::string pki_dir_for(const ServerConfig& c);
// Uploaded and generated documents: the configured blob_dir, else "blobs" beside a SQLite file, else var/blobs.
std::string blob_dir_for(const ServerConfig& c);

// Creates the development CA and a certificate, in the person's own name, for every active
// officer holding a signing role who has none; prints what it wrote.
Result<bool> init_development_pki(service::AppContext& app);

// Loads demo offices' officers, applicants and applications in several states; prints logins.
Result<bool> load_demo(service::AppContext& app, int history_months = 0);

}  // namespace sp::cli
