#include "service/sop_publishing.hpp"

#include <spdlog/spdlog.h>

#include "auth/secrets.hpp"
#include "catalog/catalog_loader.hpp"
#include "service/app_context.hpp"
#include "store/sop_version_repository.hpp"
#include "store/store.hpp"

namespace sp::service {

Result<const Sop*> install_published(const Catalog& catalog, const store::PublishedSop& p) {
  if (const Sop* known = catalog.sop(p.code, p.version)) return known;
  Catalog scratch;
  Diagnostics problems;
  load_definition_text(p.source, "published:" + p.code + "@" + std::to_string(p.version), scratch, problems);
  if (!problems.empty() || scratch.sops().empty())
    return make_error("internal", "published SOP '" + p.code + "' version " + std::to_string(p.version) +
                                      " cannot be read back: " + (problems.empty() ? "" : problems.front().to_string()));
  // Another thread may have installed it meanwhile: then that one stands.
  if (const Sop* installed = catalog.install_sop(scratch.sops().front())) return installed;
  return catalog.sop(p.code, p.version);
}

Result<int> publish_sop_versions(store::Store& st, const Catalog& catalog, Instant now) {
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
    // The file of this version is gone, or an office admin published it: bring it in.
    if (auto installed = install_published(catalog, p); !installed) return installed.error();
    ++restored;
  }
  return restored;
}

Result<int> refresh_sop_versions(AppContext& ctx) {
  auto stored = ctx.store.read([&](store::Transaction& tx) -> Result<std::vector<store::PublishedSop>> {
    return tx.sop_versions().all();
  });
  if (!stored) return stored.error();
  int installed = 0;
  for (const auto& p : *stored) {
    if (ctx.catalog.sop(p.code, p.version)) continue;
    auto sop = install_published(ctx.catalog, p);
    if (!sop) return sop.error();
    spdlog::info("SOP {} version {} installed (published by another server)", p.code, p.version);
    ++installed;
  }
  return installed;
}

const Sop* sop_version_in(store::Transaction& tx, const Catalog& catalog, const std::string& code, int version) {
  if (const Sop* known = catalog.sop(code, version)) return known;
  const auto stored = tx.sop_versions().find(code, version);
  if (!stored) return nullptr;
  auto installed = install_published(catalog, *stored);
  return installed ? *installed : nullptr;
}

}  // namespace sp::service
