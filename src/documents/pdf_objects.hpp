#pragma once
// Small stand-in PDFs for the demo data, tests and benchmarks: numbered objects (object 1 is the
// catalog) serialised with a valid cross-reference table.
#include <string>
#include <vector>

namespace sp::documents {

std::string pdf_from_objects(const std::vector<std::string>& objects);

}  // namespace sp::documents
