#pragma once
// A process drawn in a BPMN 2.0 modeler, read back as an SOP definition (YAML, the form
// `sop validate` checks and the server loads): a lane per role, a user task per step in the
// order of the flow, an exclusive gateway after a task for its decision, its outgoing flows as
// the outcomes, a timer on a task as its time standard, end events as the final outcomes. What
// satupintu's own export adds in its extension elements (step numbers and codes, outputs,
// inputs, notes, verdicts, documents) comes back as it was. An element the SOP model has no
// place for is an error naming its id.
#include <functional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace sp::diagrams {

struct BpmnImportOptions {
  std::string office;  // the office the definition is for
  // The office's current definition (its YAML) of the SOP with the code the diagram carries, or
  // "" when there is none: the identity block and the permit (requirements, form, legal basis),
  // which a diagram does not carry, are kept from it. Without it they are written as a skeleton
  // for the office to complete. May be empty.
  std::function<std::string(const std::string& sop_code)> base_for;
};

Result<std::string> import_bpmn(std::string_view xml, const BpmnImportOptions& options);

}  // namespace sp::diagrams
