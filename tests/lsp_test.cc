// The language server's pure parts: the message reader (json_rpc.h) and the
// conversion between byte columns and the protocol's units (lsp_server.h). The
// server itself is driven whole by lsp_session_test.py and by Neovim.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "json_rpc.h"
#include "lsp_server.h"

using strikeline::rpc::Frame;
using strikeline::rpc::read_frame;

TEST_CASE("the message reader takes one framed message and says how many bytes it used") {
  const std::string bytes = "Content-Length: 2\r\n\r\n{}rest";
  const Frame frame = read_frame(bytes);
  CHECK(frame.status == Frame::Status::message);
  CHECK(frame.body == "{}");
  CHECK(frame.consumed == bytes.size() - 4);
}

TEST_CASE("the message reader reads headers as the protocol allows and waits for the rest") {
  struct Row {
    std::string_view bytes;
    Frame::Status status;
    std::string_view body;
  };
  const Row rows[] = {
      {"", Frame::Status::need_more, ""},
      {"Content-Len", Frame::Status::need_more, ""},
      {"Content-Length: 5\r\n\r\n{}", Frame::Status::need_more, ""},
      {"content-length:2\r\n\r\n[]", Frame::Status::message, "[]"},  // names are case-insensitive
      {"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: 1\r\n\r\n1",
       Frame::Status::message, "1"},
      {"Content-Length: 2\n\n{}", Frame::Status::message, "{}"},  // bare line feeds
      {"Content-Length: 0\r\n\r\n", Frame::Status::message, ""},
      {"Content-Type: x\r\n\r\n{}", Frame::Status::bad_header, ""},
      {"Content-Length: -1\r\n\r\n", Frame::Status::bad_header, ""},
      {"Content-Length: 12x\r\n\r\n", Frame::Status::bad_header, ""},
      {"Content-Length: 99999999999999999999999\r\n\r\n", Frame::Status::too_large, ""},
      {"Content-Length: 4294967296000\r\n\r\n", Frame::Status::too_large, ""},
  };
  for (const Row& row : rows) {
    CAPTURE(row.bytes);
    const Frame frame = read_frame(row.bytes);
    CHECK(frame.status == row.status);
    CHECK(frame.body == row.body);
    if (frame.status != Frame::Status::need_more) CHECK(frame.consumed > 0);
  }
}

TEST_CASE("a header that never ends is given up after kMaxHeaderBytes, not kept forever") {
  const std::string endless(strikeline::rpc::kMaxHeaderBytes + 10, 'x');
  const Frame frame = read_frame(endless);
  CHECK(frame.status == Frame::Status::bad_header);
  CHECK(frame.consumed == strikeline::rpc::kMaxHeaderBytes);
}

TEST_CASE("a framed message reads back as itself") {
  const std::string framed = strikeline::rpc::write_frame(R"({"jsonrpc":"2.0"})");
  CHECK(framed == "Content-Length: 17\r\n\r\n{\"jsonrpc\":\"2.0\"}");
  CHECK(read_frame(framed).body == R"({"jsonrpc":"2.0"})");
}

TEST_CASE("byte columns become UTF-16 units, a character beyond the BMP counting two") {
  using strikeline::lsp::bytes_for_units;
  using strikeline::lsp::units_in;
  struct Row {
    std::string_view text;
    std::uint32_t utf16;
  };
  const Row rows[] = {
      {"", 0}, {"abc", 3}, {"é", 1}, {"–", 1}, {"😀", 2}, {"a😀b", 4}, {"\xff", 1}, {"\xe2\x80", 1}, {"\xf0\x9f", 1},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    CHECK(units_in(row.text, true) == row.utf16);
    CHECK(units_in(row.text, false) == row.text.size());
    CHECK(bytes_for_units(row.text, row.utf16, true) == row.text.size());
  }
  CHECK(bytes_for_units("a😀b", 1, true) == 1);
  CHECK(bytes_for_units("a😀b", 2, true) == 1);  // inside the surrogate pair: before the character
  CHECK(bytes_for_units("a😀b", 3, true) == 5);
  CHECK(bytes_for_units("a😀b", 99, true) == 6);
  CHECK(bytes_for_units("a😀b", 3, false) == 3);
  CHECK(bytes_for_units("ab", 7, false) == 2);
}
