#include "service/sop_publishing.hpp"

#include "auth/secrets.hpp"
#include "catalog/catalog_loader.hpp"
#include "store/sop_version_repository.hpp"
#include "store/store.hpp"

namespace sp::service {

Result<int> publish_sop_versions(store::Store& st, Catalog& catalog, Instant now) {
  auto published = st.write([&](store::Transaction& tx) -> Result<std::vector<store::PublishedSop>> {
    auto& versions = tx.sop_versions();
    versions.lock_for_publishing();
    for (const auto& sop : catalog.sops()) {
      const std::string sha = auth::sha256_hex(sop.source_text);
      if (const auto stored = versions.published_sha(sop.code, sop.version)) {
        if (*stored != sha)
          return make_error(sop.source.file + ":" + std::to_string(sop.source.line) + ": SOP '" + sop.code +
                            "' version " + std::to_string(sop.version) +
                            " differs from the published definition that running applications follow; "
                            "publish the change under a new version number");
        continue;
      }
      versions.publish({sop.code, sop.version, sop.office, sha, sop.source_text, now});
    }
    return versions.all();
  });
  if (!published) return published.error();
  int restored = 0;
  for (const auto& p : *published) {
    if (catalog.sop(p.code, p.version)) continue;
    // The file of this version is gone: bring the published definition back.
    Catalog scratch;
    Diagnostics problems;
    load_definition_text(p.source, "published:" + p.code + "@" + std::to_string(p.version), scratch, problems);
    if (!problems.empty() || scratch.sops().empty())
      return make_error("published SOP '" + p.code + "' version " + std::to_string(p.version) +
                        " cannot be read back: " + (problems.empty() ? "" : problems.front().to_string()));
    catalog.add_sop(scratch.sops().front());
    ++restored;
  }
  return restored;
}

}  // namespace sp::service
