#pragma once
// Data that fills a form with each field's declared example: the demo data's applications, the
// documentation, and tests that need a valid submission of any permit.
#include <nlohmann/json_fwd.hpp>

#include "forms/form.hpp"

namespace sp::forms {

// Every field that has an example and is shown given the examples before it; a group gets one
// item built from its fields' examples.
nlohmann::json example_data(const PermitForm& form);
// One field's example as a client would send it (a number, true/false, text); null when the
// field has none or a number's example is not one.
nlohmann::json example_value(const FormField& field);

}  // namespace sp::forms
