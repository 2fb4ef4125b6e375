// How the program asks the C library to hand out memory, set once at its start by
// whatever runs the engine for long or over large datasets (the CLI, the language
// server, the benchmarks), so that they all hold memory alike.
#pragma once

namespace strikeline {

// glibc raises its threshold for mapping large blocks each time one is freed, so
// after the first file's text is let go, later large blocks (the other files' texts,
// the event arenas, an edited file's events) are carved from the heaps of the reading
// threads, and the holes they leave are never given back. A fixed threshold keeps
// every large block a mapping of its own, returned when freed: at 100,000 events the
// peak resident set of `check` fell from ~145 MB to ~121 MB (`make bench`), and the
// language server's engine, which frees an edited file's records again and again,
// holds 98 MB rather than 118 MB. Does nothing where the C library is not glibc.
void keep_large_blocks_mapped();

}  // namespace strikeline
