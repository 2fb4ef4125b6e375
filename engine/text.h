// UTF-8 text as a terminal shows it: what is safe to print and how wide it is.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace strikeline {

// True when `text` is well-formed UTF-8; otherwise `*bad_offset` is the first bad byte.
bool is_valid_utf8(std::string_view text, std::size_t* bad_offset = nullptr);

// The text with nothing a terminal would act on: a tab becomes a space, other control
// characters their visible symbol (␀, ␛, …), bidirectional controls their code point
// (`<U+202E>`), malformed UTF-8 the replacement character.
std::string printable(std::string_view text);

// Characters (code points) in well-formed UTF-8, which is what printable() returns.
std::size_t display_width(std::string_view text);

// A value as a message quotes it: whole if short, else its first 60 bytes (whole
// characters only) and "…".
std::string shortened(std::string_view text);
std::string first_columns(std::string_view text, std::size_t columns);
std::string last_columns(std::string_view text, std::size_t columns);

// Items as a message lists them, each in backticks: "`a`, `b` and `c`" (or "or").
std::string listed_in_code(const std::vector<std::string>& items, std::string_view last = " and ");

// `word` as a POSIX shell reads it back: bare when it is only safe characters, else
// in single quotes. For commands shown to be copied.
std::string shell_quoted(std::string_view word);

}  // namespace strikeline
