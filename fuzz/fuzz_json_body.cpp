// JSON request decoding as the handlers do it: an object with known fields, then typed fields
// (an action body: action, note, version, reasons, report lists).
#include <cstddef>
#include <cstdint>
#include <string>

#include "http/json_body.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string body(reinterpret_cast<const char*>(data), size);
  auto j = sp::http::parse_object(body, {"action", "note", "version", "approve", "roles", "members", "date"}, {});
  if (!j) return 0;
  (void)sp::http::string_field(*j, "action", false, 100);
  (void)sp::http::string_field(*j, "note", false, 2000);
  (void)sp::http::int_field(*j, "version", false);
  (void)sp::http::bool_field(*j, "approve", false);
  (void)sp::http::string_list_field(*j, "roles", false, 50, 100);
  (void)sp::http::string_list_field(*j, "members", false, 30, 200);
  (void)sp::http::string_field(*j, "date", false, 10);
  return 0;
}
