#include "json_rpc.h"

#include <charconv>
#include <cstdint>
#include <optional>

namespace strikeline::rpc {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace

Frame read_frame(std::string_view bytes) {
  Frame frame;
  // Headers end at an empty line. The protocol says \r\n; a bare \n is accepted too,
  // since some clients and hand-written tests send it.
  std::size_t end = std::string_view::npos, body_start = 0;
  for (std::size_t i = 0; i < bytes.size() && i < kMaxHeaderBytes; ++i) {
    if (bytes[i] != '\n') continue;
    if (bytes.substr(i + 1, 2) == "\r\n") {
      end = i + 1, body_start = i + 3;
      break;
    }
    if (i + 1 < bytes.size() && bytes[i + 1] == '\n') {
      end = i + 1, body_start = i + 2;
      break;
    }
  }
  if (end == std::string_view::npos) {
    if (bytes.size() < kMaxHeaderBytes) return frame;  // need_more
    frame.status = Frame::Status::bad_header;
    frame.consumed = kMaxHeaderBytes;
    frame.error = "a header of more than " + std::to_string(kMaxHeaderBytes) + " bytes";
    return frame;
  }
  std::optional<std::size_t> length;
  for (std::string_view headers = bytes.substr(0, end); !headers.empty();) {
    const std::size_t nl = headers.find('\n');
    std::string_view line = headers.substr(0, nl);
    headers = nl == std::string_view::npos ? std::string_view() : headers.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || !same_name(trim(line.substr(0, colon)), "Content-Length")) continue;
    const std::string_view value = trim(line.substr(colon + 1));
    std::size_t n = 0;
    const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec == std::errc::result_out_of_range) n = SIZE_MAX;
    else if (ec != std::errc() || ptr != value.data() + value.size() || value.empty()) {
      length.reset();
      break;
    }
    length = n;
  }
  if (!length) {
    frame.status = Frame::Status::bad_header;
    frame.consumed = body_start;
    frame.error = "a message without a valid Content-Length header";
    return frame;
  }
  if (*length > kMaxMessageBytes) {
    frame.status = Frame::Status::too_large;
    frame.consumed = *length > SIZE_MAX - body_start ? SIZE_MAX : body_start + *length;
    frame.error = "a message of " + std::to_string(*length) + " bytes, more than the " +
                  std::to_string(kMaxMessageBytes >> 20) + " MiB the server reads";
    return frame;
  }
  if (bytes.size() - body_start < *length) return frame;  // need_more
  frame.status = Frame::Status::message;
  frame.body = bytes.substr(body_start, *length);
  frame.consumed = body_start + *length;
  return frame;
}

std::string write_frame(std::string_view json) {
  std::string framed = "Content-Length: " + std::to_string(json.size()) + "\r\n\r\n";
  framed += json;
  return framed;
}

}  // namespace strikeline::rpc
