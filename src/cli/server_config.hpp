#pragma once
// Server settings: a YAML config file, overridden by SATUPINTU_* environment variables,
// overridden by command-line flags.
#include <string>

#include "core/result.hpp"

namespace sp::cli {

struct ServerConfig {
  std::string listen = "127.0.0.1:8080";
  std::string db = "sqlite:var/satupintu.db";
  std::string smtp_url;  // empty: mail stays in the outbox
  std::string mail_from = "DPMPTSP <noreply@satupintu.localhost>";
  std::string base_url;  // default: http://<listen>
  std::string data_dir;  // holds sop/, calendar/, templates/, docs/
  std::string blob_dir;  // uploaded files; default: beside the SQLite file, or var/blobs
  std::string web_dir;   // the built browser app; default: <data_dir>/web/dist
  std::string pki_dir;   // signing keys and certificates; default: beside the SQLite file, or var/pki
  // Indonesia's administrative areas for address fields (idn-area-data's CSVs); default:
  // <data_dir>/web/node_modules/idn-area-data/data, where the install puts it.
  std::string regions_dir;
  int max_upload_mib = 5;        // one requirement document
  int max_application_mib = 25;  // all current documents of one application
  int threads = 0;         // I/O threads (they also run reads); 0: two per CPU core
  int writer_threads = 0;  // threads that run writes and wait for the database; 0: by backend
  bool secure_cookies = false;  // true behind a TLS-terminating proxy: cookies get Secure
  // Behind a reverse proxy: the client's address is the last one in X-Forwarded-For (the one
  // the proxy saw); otherwise that header is ignored, since any client can send it.
  bool trust_forwarded_for = false;
  double rate_limit_scale = 1.0;  // multiplies every per-address rate limit; 0 turns them off
  std::string metrics_token;      // /metrics needs "Authorization: Bearer <token>"; empty: /metrics is off
  int round_trip_sample_every = 16;  // /metrics counts the database round trips of every Nth request
  int max_connections = 2048;     // open client connections; more wait in the listen backlog
  // How often overdue steps are looked for and escalated (service/escalations.hpp); 0: never
  // (another server sharing the database does it).
  int escalation_seconds = 60;
};

// Fills `c` from the file (when given), then the environment. Flags are applied by the caller.
Result<bool> load_server_config(const std::string& file, ServerConfig& c);
// "127.0.0.1:8080" -> host and port.
Result<std::pair<std::string, unsigned short>> split_listen(const std::string& listen);

}  // namespace sp::cli
