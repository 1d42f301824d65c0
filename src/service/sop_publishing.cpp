#include "service/sop_publishing.hpp"

#include <soci/soci.h>

#include "auth/secrets.hpp"
#include "catalog/catalog_loader.hpp"
#include "store/database.hpp"

namespace sp::service {

Result<int> publish_sop_versions(store::Database& db, Catalog& catalog, Instant now) {
  struct Stored {
    std::string code, sha, source;
    int version = 0;
  };
  auto published = db.write([&](soci::session& s) -> Result<std::vector<Stored>> {
    if (db.backend() == store::Backend::Postgres) s << "SELECT pg_advisory_xact_lock(72618)";
    for (const auto& sop : catalog.sops()) {
      const std::string sha = auth::sha256_hex(sop.source_text);
      std::string stored_sha;
      s << "SELECT sha256 FROM sop_versions WHERE code = :c AND version = :v", soci::use(sop.code),
          soci::use(sop.version), soci::into(stored_sha);
      if (s.got_data()) {
        if (stored_sha != sha)
          return make_error(sop.source.file + ":" + std::to_string(sop.source.line) + ": SOP '" + sop.code +
                            "' version " + std::to_string(sop.version) +
                            " differs from the published definition that running applications follow; "
                            "publish the change under a new version number");
        continue;
      }
      const long long t = now.unix_seconds;
      s << "INSERT INTO sop_versions (code, version, office, sha256, source, published_at) "
           "VALUES (:c, :v, :o, :h, :s, :t)",
          soci::use(sop.code), soci::use(sop.version), soci::use(sop.office), soci::use(sha),
          soci::use(sop.source_text), soci::use(t);
    }
    std::vector<Stored> all;
    soci::rowset<soci::row> rows = (s.prepare << "SELECT code, version, sha256, source FROM sop_versions");
    for (const auto& r : rows) {
      Stored st;
      st.code = r.get<std::string>(0);
      st.version = r.get_properties(1).get_data_type() == soci::dt_long_long ? static_cast<int>(r.get<long long>(1))
                                                                             : r.get<int>(1);
      st.sha = r.get<std::string>(2);
      st.source = r.get<std::string>(3);
      all.push_back(std::move(st));
    }
    return all;
  });
  if (!published) return published.error();
  int restored = 0;
  for (const auto& st : *published) {
    if (catalog.sop(st.code, st.version)) continue;
    // The file of this version is gone: bring the published definition back.
    Catalog scratch;
    Diagnostics problems;
    load_definition_text(st.source, "published:" + st.code + "@" + std::to_string(st.version), scratch, problems);
    if (!problems.empty() || scratch.sops().empty())
      return make_error("published SOP '" + st.code + "' version " + std::to_string(st.version) +
                        " cannot be read back: " + (problems.empty() ? "" : problems.front().to_string()));
    catalog.add_sop(scratch.sops().front());
    ++restored;
  }
  return restored;
}

}  // namespace sp::service
