#pragma once
// What counts as text from outside: valid UTF-8 without control characters. A NUL cut the value
// printed on a permit, and invalid UTF-8 stored once made every later JSON answer about that
// application fail, so text is checked where it enters (query, path, JSON bodies).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sp {

// Single: no control characters at all. MultiLine: tab, line feed and carriage return allowed
// (notes, addresses typed in a text area).
enum class TextKind { Single, MultiLine };

bool valid_utf8(std::string_view s);

// Nullopt when `s` is acceptable text; otherwise why not, in words ("must be valid UTF-8 text").
// Control characters are C0 (U+0000-U+001F), DEL and C1 (U+0080-U+009F).
std::optional<std::string> text_problem(std::string_view s, TextKind kind);

// ASCII letters changed case, every other byte kept (codes, e-mail addresses).
std::string ascii_upper(std::string s);
std::string ascii_lower(std::string s);

// Without the spaces, tabs and line breaks at either end.
std::string_view trim(std::string_view s);

// The parts with `separator` between them: join({"a", "b"}, ", ") is "a, b".
std::string join(const std::vector<std::string>& parts, std::string_view separator);

}  // namespace sp
