#pragma once
// An SOP as a BPMN 2.0 process, so process designers can open what satupintu executes in their
// own modelers: one pool for the office, one lane per role, a user task per step, an exclusive
// gateway after each decision with its branches named, a timer on each step that carries its
// time standard (the working-time unit kept in an extension element), an end event per final
// outcome, and diagram interchange (BPMNDI) coordinates, so it opens laid out.
#include <string>

#include "catalog/sop.hpp"
#include "core/result.hpp"

namespace sp::diagrams {

// The namespace of satupintu's extension elements (step numbers and codes, time standards), kept
// by modelers that preserve extensions; the import reads them back.
inline constexpr const char* kBpmnExtensionNamespace = "https://satupintu.id/schema/bpmn/1";

// The BPMN 2.0 XML of the SOP (UTF-8).
Result<std::string> export_bpmn(const Sop& sop, const std::string& office_name);

}  // namespace sp::diagrams
