#include "source_text.h"

#include <string.h>

#include <algorithm>
#include <cassert>

namespace strikeline {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

// The folded form of a typographic character starting at text[i], and its length.
std::pair<char, std::size_t> typographic(std::string_view text, std::size_t i) {
  auto starts = [&](std::string_view s) { return text.substr(i, s.size()) == s; };
  for (std::string_view single : {"\u2018", "\u2019", "\u201A", "\u201B"}) {
    if (starts(single)) return {'\'', single.size()};
  }
  for (std::string_view dbl : {"\u201C", "\u201D", "\u201E", "\u201F"}) {
    if (starts(dbl)) return {'"', dbl.size()};
  }
  if (starts("\u00A0")) return {' ', 2};  // no-break space, as pasted from web pages
  return {0, 0};
}

// Cuts a display snippet at a character boundary.
std::string snippet(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end)) + "…";
}

}  // namespace

Paragraphs::Paragraphs(std::string_view text) {
  text_.reserve(text.size());
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (std::any_of(line.begin(), line.end(), [](char c) { return !is_space(c); })) add(line);
    start = end + 1;
  }
  text_.shrink_to_fit();
}

Paragraphs Paragraphs::as_given(std::initializer_list<std::string_view> paragraphs) {
  Paragraphs out;
  for (std::string_view p : paragraphs) out.add(p);
  return out;
}

void Paragraphs::add(std::string_view paragraph) {
  // Source texts are at most kMaxFileBytes (64 MiB), so offsets fit 32 bits.
  assert(text_.size() + paragraph.size() <= UINT32_MAX);
  text_ += paragraph;
  ends_.push_back(static_cast<std::uint32_t>(text_.size()));
}

std::string_view Paragraphs::operator[](std::size_t index) const {
  const std::uint32_t start = index == 0 ? 0 : ends_[index - 1];
  return std::string_view(text_).substr(start, ends_[index] - start);
}

Paragraphs split_paragraphs(std::string_view text) { return Paragraphs(text); }

std::string fold_for_quote(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size();) {
    char c = text[i];
    std::size_t length = 1;
    if (static_cast<unsigned char>(c) >= 0x80) {
      auto [folded, folded_length] = typographic(text, i);
      if (folded_length > 0) {
        c = folded;
        length = folded_length;
      }
    }
    if (is_space(c)) {
      pending_space = !out.empty();
    } else {
      if (pending_space) out += ' ';
      pending_space = false;
      if (length == 1 || c == '\'' || c == '"') {
        out += c;
      } else {
        out.append(text.substr(i, length));
      }
    }
    i += length;
  }
  return out;
}

QuoteIndex::QuoteIndex(const Paragraphs& paragraphs) {
  starts_.reserve(paragraphs.size());
  for (std::size_t i = 0; i < paragraphs.size(); ++i) {
    starts_.push_back(joined_.size());
    joined_ += fold_for_quote(paragraphs[i]);
    joined_ += '\n';
  }
}

std::string_view QuoteIndex::folded_paragraph(std::size_t i) const {
  const std::size_t end = i + 1 < starts_.size() ? starts_[i + 1] - 1 : joined_.size() - 1;
  return std::string_view(joined_).substr(starts_[i], end - starts_[i]);
}

std::size_t QuoteIndex::find(std::string_view quote) const {
  const std::string folded = fold_for_quote(quote);
  if (folded.empty()) return 0;
  // One search through the whole source; glibc's memmem is linear even on the
  // repetitive text a hostile file can hold.
  const void* hit = ::memmem(joined_.data(), joined_.size(), folded.data(), folded.size());
  if (!hit) return 0;
  const std::size_t offset = static_cast<std::size_t>(static_cast<const char*>(hit) - joined_.data());
  return static_cast<std::size_t>(std::upper_bound(starts_.begin(), starts_.end(), offset) - starts_.begin());
}

QuoteIndex::NearMiss QuoteIndex::near_miss(std::string_view quote) const {
  const std::string folded = fold_for_quote(quote);
  NearMiss best;
  for (std::size_t i = 0; i < starts_.size(); ++i) {
    const std::string_view paragraph = folded_paragraph(i);
    // Binary search on the length of the quote's opening that the paragraph holds.
    std::size_t low = 0, high = folded.size();
    while (low < high) {
      const std::size_t mid = (low + high + 1) / 2;
      if (paragraph.find(std::string_view(folded).substr(0, mid)) != std::string_view::npos) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    if (low > best.matched) {
      best.matched = low;
      best.paragraph = i + 1;
    }
  }
  // An opening of a few letters matches anywhere; it is no clue to what was meant.
  if (best.matched < std::min<std::size_t>(12, folded.size())) return NearMiss{};
  const std::string_view paragraph = folded_paragraph(best.paragraph - 1);
  const std::size_t at = paragraph.find(std::string_view(folded).substr(0, best.matched));
  // Back up to a character boundary so that snippets never split a character.
  std::size_t cut = best.matched;
  while (cut > 0 && cut < folded.size() && (static_cast<unsigned char>(folded[cut]) & 0xC0) == 0x80) --cut;
  best.matched = cut;
  best.quote_goes_on = snippet(std::string_view(folded).substr(cut), 40);
  best.source_goes_on = snippet(std::string_view(paragraph).substr(at + cut), 40);
  return best;
}

}  // namespace strikeline
