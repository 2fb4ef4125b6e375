// JSON-RPC 2.0 messages as the Language Server Protocol frames them: a header
// `Content-Length: N` (other headers ignored), an empty line, then N bytes of JSON.
// The reader is a pure function over bytes, so that it can be fuzzed and tested
// without pipes; the server feeds it what it has read so far.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace strikeline::rpc {

// The most a message may hold. A document above the loader's 64 MiB limit must still
// arrive (the engine reports it as too large), JSON escapes can double its size, and
// anything above this is dropped unread rather than kept in memory.
inline constexpr std::size_t kMaxMessageBytes = std::size_t{512} << 20;
// The most a header block may hold before it is given up as garbage.
inline constexpr std::size_t kMaxHeaderBytes = 8192;

struct Frame {
  enum class Status {
    message,    // `body` is one message's JSON text
    need_more,  // the bytes end inside a message: read more and call again
    bad_header, // the header has no usable Content-Length: skip `consumed` bytes
    too_large,  // Content-Length above kMaxMessageBytes: skip `consumed` bytes (may exceed the input)
  };
  Status status = Status::need_more;
  std::string_view body;     // points into the input (status message only)
  std::size_t consumed = 0;  // bytes of the input this frame takes, header included
  std::string error;         // why, for bad_header and too_large
};

// The first frame at the start of `bytes`.
Frame read_frame(std::string_view bytes);

// `json` framed with its Content-Length header.
std::string write_frame(std::string_view json);

// JSON-RPC error codes the server answers with.
enum ErrorCode : int {
  kParseError = -32700,            // the body is not JSON
  kInvalidRequest = -32600,        // JSON, but not a request or notification
  kMethodNotFound = -32601,        // a request the server does not know
  kInvalidParams = -32602,         // a known request with parameters it cannot use
  kInternalError = -32603,         // the server failed; a defect
  kServerNotInitialized = -32002,  // a request before `initialize`
  kRequestCancelled = -32800,      // the client cancelled it ($/cancelRequest)
};

}  // namespace strikeline::rpc
