// Source documents as paragraphs, and where a quote sits in them.
//
// A paragraph is a non-empty line of the source's text file. Quotes are matched
// after folding whitespace and typographic quotation marks, because people copy
// from web pages where both change, and nothing else.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <utility>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace strikeline {

// A document's paragraphs: its non-empty lines, without line endings (a line of
// only spaces is empty). A line ends at LF, CRLF or a lone CR; a leading byte order
// mark is dropped. Held as one block of text, not a string each, and never changed
// once made: copies share it (an editor's states each hold every source's text).
class Paragraphs {
 public:
  Paragraphs() = default;
  explicit Paragraphs(std::string_view text);  // splits the text into its paragraphs
  // Paragraphs given one by one, taken as they are (for tests and tools).
  static Paragraphs as_given(std::initializer_list<std::string_view> paragraphs);

  std::size_t size() const { return block_ ? block_->ends.size() : 0; }
  bool empty() const { return size() == 0; }
  std::string_view operator[](std::size_t index) const;  // 0-based

  // The paragraphs, each followed by a newline, when fold_for_quote leaves every one
  // as it is (ASCII, no whitespace but single spaces between words: nearly every
  // source), so that QuoteIndex can search them where they are; empty otherwise.
  std::string_view folded_as_is() const;

 private:
  struct Block {
    std::string text;                 // the paragraphs one after another, each ending in a newline
    std::vector<std::uint32_t> ends;  // where each one ends in text, before its newline
    bool folded = true;               // whether fold_for_quote leaves every one as it is
    void add(std::string_view paragraph);
  };
  std::shared_ptr<const Block> block_;
};

Paragraphs split_paragraphs(std::string_view text);

// Whitespace runs become one space and the ends are trimmed (whitespace: ASCII
// spacing and every Unicode space separator, U+00A0, U+1680, U+2000–U+200A, U+202F,
// U+205F, U+3000); the text is put in Unicode normal form C first; ‘ ’ ‚ ‛ become ' and
// “ ” „ ‟ become ".
std::string fold_for_quote(std::string_view text);
// The same, appended to `out`: one buffer can serve many quotes, or every paragraph.
void fold_for_quote_into(std::string_view text, std::string& out);

// Characters that look like others but are not them: dashes like a hyphen, a prime
// like an apostrophe, spaces that do not break or are narrow, Cyrillic and Greek
// letters like Latin ones. The one table of them, with their Unicode names.
struct LookAlike {
  char32_t code;
  const char* name;     // "EN DASH"
  char32_t looks_like;  // the character it passes for: U+002D for an en dash
};
std::span<const LookAlike> look_alikes();

// "`–` (U+2013 EN DASH)": the character, its code point and, when known, its name.
std::string describe_character(char32_t code);

// The UTF-8 bytes of one character.
std::string utf8_of(char32_t code);

// A character a source text may not hold, with where it is: a control character
// other than tab and the line ends (NUL, BEL, ESC, DEL, C1 controls, …) or a
// bidirectional control (U+202A–U+202E, U+2066–U+2069), which would act on a
// terminal or reorder what a reader sees. Line and column are 1-based, the column in
// bytes, lines ending as Paragraphs ends them. `text` is well-formed UTF-8.
struct ForbiddenCharacter {
  std::size_t offset = 0;
  char32_t code = 0;
  std::size_t line = 1, column = 1;
};
std::optional<ForbiddenCharacter> forbidden_character(std::string_view text);
bool is_bidi_control(char32_t code);
// "U+001B ESCAPE", "U+202E RIGHT-TO-LEFT OVERRIDE": a code point and, when known, its
// name, never the character itself.
std::string name_character(char32_t code);

// The shortest quote checked: at least kMinQuoteWords words and kMinQuoteCharacters
// characters, or, written without spaces (as Chinese or Japanese are),
// kMinUnspacedQuoteCharacters characters. Counted after folding.
inline constexpr std::size_t kMinQuoteWords = 2;
inline constexpr std::size_t kMinQuoteCharacters = 10;
inline constexpr std::size_t kMinUnspacedQuoteCharacters = 20;
// Whether a quote is long enough to mean something.
bool quote_long_enough(std::string_view quote);
bool folded_quote_long_enough(std::string_view folded);  // of a quote fold_for_quote folded

// Why a quote that is not in its source is not there, when the reason is one of the
// common ones.
struct QuoteProblem {
  enum class Kind : std::uint8_t {
    none,              // none of these: see near_miss
    look_alike,        // only characters that look alike differ (`differences`)
    spans_paragraphs,  // the quote runs from the end of `paragraph` into the next one
    elision,           // the quote leaves words out with `...`, `…` or `[...]`
  };
  Kind kind = Kind::none;
  std::size_t paragraph = 0;  // 1-based: where the quote, or its first part, is
  // For look_alike: each differing pair, quote's character first, once each.
  std::vector<std::pair<char32_t, char32_t>> differences;
  // For spans_paragraphs and elision: the parts the quote should be split into, as
  // written in it, each of which the source holds.
  std::vector<std::string> parts;
  std::string elision;  // the mark that leaves words out, as written
};

class QuoteIndex {
 public:
  explicit QuoteIndex(const Paragraphs& paragraphs);
  // It may point into the paragraphs it was made from (held here): not copied.
  QuoteIndex(const QuoteIndex&) = delete;
  QuoteIndex& operator=(const QuoteIndex&) = delete;

  // 1-based number of the first paragraph holding the quote, or 0.
  std::size_t find(std::string_view quote) const;

  // Where the quote is as whole words: its first occurrence whose ends are not inside
  // words of the source. When it is only inside words, `paragraph` is 0 and
  // `inside_words` is the paragraph (1-based) of the first occurrence, with `words`
  // the whole words around it there.
  struct WholeWords {
    std::size_t paragraph = 0;
    std::size_t inside_words = 0;
    std::string words;
  };
  WholeWords find_whole_words(std::string_view quote) const;
  WholeWords find_whole_words_folded(std::string_view folded) const;  // a quote already folded

  // Many quotes, already folded, in one pass through the source: for each, the
  // paragraph find_whole_words_folded would give when that is not 0, or 0 where the
  // quote needs its own search (not there as whole words, too short to look for
  // this way, or found only after too many occurrences inside words).
  std::vector<std::size_t> find_many_whole_words(std::span<const std::string_view> folded) const;

  // For a quote that is not there: the paragraph that holds its longest opening,
  // and how many characters of the folded quote match before they part.
  struct NearMiss {
    std::size_t paragraph = 0;  // 0: not even the first word matches anywhere
    std::size_t matched = 0;    // bytes of the folded quote that match
    std::string quote_goes_on;  // the folded quote from where it differs
    std::string source_goes_on; // the paragraph from where it differs
  };
  NearMiss near_miss(std::string_view quote) const;

  // For a quote that find() did not find: whether characters that look alike, a
  // paragraph break or an elision keep it from matching. `paragraphs` are those the
  // index was made from.
  QuoteProblem diagnose(std::string_view quote, const Paragraphs& paragraphs) const;

 private:
  std::string_view folded_paragraph(std::size_t index) const;  // 0-based, without its newline
  // All folded paragraphs, each followed by a newline (which a folded quote never
  // holds, so no match crosses paragraphs), and where each one starts: the
  // paragraphs' own text when folding leaves it as it is, else folded into `folded_`.
  Paragraphs paragraphs_;
  std::string folded_;
  std::string_view joined_;
  std::vector<std::size_t> starts_;
  static QuoteProblem look_alike(std::string_view quote, const Paragraphs& paragraphs);
  QuoteProblem spans_paragraphs(std::string_view quote) const;
  QuoteProblem elision(std::string_view quote) const;
};

}  // namespace strikeline
