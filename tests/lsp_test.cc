// The language server's pure parts: the message reader (json_rpc.h) and the
// conversion between byte columns and the protocol's units (lsp_server.h). The
// server itself is driven whole by lsp_session_test.py and by Neovim.
#include <doctest/doctest.h>

#include <unistd.h>

#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli.h"
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

// ---------------------------------------------------------------------------
// The server in-process, fed through a pipe: the lifecycle and the protocol's
// errors. Documents and diagnostics are lsp_session_test.py's.

namespace {

std::string framed(std::string_view json) { return strikeline::rpc::write_frame(json); }

struct Served {
  int code = -1;
  std::vector<nlohmann::json> messages;
};

Served serve(const std::string& input) {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  REQUIRE(input.size() < 60000);  // the pipe holds it all before the server reads
  REQUIRE(::write(fds[1], input.data(), input.size()) == static_cast<ssize_t>(input.size()));
  ::close(fds[1]);
  std::ostringstream out, log;
  Served served;
  served.code = strikeline::serve_lsp(fds[0], out, log);
  // (fds[0] stays open: the server's reading thread may still be reading to the end.)
  const std::string bytes = out.str();
  for (std::string_view rest = bytes; !rest.empty();) {
    const Frame frame = read_frame(rest);
    REQUIRE(frame.status == Frame::Status::message);
    served.messages.push_back(nlohmann::json::parse(frame.body));
    rest.remove_prefix(frame.consumed);
  }
  return served;
}

const nlohmann::json* answer(const Served& served, const nlohmann::json& id) {
  for (const auto& m : served.messages)
    if (m.contains("id") && m["id"] == id && !m.contains("method")) return &m;
  return nullptr;
}

}  // namespace

TEST_CASE("the server initializes, shuts down and exits with 0, advertising UTF-16 unless offered UTF-8") {
  for (const bool offer_utf8 : {false, true}) {
    CAPTURE(offer_utf8);
    const std::string capabilities =
        offer_utf8 ? R"({"general":{"positionEncodings":["utf-16","utf-8"]}})" : R"({})";
    const Served served = serve(framed(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":)" +
                                       capabilities + "}}") +
                                framed(R"({"jsonrpc":"2.0","method":"initialized","params":{}})") +
                                framed(R"({"jsonrpc":"2.0","id":2,"method":"shutdown"})") +
                                framed(R"({"jsonrpc":"2.0","method":"exit"})"));
    CHECK(served.code == 0);
    const auto* init = answer(served, 1);
    REQUIRE(init);
    CHECK((*init)["result"]["capabilities"]["positionEncoding"] == (offer_utf8 ? "utf-8" : "utf-16"));
    CHECK((*init)["result"]["capabilities"]["textDocumentSync"]["change"] == 2);
    CHECK((*init)["result"]["serverInfo"]["name"] == "strikeline");
    const auto* shutdown = answer(served, 2);
    REQUIRE(shutdown);
    CHECK((*shutdown)["result"].is_null());
  }
}

TEST_CASE("the server answers protocol errors with their codes and exits with 1 without shutdown") {
  const Served served = serve(framed(R"({"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{}})") +
                              framed(R"({"jsonrpc":"2.0","id":2,"method":"initialize","params":{}})") +
                              framed("{not json") + framed(R"({"jsonrpc":"2.0","id":3,"method":"no/such"})") +
                              framed(R"({"jsonrpc":"2.0","method":"no/such"})") +
                              framed(R"({"jsonrpc":"2.0","id":4})") + framed(R"({"id":5,"method":"shutdown"})") +
                              framed(R"({"jsonrpc":"2.0","id":6,"method":"textDocument/hover","params":{}})") +
                              "Content-Type: nothing\r\n\r\n");
  CHECK(served.code == 1);  // the input ended without `exit`
  struct Row {
    int id;
    int code;
  };
  for (const Row& row : {Row{1, -32002}, Row{3, -32601}, Row{4, -32600}, Row{5, -32600}, Row{6, -32602}}) {
    CAPTURE(row.id);
    const auto* a = answer(served, row.id);
    REQUIRE(a);
    CHECK((*a)["error"]["code"] == row.code);
  }
  int parse_errors = 0;
  for (const auto& m : served.messages)
    if (m.contains("error") && m["id"].is_null() && m["error"]["code"] == -32700) ++parse_errors;
  CHECK(parse_errors == 2);  // the bad JSON, and the header without Content-Length
}

TEST_CASE("strikeline lsp has its help, is listed in strikeline --help and takes no arguments") {
  std::ostringstream out, err;
  CHECK(strikeline::run({"lsp", "--help"}, out, err) == strikeline::kExitOk);
  CHECK(out.str().find("usage: strikeline lsp") == 0);
  std::ostringstream main_out;
  CHECK(strikeline::run({"--help"}, main_out, err) == strikeline::kExitOk);
  CHECK(main_out.str().find("\n  lsp ") != std::string::npos);
  std::ostringstream out2, err2;
  CHECK(strikeline::run({"lsp", "events"}, out2, err2) == strikeline::kExitUsage);
  CHECK(err2.str().find("lsp takes no arguments") != std::string::npos);
}
