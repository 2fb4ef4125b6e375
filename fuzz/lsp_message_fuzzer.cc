// libFuzzer target: arbitrary bytes as what an editor sends `strikeline lsp`, read
// frame by frame as the server's reading thread does (json_rpc.h), each body parsed
// as JSON. The reader must never read outside the input, loop without consuming,
// or take a frame larger than it says. Run with `make fuzz` (seeds: a few framed
// messages written by the Makefile).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "json_rpc.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  while (!bytes.empty()) {
    const strikeline::rpc::Frame frame = strikeline::rpc::read_frame(bytes);
    if (frame.status == strikeline::rpc::Frame::Status::need_more) break;
    // Every other answer consumes something, or the server would spin.
    if (frame.consumed == 0) std::abort();
    if (frame.status == strikeline::rpc::Frame::Status::message) {
      if (frame.consumed > bytes.size() || frame.body.data() < bytes.data() ||
          frame.body.data() + frame.body.size() > bytes.data() + bytes.size())
        std::abort();
      const auto value = nlohmann::json::parse(frame.body, nullptr, /*allow_exceptions=*/false);
      // What the server writes back must serialize whatever the client sent.
      if (!value.is_discarded()) (void)value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
    if (frame.consumed >= bytes.size()) break;
    bytes.remove_prefix(frame.consumed);
  }
  return 0;
}
