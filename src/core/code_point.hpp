#pragma once
// One UTF-8 code point at a time, for code that walks text by character (validation, font
// metrics).
#include <cstddef>
#include <string_view>

namespace sp {

// Decodes the code point at s[i] and advances i past it. Returns -1, leaving i where it was,
// for an invalid sequence: truncated, overlong, a surrogate, or beyond U+10FFFF (RFC 3629).
long next_code_point(std::string_view s, std::size_t& i);

}  // namespace sp
