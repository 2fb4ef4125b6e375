#include "source_text.h"

#include <string.h>
#include <utf8proc.h>

#include <algorithm>
#include <cassert>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace strikeline {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

// The length of a Unicode space separator (Zs other than U+0020: no-break, en to hair,
// narrow no-break, medium mathematical, ideographic, Ogham) at text[i], or 0.
std::size_t unicode_space_at(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0u; };
  if (byte(0) == 0xC2 && byte(1) == 0xA0) return 2;                                   // U+00A0
  if (byte(0) == 0xE1 && byte(1) == 0x9A && byte(2) == 0x80) return 3;                // U+1680
  if (byte(0) == 0xE2 && byte(1) == 0x80 && byte(2) >= 0x80 && byte(2) <= 0x8A) return 3;  // U+2000–U+200A
  if (byte(0) == 0xE2 && byte(1) == 0x80 && byte(2) == 0xAF) return 3;                // U+202F
  if (byte(0) == 0xE2 && byte(1) == 0x81 && byte(2) == 0x9F) return 3;                // U+205F
  if (byte(0) == 0xE3 && byte(1) == 0x80 && byte(2) == 0x80) return 3;                // U+3000
  return 0;
}

// The folded form of a typographic character starting at text[i], and its length.
std::pair<char, std::size_t> typographic(std::string_view text, std::size_t i) {
  auto starts = [&](std::string_view s) { return text.substr(i, s.size()) == s; };
  for (std::string_view single : {"\u2018", "\u2019", "\u201A", "\u201B"}) {
    if (starts(single)) return {'\'', single.size()};
  }
  for (std::string_view dbl : {"\u201C", "\u201D", "\u201E", "\u201F"}) {
    if (starts(dbl)) return {'"', dbl.size()};
  }
  // No-break, thin, narrow, ideographic and other spaces, as pasted from web pages.
  if (const std::size_t length = unicode_space_at(text, i)) return {' ', length};
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
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a byte order mark is not text
  auto block = std::make_shared<Block>();
  block->text.reserve(text.size() + 1);  // its lines, each ending in a newline
  std::size_t start = 0;
  while (start <= text.size()) {
    // A line ends at LF, CRLF or a lone CR (old Mac files). A plain loop: find_first_of
    // searches its set of two once per byte.
    std::size_t end = start;
    while (end < text.size() && text[end] != '\n' && text[end] != '\r') ++end;
    std::string_view line = text.substr(start, end - start);
    if (std::any_of(line.begin(), line.end(), [](char c) { return !is_space(c); })) block->add(line);
    start = end + (text.substr(end, 2) == "\r\n" ? 2 : 1);
  }
  block->text.shrink_to_fit();
  block_ = std::move(block);
}

Paragraphs Paragraphs::as_given(std::initializer_list<std::string_view> paragraphs) {
  auto block = std::make_shared<Block>();
  for (std::string_view p : paragraphs) block->add(p);
  Paragraphs out;
  out.block_ = std::move(block);
  return out;
}

void Paragraphs::Block::add(std::string_view paragraph) {
  // Source texts are at most kMaxFileBytes (64 MiB), so offsets fit 32 bits.
  assert(text.size() + paragraph.size() < UINT32_MAX);
  text += paragraph;
  ends.push_back(static_cast<std::uint32_t>(text.size()));
  text += '\n';
  // What fold_for_quote changes: anything not ASCII, whitespace other than single
  // spaces between words.
  folded = folded && !paragraph.empty() && paragraph.front() != ' ' && paragraph.back() != ' ' &&
           std::none_of(paragraph.begin(), paragraph.end(), [](char c) {
             return static_cast<unsigned char>(c) >= 0x80 || (c != ' ' && is_space(c));
           }) &&
           paragraph.find("  ") == std::string_view::npos;
}

std::string_view Paragraphs::operator[](std::size_t index) const {
  const std::vector<std::uint32_t>& ends = block_->ends;
  const std::uint32_t start = index == 0 ? 0 : ends[index - 1] + 1;
  return std::string_view(block_->text).substr(start, ends[index] - start);
}

std::string_view Paragraphs::folded_as_is() const {
  return block_ && block_->folded ? std::string_view(block_->text) : std::string_view();
}

Paragraphs split_paragraphs(std::string_view text) { return Paragraphs(text); }

namespace {

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// The text in Unicode normal form C, so that a letter with a combining accent (NFD)
// and the same letter precomposed compare equal. Only for text that is not ASCII
// (ASCII is NFC as it is, and fold_for_quote_into skips this copy for it).
std::string nfc(std::string_view text) {
  utf8proc_uint8_t* mapped = nullptr;
  const utf8proc_ssize_t length =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()), static_cast<utf8proc_ssize_t>(text.size()),
                   &mapped, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  if (length < 0) return std::string(text);  // not UTF-8 after all: compared as it is
  std::string out(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(length));
  std::free(mapped);
  return out;
}

// Appends `text`, already in normal form C, folded; what was in `out` before is
// left as it is and is not looked at.
void append_folded(std::string_view text, std::string& out) {
  const std::size_t start = out.size();
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
      pending_space = out.size() > start;
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
}

// The same for ASCII text, where only whitespace folds: each run of other
// characters is copied whole, a space between two of them.
void append_folded_ascii(std::string_view text, std::string& out) {
  const std::size_t start = out.size();
  for (std::size_t i = 0; i < text.size();) {
    while (i < text.size() && is_space(text[i])) ++i;
    std::size_t end = i;
    while (end < text.size() && !is_space(text[end])) ++end;
    if (end == i) break;
    if (out.size() > start) out += ' ';
    out.append(text.substr(i, end - i));
    i = end;
  }
}

}  // namespace

void fold_for_quote_into(std::string_view raw, std::string& out) {
  // Nearly every quote and source is ASCII: folded straight from the text, with no
  // normalised copy made first.
  if (is_ascii(raw)) {
    append_folded_ascii(raw, out);
  } else {
    append_folded(nfc(raw), out);
  }
}

std::string fold_for_quote(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  fold_for_quote_into(raw, out);
  return out;
}

QuoteIndex::QuoteIndex(const Paragraphs& paragraphs) {
  starts_.reserve(paragraphs.size());
  if (const std::string_view as_is = paragraphs.folded_as_is(); !as_is.empty()) {
    paragraphs_ = paragraphs;
    joined_ = as_is;
    for (std::size_t i = 0; i < paragraphs.size(); ++i) {
      starts_.push_back(static_cast<std::size_t>(paragraphs[i].data() - as_is.data()));
    }
    return;
  }
  std::size_t bytes = 0;
  for (std::size_t i = 0; i < paragraphs.size(); ++i) bytes += paragraphs[i].size() + 1;
  folded_.reserve(bytes);  // folding never makes ASCII text longer
  for (std::size_t i = 0; i < paragraphs.size(); ++i) {
    starts_.push_back(folded_.size());
    fold_for_quote_into(paragraphs[i], folded_);
    folded_ += '\n';
  }
  joined_ = folded_;
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

namespace {

// For every place i in `text`, in order, visit(i, k) with k the length of the longest
// common prefix of text[i..] and `pattern`: the Z-function of the pattern, then each
// length found from the rightmost match so far (Gusfield's extension of Z to a
// text). Time is linear in the pattern and the text however repetitive, memory
// linear in the pattern. `visit` returns false to stop.
template <typename Char, typename Visit>
void match_lengths(std::basic_string_view<Char> pattern, std::basic_string_view<Char> text, Visit visit) {
  const std::size_t q = pattern.size();
  if (q == 0) return;
  std::vector<std::uint32_t> z(q, 0);
  z[0] = static_cast<std::uint32_t>(q);
  for (std::size_t i = 1, l = 0, r = 0; i < q; ++i) {
    std::size_t k = i < r ? std::min<std::size_t>(z[i - l], r - i) : 0;
    while (i + k < q && pattern[k] == pattern[i + k]) ++k;
    z[i] = static_cast<std::uint32_t>(k);
    if (i + k > r) l = i, r = i + k;
  }
  for (std::size_t i = 0, l = 0, r = 0; i < text.size(); ++i) {
    std::size_t k = i < r ? std::min<std::size_t>(z[i - l], r - i) : 0;
    while (k < q && i + k < text.size() && text[i + k] == pattern[k]) ++k;
    if (i + k > r) l = i, r = i + k;
    if (!visit(i, k)) return;
  }
}

}  // namespace

QuoteIndex::NearMiss QuoteIndex::near_miss(std::string_view quote) const {
  const std::string folded = fold_for_quote(quote);
  NearMiss best;
  if (folded.empty()) return best;
  // The longest opening of the quote that the source holds, and its first place, in
  // one linear pass; a match never crosses the newline between paragraphs, which a
  // folded quote never holds.
  std::size_t first = 0;
  match_lengths<char>(folded, joined_, [&](std::size_t i, std::size_t k) {
    if (k > best.matched) best.matched = k, first = i;
    return k < folded.size();
  });
  if (best.matched > 0) {
    best.paragraph =
        static_cast<std::size_t>(std::upper_bound(starts_.begin(), starts_.end(), first) - starts_.begin());
  }
  // An opening of a few letters matches anywhere; it is no clue to what was meant.
  if (best.matched < std::min<std::size_t>(12, folded.size())) return NearMiss{};
  const std::string_view paragraph = folded_paragraph(best.paragraph - 1);
  const std::size_t at = first - starts_[best.paragraph - 1];
  // Back up to a character boundary so that snippets never split a character.
  std::size_t cut = best.matched;
  while (cut > 0 && cut < folded.size() && (static_cast<unsigned char>(folded[cut]) & 0xC0) == 0x80) --cut;
  best.matched = cut;
  best.quote_goes_on = snippet(std::string_view(folded).substr(cut), 40);
  best.source_goes_on = snippet(std::string_view(paragraph).substr(at + cut), 40);
  return best;
}

// ---- Why a quote is not found ------------------------------------------------------

namespace {

constexpr LookAlike kLookAlikes[] = {
    // Dashes and hyphens, which pass for a hyphen-minus.
    {0x2010, "HYPHEN", U'-'},
    {0x2011, "NON-BREAKING HYPHEN", U'-'},
    {0x2012, "FIGURE DASH", U'-'},
    {0x2013, "EN DASH", U'-'},
    {0x2014, "EM DASH", U'-'},
    {0x2015, "HORIZONTAL BAR", U'-'},
    {0x2212, "MINUS SIGN", U'-'},
    {0xFE63, "SMALL HYPHEN-MINUS", U'-'},
    {0xFF0D, "FULLWIDTH HYPHEN-MINUS", U'-'},
    // Marks that pass for an apostrophe or a quotation mark (the curly ones are
    // accepted as they are, and so are not here).
    {0x2032, "PRIME", U'\''},
    {0x02B9, "MODIFIER LETTER PRIME", U'\''},
    {0x02BC, "MODIFIER LETTER APOSTROPHE", U'\''},
    {0x00B4, "ACUTE ACCENT", U'\''},
    {0x0060, "GRAVE ACCENT", U'\''},
    {0x2033, "DOUBLE PRIME", U'"'},
    {0x02BA, "MODIFIER LETTER DOUBLE PRIME", U'"'},
    // Spaces that are not ordinary ones: all are spacing when quotes are folded, so
    // they are here only for their names.
    {0x00A0, "NO-BREAK SPACE", U' '},
    {0x2007, "FIGURE SPACE", U' '},
    {0x2009, "THIN SPACE", U' '},
    {0x200A, "HAIR SPACE", U' '},
    {0x202F, "NARROW NO-BREAK SPACE", U' '},
    // Cyrillic letters that pass for Latin ones.
    {0x0430, "CYRILLIC SMALL LETTER A", U'a'},
    {0x0435, "CYRILLIC SMALL LETTER IE", U'e'},
    {0x043E, "CYRILLIC SMALL LETTER O", U'o'},
    {0x0440, "CYRILLIC SMALL LETTER ER", U'p'},
    {0x0441, "CYRILLIC SMALL LETTER ES", U'c'},
    {0x0443, "CYRILLIC SMALL LETTER U", U'y'},
    {0x0445, "CYRILLIC SMALL LETTER HA", U'x'},
    {0x0455, "CYRILLIC SMALL LETTER DZE", U's'},
    {0x0456, "CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I", U'i'},
    {0x0458, "CYRILLIC SMALL LETTER JE", U'j'},
    {0x0410, "CYRILLIC CAPITAL LETTER A", U'A'},
    {0x0412, "CYRILLIC CAPITAL LETTER VE", U'B'},
    {0x0415, "CYRILLIC CAPITAL LETTER IE", U'E'},
    {0x041A, "CYRILLIC CAPITAL LETTER KA", U'K'},
    {0x041C, "CYRILLIC CAPITAL LETTER EM", U'M'},
    {0x041D, "CYRILLIC CAPITAL LETTER EN", U'H'},
    {0x041E, "CYRILLIC CAPITAL LETTER O", U'O'},
    {0x0420, "CYRILLIC CAPITAL LETTER ER", U'P'},
    {0x0421, "CYRILLIC CAPITAL LETTER ES", U'C'},
    {0x0422, "CYRILLIC CAPITAL LETTER TE", U'T'},
    {0x0425, "CYRILLIC CAPITAL LETTER HA", U'X'},
    {0x0406, "CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I", U'I'},
    // Greek letters that pass for Latin ones.
    {0x03BF, "GREEK SMALL LETTER OMICRON", U'o'},
    {0x0391, "GREEK CAPITAL LETTER ALPHA", U'A'},
    {0x0392, "GREEK CAPITAL LETTER BETA", U'B'},
    {0x0395, "GREEK CAPITAL LETTER EPSILON", U'E'},
    {0x0397, "GREEK CAPITAL LETTER ETA", U'H'},
    {0x0399, "GREEK CAPITAL LETTER IOTA", U'I'},
    {0x039A, "GREEK CAPITAL LETTER KAPPA", U'K'},
    {0x039C, "GREEK CAPITAL LETTER MU", U'M'},
    {0x039D, "GREEK CAPITAL LETTER NU", U'N'},
    {0x039F, "GREEK CAPITAL LETTER OMICRON", U'O'},
    {0x03A1, "GREEK CAPITAL LETTER RHO", U'P'},
    {0x03A4, "GREEK CAPITAL LETTER TAU", U'T'},
    {0x03A7, "GREEK CAPITAL LETTER CHI", U'X'},
};

// The next code point of well-formed UTF-8 at text[i], moving i past it.
char32_t next_code_point(std::string_view text, std::size_t& i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  char32_t code = length == 1 ? lead : length == 2 ? lead & 0x1F : length == 3 ? lead & 0x0F : lead & 0x07;
  for (std::size_t k = 1; k < length && i + k < text.size(); ++k) {
    code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  }
  i += length;
  return code;
}


// Whitespace as quotes are folded: any run of it is one space.
bool folds_to_space(char32_t c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v' || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000;
}

// A character as quotes are compared: curly quotation marks as straight ones.
char32_t accepted(char32_t c) {
  if (c == 0x2018 || c == 0x2019 || c == 0x201A || c == 0x201B) return U'\'';
  if (c == 0x201C || c == 0x201D || c == 0x201E || c == 0x201F) return U'"';
  return c;
}

// The character a look-alike passes for, or itself.
char32_t skeleton(char32_t c) {
  c = accepted(c);
  if (c < 0x80 && c != 0x60) return c;
  for (const LookAlike& l : kLookAlikes) {
    if (l.code == c) return l.looks_like;
  }
  return c;
}

// Text folded as for quotes, by code point: `raw` keeps each character as written
// (a run of whitespace as one space), `skeleton` the character it passes for.
struct LookAlikeFold {
  std::u32string raw, skeleton;
};

void fold_look_alikes(std::string_view text, LookAlikeFold& out) {
  out.raw.clear();  // kept capacity: one buffer for every paragraph of a source
  out.skeleton.clear();
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size();) {
    const char32_t c = next_code_point(text, i);
    if (folds_to_space(c)) {
      pending_space = !out.raw.empty();
      continue;
    }
    if (pending_space) {
      out.raw += U' ';
      out.skeleton += U' ';
      pending_space = false;
    }
    out.raw += c;
    out.skeleton += skeleton(c);
  }
}

LookAlikeFold fold_look_alikes(std::string_view text) {
  LookAlikeFold out;
  fold_look_alikes(text, out);
  return out;
}

std::string trimmed(std::string_view text) {
  auto space = [](char c) { return is_space(c); };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  for (bool again = true; again;) {
    again = false;
    while (!text.empty() && (space(text.front()) || unicode_space_at(text, 0))) {
      text.remove_prefix(space(text.front()) ? 1 : unicode_space_at(text, 0));
      again = true;
    }
    for (std::size_t k : {std::size_t{1}, std::size_t{2}, std::size_t{3}}) {
      if (text.size() >= k && (k == 1 ? space(text.back()) : unicode_space_at(text, text.size() - k) == k)) {
        text.remove_suffix(k);
        again = true;
        break;
      }
    }
  }
  return std::string(text);
}

}  // namespace

std::span<const LookAlike> look_alikes() { return kLookAlikes; }

std::string describe_character(char32_t code) {
  char hex[16];
  std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(code));
  std::string name;
  if (code >= 'a' && code <= 'z') name = std::string("LATIN SMALL LETTER ") + static_cast<char>(code - 'a' + 'A');
  if (code >= 'A' && code <= 'Z') name = std::string("LATIN CAPITAL LETTER ") + static_cast<char>(code);
  if (code == ' ') name = "SPACE";
  if (code == '-') name = "HYPHEN-MINUS";
  if (code == '\'') name = "APOSTROPHE";
  if (code == '"') name = "QUOTATION MARK";
  if (code == 0x2018) name = "LEFT SINGLE QUOTATION MARK";
  if (code == 0x2019) name = "RIGHT SINGLE QUOTATION MARK";
  if (code == 0x201C) name = "LEFT DOUBLE QUOTATION MARK";
  if (code == 0x201D) name = "RIGHT DOUBLE QUOTATION MARK";
  for (const LookAlike& l : kLookAlikes) {
    if (l.code == code) name = l.name;
  }
  return "`" + utf8_of(code) + "` (" + hex + (name.empty() ? "" : " " + name) + ")";
}

QuoteProblem QuoteIndex::diagnose(std::string_view quote, const Paragraphs& paragraphs) const {
  QuoteProblem problem = look_alike(quote, paragraphs);
  if (problem.kind == QuoteProblem::Kind::none) problem = elision(quote);
  if (problem.kind == QuoteProblem::Kind::none) problem = spans_paragraphs(quote);
  return problem;
}

QuoteProblem QuoteIndex::look_alike(std::string_view quote, const Paragraphs& paragraphs) {
  QuoteProblem problem;
  const LookAlikeFold wanted = fold_look_alikes(quote);
  if (wanted.skeleton.empty()) return problem;
  LookAlikeFold source;
  for (std::size_t p = 0; p < paragraphs.size(); ++p) {
    fold_look_alikes(paragraphs[p], source);
    // Linear however repetitive the text (a plain find is not).
    std::size_t at = std::u32string::npos;
    match_lengths<char32_t>(wanted.skeleton, source.skeleton, [&](std::size_t i, std::size_t k) {
      if (k == wanted.skeleton.size()) at = i;
      return at == std::u32string::npos;
    });
    if (at == std::u32string::npos) continue;
    for (std::size_t i = 0; i < wanted.raw.size(); ++i) {
      const std::pair<char32_t, char32_t> pair{wanted.raw[i], source.raw[at + i]};
      if (accepted(pair.first) == accepted(pair.second)) continue;
      if (std::find(problem.differences.begin(), problem.differences.end(), pair) == problem.differences.end()) {
        problem.differences.push_back(pair);
      }
    }
    if (problem.differences.empty()) continue;
    problem.kind = QuoteProblem::Kind::look_alike;
    problem.paragraph = p + 1;
    return problem;
  }
  return problem;
}

QuoteProblem QuoteIndex::elision(std::string_view quote) const {
  QuoteProblem problem;
  static constexpr std::string_view kMarks[] = {"[...]", "[\u2026]", "(...)", "(\u2026)", "...", "\u2026"};
  std::vector<std::string> parts;
  std::size_t part_start = 0;
  for (std::size_t i = 0; i < quote.size();) {
    std::string_view mark;
    for (std::string_view m : kMarks) {
      if (quote.substr(i, m.size()) == m) {
        mark = m;
        break;
      }
    }
    if (mark.empty()) {
      ++i;
      continue;
    }
    if (problem.elision.empty()) problem.elision = std::string(mark);
    std::size_t end = i + mark.size();
    while (end < quote.size() && quote[end] == '.') ++end;  // "...." ends a sentence too
    if (std::string part = trimmed(quote.substr(part_start, i - part_start)); !part.empty()) parts.push_back(part);
    part_start = end;
    i = end;
  }
  if (problem.elision.empty()) return problem;
  problem.kind = QuoteProblem::Kind::elision;
  if (std::string part = trimmed(quote.substr(part_start)); !part.empty()) parts.push_back(part);
  // Each part is one search of the source: past a few, no split is suggested.
  constexpr std::size_t kMostPartsSought = 16;
  if (parts.size() > kMostPartsSought) return problem;
  for (const std::string& part : parts) {
    const std::size_t paragraph = find(part);
    if (paragraph == 0) return problem;  // the parts are not all there: no split to suggest
    if (problem.paragraph == 0) problem.paragraph = paragraph;
  }
  problem.parts = std::move(parts);
  return problem;
}

QuoteProblem QuoteIndex::spans_paragraphs(std::string_view quote) const {
  QuoteProblem problem;
  const std::string folded = fold_for_quote(quote);
  const std::size_t q = folded.size();
  if (q < 3) return problem;
  // The quote spans paragraphs when, for some space at k in it, a paragraph ends with
  // folded[0, k) and the next begins with folded[k + 1, q). Found in two linear passes
  // rather than a search per space: the length of the quote's match from every place
  // (forwards), and of its match ending at every place (the same on both reversed).
  // Of the splits found, the first space wins, then the first place, as a search
  // per space in order would find.
  // The forward pass first: the places where the opening matched up to a paragraph's
  // end where the quote has a space. Ordinary text has none, and then the reverse
  // pass is never made.
  std::vector<std::pair<std::size_t, std::size_t>> splits;  // (place, length of the opening)
  match_lengths<char>(folded, joined_, [&](std::size_t i, std::size_t k) {
    if (k > 0 && k < q - 1 && folded[k] == ' ' && i + k < joined_.size() && joined_[i + k] == '\n') splits.emplace_back(i, k);
    return true;
  });
  if (splits.empty()) return problem;
  std::string reversed_quote(folded.rbegin(), folded.rend());
  std::string reversed_text(joined_.rbegin(), joined_.rend());
  std::vector<std::uint32_t> ending(joined_.size() + 1, 0);  // ending[e]: match of the quote's end ending at e
  match_lengths<char>(reversed_quote, reversed_text, [&](std::size_t i, std::size_t k) {
    ending[joined_.size() - i] = static_cast<std::uint32_t>(k);
    return true;
  });
  std::size_t best_k = std::string::npos, offset = 0;
  for (const auto& [i, k] : splits) {
    const std::size_t rest = q - k - 1, end = i + k + 1 + rest;
    if (end <= joined_.size() && ending[end] >= rest && k < best_k) best_k = k, offset = i;
  }
  if (best_k != std::string::npos) {
    const std::size_t k = best_k;
    const auto words_before = static_cast<std::size_t>(std::count(folded.begin(), folded.begin() + static_cast<std::ptrdiff_t>(k), ' '));
    problem.kind = QuoteProblem::Kind::spans_paragraphs;
    problem.paragraph = static_cast<std::size_t>(std::upper_bound(starts_.begin(), starts_.end(), offset) - starts_.begin());
    // The same split in the quote as written: after its (words_before + 1)-th run of
    // whitespace, leading whitespace aside.
    std::size_t i = 0, runs = 0;
    auto space_at = [&](std::size_t j) {
      if (j < quote.size() && is_space(quote[j])) return std::size_t{1};
      return unicode_space_at(quote, j);
    };
    while (i < quote.size() && space_at(i)) i += space_at(i);
    while (i < quote.size()) {
      if (!space_at(i)) {
        ++i;
        continue;
      }
      if (runs++ == words_before) break;
      while (i < quote.size() && space_at(i)) i += space_at(i);
    }
    problem.parts = {trimmed(quote.substr(0, i)), trimmed(quote.substr(i))};
    return problem;
  }
  return problem;
}

// ---- What a source text may hold, and what a quote must be -------------------------

bool is_bidi_control(char32_t code) { return (code >= 0x202A && code <= 0x202E) || (code >= 0x2066 && code <= 0x2069); }

std::string name_character(char32_t code) {
  static constexpr std::pair<char32_t, const char*> kNames[] = {
      {0x00, "NULL"}, {0x07, "BELL"}, {0x08, "BACKSPACE"}, {0x0B, "LINE TABULATION"}, {0x0C, "FORM FEED"},
      {0x1B, "ESCAPE"}, {0x7F, "DELETE"}, {0x85, "NEXT LINE"}, {0x9B, "CONTROL SEQUENCE INTRODUCER"},
      {0x202A, "LEFT-TO-RIGHT EMBEDDING"}, {0x202B, "RIGHT-TO-LEFT EMBEDDING"},
      {0x202C, "POP DIRECTIONAL FORMATTING"}, {0x202D, "LEFT-TO-RIGHT OVERRIDE"},
      {0x202E, "RIGHT-TO-LEFT OVERRIDE"}, {0x2066, "LEFT-TO-RIGHT ISOLATE"}, {0x2067, "RIGHT-TO-LEFT ISOLATE"},
      {0x2068, "FIRST STRONG ISOLATE"}, {0x2069, "POP DIRECTIONAL ISOLATE"},
  };
  char hex[16];
  std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(code));
  for (const auto& [c, name] : kNames) {
    if (c == code) return std::string(hex) + " " + name;
  }
  return hex;
}

std::optional<ForbiddenCharacter> forbidden_character(std::string_view text) {
  std::size_t line = 1, line_start = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t at = i;
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x20 && byte < 0x7F) {  // printable ASCII, nearly all of a text
      ++i;
      continue;
    }
    if (byte == '\n' || byte == '\r') {
      i += text.substr(i, 2) == "\r\n" ? 2 : 1;
      ++line;
      line_start = i;
      continue;
    }
    const char32_t code = next_code_point(text, i);
    if ((code < 0x20 && code != '\t') || (code >= 0x7F && code <= 0x9F) || is_bidi_control(code)) {
      return ForbiddenCharacter{at, code, line, at - line_start + 1};
    }
  }
  return std::nullopt;
}

bool quote_long_enough(std::string_view quote) { return folded_quote_long_enough(fold_for_quote(quote)); }

bool folded_quote_long_enough(std::string_view folded) {
  std::size_t characters = 0;
  for (char c : folded) characters += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  const std::size_t words = folded.empty() ? 0 : 1 + static_cast<std::size_t>(std::count(folded.begin(), folded.end(), ' '));
  if (words < kMinQuoteWords) return characters >= kMinUnspacedQuoteCharacters;
  return characters >= kMinQuoteCharacters;
}

namespace {

// Whether a character joins with its neighbours into one word: letters and digits of
// scripts written with spaces between words. Punctuation, symbols and the scripts
// written without spaces (from U+2E80: CJK, kana, Hangul) do not.
bool joins_words(char32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (c < 0xC0 || c == 0xD7 || c == 0xF7) return false;    // Latin-1 punctuation and signs
  if (c >= 0x2000 && c <= 0x2BFF) return false;            // punctuation, symbols, arrows, dashes
  return c < 0x2E80;
}

// The code point that ends just before text[end], or 0 at the start.
char32_t code_point_before(std::string_view text, std::size_t end) {
  if (end == 0) return 0;
  std::size_t start = end - 1;
  while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
  return next_code_point(text, start);
}

char32_t code_point_at(std::string_view text, std::size_t at) {
  if (at >= text.size()) return 0;
  return next_code_point(text, at);
}

// Each occurrence of a quote in turn until one stands on word boundaries; a hostile
// text with very many occurrences inside words is searched only so far.
constexpr std::size_t kMostOccurrencesTried = 10000;

// Whether `quote` at `offset` of `text` begins or ends inside a word there.
bool inside_words(std::string_view text, std::size_t offset, std::string_view quote) {
  return (joins_words(code_point_at(quote, 0)) && joins_words(code_point_before(text, offset))) ||
         (joins_words(code_point_before(quote, quote.size())) && joins_words(code_point_at(text, offset + quote.size())));
}

}  // namespace

QuoteIndex::WholeWords QuoteIndex::find_whole_words(std::string_view quote) const {
  return find_whole_words_folded(fold_for_quote(quote));
}


QuoteIndex::WholeWords QuoteIndex::find_whole_words_folded(std::string_view folded) const {
  WholeWords out;
  if (folded.empty()) return out;
  std::size_t first = std::string::npos;
  std::size_t from = 0;
  for (std::size_t tried = 0; tried < kMostOccurrencesTried && from + folded.size() <= joined_.size(); ++tried) {
    const void* hit = ::memmem(joined_.data() + from, joined_.size() - from, folded.data(), folded.size());
    if (!hit) break;
    const std::size_t offset = static_cast<std::size_t>(static_cast<const char*>(hit) - joined_.data());
    const bool inside = inside_words(joined_, offset, folded);
    const std::size_t paragraph =
        static_cast<std::size_t>(std::upper_bound(starts_.begin(), starts_.end(), offset) - starts_.begin());
    if (!inside) {
      out.paragraph = paragraph;
      return out;
    }
    if (first == std::string::npos) {
      first = offset;
      out.inside_words = paragraph;
    }
    from = offset + 1;
  }
  if (first == std::string::npos) return out;
  // Widen the first occurrence to the whole words around it.
  std::size_t begin = first, end = first + folded.size();
  while (begin > 0 && joins_words(code_point_before(joined_, begin))) {
    --begin;
    while (begin > 0 && (static_cast<unsigned char>(joined_[begin]) & 0xC0) == 0x80) --begin;
  }
  while (end < joined_.size() && joins_words(code_point_at(joined_, end))) {
    ++end;
    while (end < joined_.size() && (static_cast<unsigned char>(joined_[end]) & 0xC0) == 0x80) ++end;
  }
  out.words = snippet(std::string_view(joined_).substr(begin, end - begin), 200);
  return out;
}

std::vector<std::size_t> QuoteIndex::find_many_whole_words(std::span<const std::string_view> folded) const {
  // Each quote is known by its first 8 bytes: the pass reads the 8 bytes at each
  // place of the text, and a table of one bit per 16-bit hash of the quotes' first
  // bytes turns away nearly every place at once. The few left are compared whole.
  // Time is one pass through the text for all the source's quotes, where a search
  // each would read, on average, half the text per quote.
  constexpr std::size_t kKey = 8;
  std::vector<std::size_t> found(folded.size(), 0);
  if (joined_.size() < kKey) return found;
  auto key_at = [](const char* at) {
    std::uint64_t key;
    std::memcpy(&key, at, kKey);
    return key;
  };
  auto hash = [](std::uint64_t key) { return static_cast<std::uint32_t>((key * 0x9E3779B97F4A7C15ull) >> 48); };
  std::vector<std::pair<std::uint64_t, std::uint32_t>> keys;  // (first bytes, quote), sorted
  std::vector<std::uint64_t> seen(1 << 10, 0);               // 65,536 bits
  for (std::uint32_t q = 0; q < folded.size(); ++q) {
    if (folded[q].size() < kKey) continue;
    const std::uint64_t key = key_at(folded[q].data());
    keys.emplace_back(key, q);
    const std::uint32_t h = hash(key);
    seen[h >> 6] |= std::uint64_t{1} << (h & 63);
  }
  std::sort(keys.begin(), keys.end());
  std::vector<std::uint32_t> tried(folded.size(), 0);
  std::size_t left = keys.size();
  for (std::size_t at = 0; at + kKey <= joined_.size() && left > 0; ++at) {
    const std::uint64_t key = key_at(joined_.data() + at);
    const std::uint32_t h = hash(key);
    if (!(seen[h >> 6] >> (h & 63) & 1)) continue;
    auto [begin, end] = std::equal_range(keys.begin(), keys.end(), std::make_pair(key, std::uint32_t{0}),
                                         [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto it = begin; it != end; ++it) {
      const std::uint32_t q = it->second;
      const std::string_view quote = folded[q];
      if (found[q] > 0 || tried[q] >= kMostOccurrencesTried || joined_.compare(at, quote.size(), quote) != 0) continue;
      // As find_whole_words_folded counts them: past so many, the quote is left to it.
      if (++tried[q] == kMostOccurrencesTried) --left;
      if (inside_words(joined_, at, quote)) continue;
      found[q] = static_cast<std::size_t>(std::upper_bound(starts_.begin(), starts_.end(), at) - starts_.begin());
      if (tried[q] < kMostOccurrencesTried) --left;
    }
  }
  return found;
}

std::string utf8_of(char32_t code) {
  std::string out;
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
  return out;
}

}  // namespace strikeline
