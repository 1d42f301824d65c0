#include "service/app_context.hpp"

#include "sandbox/untrusted_definitions.hpp"
#include "sandbox/untrusted_pdfs.hpp"

namespace sp::service {

sandbox::UntrustedPdfs& untrusted_pdfs(AppContext& ctx) {
  if (ctx.pdf_sandbox) return *ctx.pdf_sandbox;
  static const auto in_process = sandbox::in_process_pdfs();
  return *in_process;
}

sandbox::UntrustedDefinitions& untrusted_definitions(AppContext& ctx) {
  if (ctx.definition_sandbox) return *ctx.definition_sandbox;
  static const auto in_process = sandbox::in_process_definitions();
  return *in_process;
}

}  // namespace sp::service
