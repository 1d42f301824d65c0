#pragma once
// Where the server reads PDFs it did not make: an applicant's upload and any file posted to the
// public verification endpoint. The services ask this interface; the server answers with worker
// processes (isolated_pdfs), tests and one-shot commands with this process (in_process_pdfs).
#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "documents/content_check.hpp"
#include "sandbox/worker_main.hpp"
#include "signing/pades.hpp"

namespace sp::sandbox {

class WorkerPool;

class UntrustedPdfs {
 public:
  virtual ~UntrustedPdfs() = default;
  // documents::check_upload, for any uploaded file (images are checked in this process: their
  // checks are our own bounded code, not a third-party parser).
  virtual Result<documents::CheckedFile> check_upload(std::string_view bytes, std::string_view filename) = 0;
  // signing::check_pdf_signature. Errors: invalid_file (nested too deeply, or the file crashed
  // or outlasted its worker), busy (every worker busy).
  virtual Result<signing::SignatureCheck> check_signature(std::string_view pdf, const std::string& roots_pem) = 0;
};

std::unique_ptr<UntrustedPdfs> in_process_pdfs();
// Uses `pool`, which must outlive the returned object.
std::unique_ptr<UntrustedPdfs> isolated_pdfs(WorkerPool& pool);

// The jobs a worker serves for isolated_pdfs.
JobTable pdf_jobs();

}  // namespace sp::sandbox
