#pragma once
// Reading a certificate subject as stored (RFC 4514 text, as OpenSSL prints it) back into its
// attributes, so a person is shown as "name, title" and never as "CN=…\, ST\, MM,title=…".
#include <optional>
#include <string>

namespace sp::signing {

// The first value of attribute `type` (case-insensitive: "CN", "title") in an RFC 4514 name,
// unescaped; nullopt when absent or when the text is not a well-formed name.
std::optional<std::string> name_attribute(const std::string& rfc4514, const std::string& type);

}  // namespace sp::signing
