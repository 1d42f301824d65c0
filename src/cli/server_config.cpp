#include "cli/server_config.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>

namespace sp::cli {

Result<bool> load_server_config(const std::string& file, ServerConfig& c) {
  if (!file.empty()) {
    try {
      const YAML::Node root = YAML::LoadFile(file);
      if (!root.IsMap()) return make_error(file + ":1: the config must be a mapping of settings");
      for (const auto& kv : root) {
        const std::string key = kv.first.as<std::string>();
        const auto line = std::to_string(kv.first.Mark().line + 1);
        if (!kv.second.IsScalar()) return make_error(file + ":" + line + ": '" + key + "' must be a single value");
        const std::string v = kv.second.as<std::string>();
        if (key == "listen") c.listen = v;
        else if (key == "db") c.db = v;
        else if (key == "smtp_url") c.smtp_url = v;
        else if (key == "mail_from") c.mail_from = v;
        else if (key == "base_url") c.base_url = v;
        else if (key == "data_dir") c.data_dir = v;
        else if (key == "blob_dir") c.blob_dir = v;
        else if (key == "pki_dir") c.pki_dir = v;
        else if (key == "regions_dir") c.regions_dir = v;
        else if (key == "web_dir") c.web_dir = v;
        else if (key == "secure_cookies") c.secure_cookies = v == "true" || v == "yes" || v == "1";
        else if (key == "trust_forwarded_for") c.trust_forwarded_for = v == "true" || v == "yes" || v == "1";
        else if (key == "metrics_token") c.metrics_token = v;
        else if (key == "rate_limit_scale") {
          char* end = nullptr;
          c.rate_limit_scale = std::strtod(v.c_str(), &end);
          if (end == v.c_str() || *end || c.rate_limit_scale < 0 || c.rate_limit_scale > 1000)
            return make_error(file + ":" + line + ": rate_limit_scale must be a number from 0 to 1000");
        } else if (key == "max_connections") {
          c.max_connections = std::atoi(v.c_str());
          if (c.max_connections < 1 || c.max_connections > 1'000'000)
            return make_error(file + ":" + line + ": max_connections must be 1 to 1000000");
        }
        else if (key == "threads") {
          c.threads = std::atoi(v.c_str());
          if (c.threads < 1 || c.threads > 64) return make_error(file + ":" + line + ": threads must be 1 to 64");
        } else if (key == "max_upload_mib" || key == "max_application_mib") {
          const int mib = std::atoi(v.c_str());
          if (mib < 1 || mib > 1024) return make_error(file + ":" + line + ": " + key + " must be 1 to 1024");
          (key == "max_upload_mib" ? c.max_upload_mib : c.max_application_mib) = mib;
        } else if (key == "round_trip_sample_every") {
          c.round_trip_sample_every = std::atoi(v.c_str());
          if (c.round_trip_sample_every < 1 || c.round_trip_sample_every > 1000000)
            return make_error(file + ":" + line + ": round_trip_sample_every must be 1 to 1000000");
        } else if (key == "escalation_seconds") {
          c.escalation_seconds = std::atoi(v.c_str());
          if (c.escalation_seconds < 0 || c.escalation_seconds > 86400 || (c.escalation_seconds == 0 && v != "0"))
            return make_error(file + ":" + line + ": escalation_seconds must be 0 to 86400");
        } else if (key == "writer_threads") {
          c.writer_threads = std::atoi(v.c_str());
          if (c.writer_threads < 1 || c.writer_threads > 256)
            return make_error(file + ":" + line + ": writer_threads must be 1 to 256");
        } else return make_error(file + ":" + line + ": unknown setting '" + key + "'");
      }
    } catch (const YAML::Exception& e) {
      return make_error(file + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
    }
  }
  const auto env = [](const char* name, std::string& out) {
    if (const char* v = std::getenv(name); v && *v) out = v;
  };
  env("SATUPINTU_LISTEN", c.listen);
  env("SATUPINTU_DB", c.db);
  env("SATUPINTU_SMTP_URL", c.smtp_url);
  env("SATUPINTU_MAIL_FROM", c.mail_from);
  env("SATUPINTU_BASE_URL", c.base_url);
  env("SATUPINTU_DATA_DIR", c.data_dir);
  env("SATUPINTU_BLOB_DIR", c.blob_dir);
  env("SATUPINTU_PKI_DIR", c.pki_dir);
  env("SATUPINTU_REGIONS_DIR", c.regions_dir);
  env("SATUPINTU_WEB_DIR", c.web_dir);
  if (const char* v = std::getenv("SATUPINTU_THREADS"); v && *v) c.threads = std::clamp(std::atoi(v), 1, 64);
  if (const char* v = std::getenv("SATUPINTU_MAX_UPLOAD_MIB"); v && *v) c.max_upload_mib = std::clamp(std::atoi(v), 1, 1024);
  if (const char* v = std::getenv("SATUPINTU_MAX_APPLICATION_MIB"); v && *v)
    c.max_application_mib = std::clamp(std::atoi(v), 1, 1024);
  if (const char* v = std::getenv("SATUPINTU_WRITER_THREADS"); v && *v) c.writer_threads = std::clamp(std::atoi(v), 1, 256);
  if (const char* v = std::getenv("SATUPINTU_SECURE_COOKIES"); v && *v) c.secure_cookies = std::string(v) == "1" || std::string(v) == "true";
  if (const char* v = std::getenv("SATUPINTU_TRUST_FORWARDED_FOR"); v && *v)
    c.trust_forwarded_for = std::string(v) == "1" || std::string(v) == "true";
  env("SATUPINTU_METRICS_TOKEN", c.metrics_token);
  if (const char* v = std::getenv("SATUPINTU_ROUND_TRIP_SAMPLE_EVERY"); v && *v)
    c.round_trip_sample_every = std::clamp(std::atoi(v), 1, 1000000);
  if (const char* v = std::getenv("SATUPINTU_RATE_LIMIT_SCALE"); v && *v)
    c.rate_limit_scale = std::clamp(std::strtod(v, nullptr), 0.0, 1000.0);
  if (const char* v = std::getenv("SATUPINTU_MAX_CONNECTIONS"); v && *v)
    c.max_connections = std::clamp(std::atoi(v), 1, 1'000'000);
  if (const char* v = std::getenv("SATUPINTU_ESCALATION_SECONDS"); v && *v)
    c.escalation_seconds = std::clamp(std::atoi(v), 0, 86400);
  return true;
}

Result<std::pair<std::string, unsigned short>> split_listen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) return make_error("listen must look like 127.0.0.1:8080");
  const int port = std::atoi(listen.c_str() + colon + 1);
  if (port < 0 || port > 65535 || listen.substr(colon + 1).find_first_not_of("0123456789") != std::string::npos)
    return make_error("listen: bad port in '" + listen + "'");
  return std::pair{listen.substr(0, colon), static_cast<unsigned short>(port)};
}

}  // namespace sp::cli
