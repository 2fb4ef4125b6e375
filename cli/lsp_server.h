// `strikeline lsp`: the Language Server Protocol over standard input and output.
//
// A thin layer, as clangd's ClangdLSPServer is over ClangdServer: it frames and
// parses messages (json_rpc.h), keeps the editor's documents, hands their text to a
// Workspace per dataset folder (workspace.h), asks editor.h for the language
// features, and turns the engine's places (1-based lines, byte columns) into the
// protocol's (0-based lines, UTF-16 or UTF-8 units). It never writes a file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>

namespace strikeline {

// Serves one client: messages read from `in_fd` on a thread of their own, answers
// and diagnostics written to `out`, and a line to `log` only for what a person
// debugging the server needs (never the data). Returns the process's exit code as
// the protocol has it: 0 after `shutdown` then `exit`, 1 when `exit` comes without
// `shutdown` or the input ends without `exit`.
int serve_lsp(int in_fd, std::ostream& out, std::ostream& log);

namespace lsp {

// How many units of the position encoding the bytes `text` hold: bytes for UTF-8,
// UTF-16 code units otherwise (a character of 4 UTF-8 bytes is 2). An invalid byte
// counts as one character.
std::uint32_t units_in(std::string_view text, bool utf16);

// The number of bytes at the start of `line` that hold `units` units; past the
// end of the line, the whole line; inside a character (half a surrogate pair),
// the bytes before it.
std::size_t bytes_for_units(std::string_view line, std::uint32_t units, bool utf16);

}  // namespace lsp

}  // namespace strikeline
