// satupintu backup | restore: a SQLite deployment copied while it runs, and put back (docs/BACKUP.md).
//
// A backup directory holds:
//   satupintu.db      an online snapshot (store/sqlite_backup.hpp)
//   blobs/ab/abcd...  every uploaded and generated document the snapshot names
//   pki/...           certificates; private keys sealed under a passphrase (*.key.sealed) or left out
//   manifest.json     written last: every file with its size and SHA-256, and how the keys were kept
// A directory without manifest.json is an unfinished backup and restore refuses it.
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "auth/passphrase_seal.hpp"
#include "auth/secrets.hpp"
#include "cli/commands.hpp"
#include "cli/runtime.hpp"
#include "core/instant.hpp"
#include "documents/blob_store.hpp"
#include "documents/durable_file.hpp"
#include "service/audit_log.hpp"
#include "store/sqlite_backup.hpp"

namespace sp::cli {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kFormat = "satupintu-backup/1";
constexpr const char* kDatabaseFile = "satupintu.db";

struct BackupFlags {
  std::string config_file, db, blob_dir, pki_dir, out, passphrase_env;
  bool skip_keys = false;
};

BackupFlags& flags() {
  static BackupFlags f;
  return f;
}

int fail(const Error& e) {
  std::cerr << "satupintu: " << e.message << "\n";
  return 1;
}

Result<ServerConfig> config_from_flags() {
  ServerConfig c;
  if (auto ok = load_server_config(flags().config_file, c); !ok) return ok.error();
  if (!flags().db.empty()) c.db = flags().db;
  if (!flags().blob_dir.empty()) c.blob_dir = flags().blob_dir;
  if (!flags().pki_dir.empty()) c.pki_dir = flags().pki_dir;
  return c;
}

Result<std::string> read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return make_error("not_found", p.string() + ": cannot read the file");
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) return make_error("storage", p.string() + ": read error");
  return s.str();
}

// The passphrase from the named environment variable; nullopt when no variable was named.
Result<std::optional<std::string>> passphrase() {
  if (flags().passphrase_env.empty()) return std::optional<std::string>{};
  const char* v = std::getenv(flags().passphrase_env.c_str());
  if (!v || !*v) return make_error("invalid_argument", "the environment variable " + flags().passphrase_env + " is not set");
  return std::optional<std::string>{v};
}

bool is_private_key(const fs::path& p) { return p.extension() == ".key"; }

class Manifest {
 public:
  // Records a file already written under `dir`.
  void add(const std::string& relative, const std::string& bytes) {
    files_.push_back({{"path", relative}, {"size", bytes.size()}, {"sha256", auth::sha256_hex(bytes)}});
  }
  json files() const { return files_; }

 private:
  json files_ = json::array();
};

Result<bool> copy_into_backup(const fs::path& dir, const std::string& relative, const std::string& bytes,
                              Manifest& manifest, unsigned mode = 0640) {
  if (auto w = documents::write_file_durably(dir / relative, bytes, mode); !w) return w.error();
  manifest.add(relative, bytes);
  return true;
}

int cmd_backup() {
  auto config = config_from_flags();
  if (!config) return fail(config.error());
  auto source = store::sqlite_path_of(config->db);
  if (!source) return fail(source.error());
  auto pass = passphrase();
  if (!pass) return fail(pass.error());
  if (!*pass && !flags().skip_keys)
    return fail(make_error("the backup holds the signing keys only sealed under a passphrase: name its environment "
                           "variable with --key-passphrase-env, or leave the keys out with --without-keys"));
  if (!auth::init_crypto()) return fail(make_error("cannot initialise libsodium"));
  const fs::path dir = flags().out;
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_empty(dir, ec))
    return fail(make_error(dir.string() + ": exists and is not empty; back up into a new directory"));
  fs::create_directories(dir, ec);
  if (ec) return fail(make_error(dir.string() + ": " + ec.message()));
  const Instant started = SystemClock().now();

  // 1. The database, as one snapshot; everything else follows from what it names.
  if (auto b = store::sqlite_online_backup(*source, (dir / kDatabaseFile).string()); !b) return fail(b.error());
  auto db_bytes = read_file(dir / kDatabaseFile);
  if (!db_bytes) return fail(db_bytes.error());
  Manifest manifest;
  manifest.add(kDatabaseFile, *db_bytes);
  auto facts = store::sqlite_snapshot_facts((dir / kDatabaseFile).string());
  if (!facts) return fail(facts.error());

  // 2. The blobs the snapshot names. Blobs are stored before the rows that name them commit, so
  //    each one exists; its bytes are checked against its name on the way.
  const std::string blob_root = blob_dir_for(*config);
  auto blobs = documents::filesystem_blob_store(blob_root);
  for (const auto& sha : facts->blobs) {
    auto bytes = blobs->get(sha);
    if (!bytes) return fail(make_error("blob " + sha + " is named by the database but missing from " + blob_root));
    if (auth::sha256_hex(*bytes) != sha)
      return fail(make_error("blob " + sha + " in " + blob_root + " does not match its checksum: the file is damaged"));
    if (auto ok = copy_into_backup(dir, "blobs/" + sha.substr(0, 2) + "/" + sha, *bytes, manifest); !ok)
      return fail(ok.error());
  }

  // 3. The PKI directory: certificates as they are, private keys sealed or left out.
  const fs::path pki = pki_dir_for(*config);
  std::optional<auth::PassphraseSeal> seal;
  if (*pass) {
    auto s = auth::PassphraseSeal::create(**pass);
    if (!s) return fail(s.error());
    seal = std::move(*s);
  }
  json excluded = json::array();
  std::size_t keys = 0;
  if (fs::is_directory(pki, ec)) {
    for (const auto& entry : fs::recursive_directory_iterator(pki)) {
      if (!entry.is_regular_file()) continue;
      const std::string rel = fs::relative(entry.path(), pki).string();
      auto bytes = read_file(entry.path());
      if (!bytes) return fail(bytes.error());
      Result<bool> ok = true;
      if (!is_private_key(entry.path())) {
        ok = copy_into_backup(dir, "pki/" + rel, *bytes, manifest);
      } else if (seal) {
        ok = copy_into_backup(dir, "pki/" + rel + ".sealed", seal->seal(*bytes), manifest, 0600);
        ++keys;
      } else {
        excluded.push_back("pki/" + rel);
      }
      if (!ok) return fail(ok.error());
    }
  }

  json m = {{"format", kFormat},
            {"backend", "sqlite"},
            {"started_at", format_instant(started, ZoneOffset{0})},
            {"finished_at", format_instant(SystemClock().now(), ZoneOffset{0})},
            {"schema_version", facts->schema_version},
            {"database", kDatabaseFile},
            {"blobs", facts->blobs.size()},
            {"files", manifest.files()}};
  if (seal)
    m["keys"] = {{"kept", "sealed"}, {"count", keys}, {"kdf", auth::PassphraseSeal::kdf_name()},
                 {"salt", seal->salt_hex()}, {"cipher", "xchacha20poly1305-ietf"}};
  else
    m["keys"] = {{"kept", "excluded"}, {"excluded", excluded}};
  // Last: a directory with a manifest is a finished backup.
  if (auto w = documents::write_file_durably(dir / "manifest.json", m.dump(2) + "\n"); !w) return fail(w.error());
  std::cout << "backup of " << *source << " in " << dir.string() << ": schema " << facts->schema_version << ", "
            << facts->blobs.size() << " blobs, "
            << (seal ? std::to_string(keys) + " signing keys sealed" : std::to_string(excluded.size()) + " signing keys left out")
            << "\n";
  return 0;
}

// Checks every file the manifest lists; returns the manifest.
Result<json> checked_manifest(const fs::path& dir) {
  auto text = read_file(dir / "manifest.json");
  if (!text) return make_error(dir.string() + ": no manifest.json; this is not a finished backup");
  json m = json::parse(*text, nullptr, false);
  if (m.is_discarded() || !m.is_object() || m.value("format", "") != kFormat || !m.contains("files") ||
      !m["files"].is_array())
    return make_error((dir / "manifest.json").string() + ": not a " + kFormat + " manifest");
  for (const auto& f : m["files"]) {
    const std::string rel = f.value("path", "");
    // The manifest decides which files are read: none outside the backup directory.
    if (rel.empty() || fs::path(rel).is_absolute() || rel.find("..") != std::string::npos)
      return make_error((dir / "manifest.json").string() + ": bad file name '" + rel + "'");
    auto bytes = read_file(dir / rel);
    if (!bytes) return make_error((dir / rel).string() + ": listed in the manifest but missing");
    if (bytes->size() != f.value("size", std::size_t{0}) || auth::sha256_hex(*bytes) != f.value("sha256", ""))
      return make_error((dir / rel).string() + ": does not match its checksum in the manifest; the backup is damaged");
  }
  return m;
}

int cmd_restore() {
  if (!auth::init_crypto()) return fail(make_error("cannot initialise libsodium"));
  auto config = config_from_flags();
  if (!config) return fail(config.error());
  auto target = store::sqlite_path_of(config->db);
  if (!target) return fail(target.error());
  const fs::path dir = flags().out;
  auto m = checked_manifest(dir);
  if (!m) return fail(m.error());
  std::error_code ec;
  if (fs::exists(*target, ec))
    return fail(make_error(*target + ": exists already; restore into a new database file (nothing was changed)"));
  const json& keys = (*m)["keys"];
  const bool sealed = keys.value("kept", "") == "sealed" && keys.value("count", 0) > 0;
  std::optional<auth::PassphraseSeal> seal;
  if (sealed && !flags().skip_keys) {
    auto pass = passphrase();
    if (!pass) return fail(pass.error());
    if (!*pass)
      return fail(make_error("the backup's signing keys are sealed: name the passphrase's environment variable with "
                             "--key-passphrase-env, or restore without them with --without-keys"));
    auto s = auth::PassphraseSeal::from_salt(**pass, keys.value("salt", ""));
    if (!s) return fail(s.error());
    seal = std::move(*s);
  }
  // Keys first: a wrong passphrase stops the restore before anything is written.
  const fs::path pki = pki_dir_for(*config);
  std::vector<std::pair<fs::path, std::string>> pki_files;
  for (const auto& f : (*m)["files"]) {
    const std::string rel = f["path"];
    if (rel.rfind("pki/", 0) != 0) continue;
    auto bytes = read_file(dir / rel);
    if (!bytes) return fail(bytes.error());
    fs::path out = pki / rel.substr(4);
    if (out.extension() == ".sealed") {
      if (!seal) continue;
      auto opened = seal->open(*bytes);
      if (!opened) return fail(make_error((dir / rel).string() + ": " + opened.error().message));
      out.replace_extension();
      pki_files.emplace_back(out, std::move(*opened));
    } else {
      pki_files.emplace_back(out, std::move(*bytes));
    }
  }
  for (const auto& [path, bytes] : pki_files) {
    if (fs::exists(path, ec)) {
      auto existing = read_file(path);
      if (existing && *existing == bytes) continue;
      return fail(make_error(path.string() + ": exists with other content; restore into an empty PKI directory"));
    }
    if (auto w = documents::write_file_durably(path, bytes, is_private_key(path) ? 0600 : 0640); !w) return fail(w.error());
  }
  auto blobs = documents::filesystem_blob_store(blob_dir_for(*config));
  std::size_t blob_count = 0;
  for (const auto& f : (*m)["files"]) {
    const std::string rel = f["path"];
    if (rel.rfind("blobs/", 0) != 0) continue;
    auto bytes = read_file(dir / rel);
    if (!bytes) return fail(bytes.error());
    if (auto put = blobs->put(f["sha256"], *bytes); !put) return fail(put.error());
    ++blob_count;
  }
  // The database last, under its name only once complete: a restore that stopped early leaves
  // no database that looks restored.
  auto db_bytes = read_file(dir / (*m).value("database", kDatabaseFile));
  if (!db_bytes) return fail(db_bytes.error());
  if (auto w = documents::write_file_durably(*target, *db_bytes); !w) return fail(w.error());

  // The restored copy opens, migrates if it is older than this build, and its chains hold.
  auto rt = open_runtime(*config, 1);
  if (!rt) return fail(rt.error());
  auto reports = service::verify_chains(*(*rt)->store, std::nullopt);
  if (!reports) return fail(reports.error());
  long long events = 0;
  for (const auto& r : *reports) {
    if (!r.ok) return fail(make_error("restored, but the audit chain of " + r.office + " is broken at event " +
                                      std::to_string(r.first_bad_seq) + ": " + r.problem));
    events += r.events;
  }
  std::cout << "restored " << dir.string() << " (taken " << (*m).value("started_at", "?") << ") into " << *target << ": "
            << blob_count << " blobs, " << pki_files.size() << " PKI files"
            << (sealed && !seal ? " (signing keys left out)" : "") << ", " << events
            << " audit events, every chain intact\n";
  return 0;
}

void common_flags(CLI::App* cmd) {
  cmd->add_option("--config", flags().config_file, "Config file (YAML)");
  cmd->add_option("--db", flags().db, "Database: sqlite:PATH")->required();
  cmd->add_option("--blob-dir", flags().blob_dir, "Uploaded and generated documents (default: blobs beside the SQLite file)");
  cmd->add_option("--pki-dir", flags().pki_dir, "Signing keys and certificates (default: pki beside the SQLite file)");
  cmd->add_option("--key-passphrase-env", flags().passphrase_env,
                  "Environment variable holding the passphrase that seals the signing keys");
  cmd->add_flag("--without-keys", flags().skip_keys, "Leave the private signing keys out");
}

}  // namespace

void add_backup_commands(CLI::App& app, GlobalOptions& g) {
  CLI::App* backup = app.add_subcommand("backup", "Copy a running SQLite deployment: database, documents, PKI, manifest");
  common_flags(backup);
  backup->add_option("-o,--output", flags().out, "A new (or empty) directory for the backup")->required();
  backup->callback([&g] { g.exit_code = cmd_backup(); });
  CLI::App* restore = app.add_subcommand("restore", "Check a backup's checksums and restore it into a new database");
  restore->add_option("backup", flags().out, "The backup directory")->required();
  common_flags(restore);
  restore->callback([&g] { g.exit_code = cmd_restore(); });
}

}  // namespace sp::cli
