// EDTF levels 0 and 1 (Library of Congress, 2019), read by a hand-written scanner.
//
// The scanner never backtracks, so it runs in time linear in the text and keeps
// no state that grows with it; no std::regex (it recurses per character and
// overflows the stack on long input).
//
// Decisions the specification leaves open, or that strikeline makes for its readers:
//
// - Seasons 21–24 are read as the Northern-hemisphere meteorological seasons used
//   by the Met Office: spring is March–May, summer June–August, autumn
//   September–November, and winter is December of the year written to the end of
//   February of the next, so `2023-24` is "winter 2023–24" (1 December 2023 to
//   29 February 2024). A winter named by its December is how British reporting
//   dates a winter of strikes.
// - Years use EDTF's astronomical numbering: 0000 is 1 BC and -0044 is 45 BC
//   (Caesar died in 44 BC, written -0043). describe() says "45 BC" for -0044
//   rather than guessing that the writer meant 44 BC. `-0000` is refused: year
//   zero is written 0000.
// - 24:00:00 is refused (write 00:00:00 on the next day), so a date-time always
//   lies on the day it names. Leap seconds (second 60) are refused too: a
//   timeline never needs them, and the date library's day arithmetic ignores them.
// - UTC offsets must lie between -12:00 and +14:00, the offsets in use on Earth;
//   `-00:00` is refused (write Z or +00:00); both `±hh` and `±hh:mm` are accepted.
// - Level 0 intervals are of dates only, so a time of day inside an interval is
//   refused. Unspecified digits inside an interval are level 2 (the specification's
//   level 2 example `2004-06-XX/2004-07-03`). Qualifiers after a time are refused:
//   level 1 qualifies dates.
// - EdtfPrecision is how finely the earliest and latest days are known, not the
//   specification's precision of the written form: 201X is a decade and 20XX a
//   century (the specification: year precision), 2004-XX a year (month), and
//   1985-04-XX and 1985-XX-XX a month and a year (day). The days are the same.
// - describe() says "the 2010s" for 201X but "2000–2009" for 200X and
//   "1900–1999" for 19XX: "the 2000s" and "the 1900s" can each mean a decade or a
//   century.
// - The date library represents years -32767 to 32767; `Y` years outside that are
//   valid EDTF but refused here, saying so.
#include "edtf.h"

#include <algorithm>
#include <array>
#include <exception>
#include <initializer_list>
#include <string>
#include <utility>

namespace strikeline {
namespace {

constexpr int kMinYear = -32767;                  // date::year::min()
constexpr int kMaxYear = 32767;                   // date::year::max()
constexpr int kLatestOffsetMinutes = 14 * 60;     // UTC+14:00, Kiribati
constexpr int kEarliestOffsetMinutes = -12 * 60;  // UTC-12:00, Baker Island

// Texts longer than this are not echoed back in suggestions: a message must stay
// one readable line whatever was pasted into the file.
constexpr std::size_t kSuggestionLimit = 80;
// Guessing what free text meant looks at its words; beyond this it is not prose.
constexpr std::size_t kFreeTextGuessLimit = 200;

constexpr std::array<std::string_view, 12> kMonthNames = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

constexpr std::string_view kGenericHelp = "write a date such as 2023-12-20, 2023-12 or 2023";

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_qualifier(char c) { return c == '?' || c == '~' || c == '%'; }
// Characters of a year, month or day group, including the ones refused with a
// specific message: lowercase x, and the 2012 draft's u.
bool is_group_char(char c) { return is_digit(c) || c == 'X' || c == 'x' || c == 'u'; }

char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = to_lower(c);
  return out;
}

std::string padded(int value, int width) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  if (static_cast<int>(digits.size()) < width) {
    digits.insert(0, static_cast<std::size_t>(width) - digits.size(), '0');
  }
  return value < 0 ? "-" + digits : digits;
}

std::string level2(std::string_view feature) {
  return std::string(feature) + " is EDTF level 2, which strikeline does not support";
}

// Length in bytes of the well-formed UTF-8 sequence at text[i], or 0.
std::size_t utf8_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  const std::size_t length = (lead >= 0xC2 && lead <= 0xDF)   ? 2
                             : (lead >= 0xE0 && lead <= 0xEF) ? 3
                             : (lead >= 0xF0 && lead <= 0xF4) ? 4
                                                              : 0;
  if (length == 0) return 0;
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  }
  // Overlong forms, UTF-16 surrogates and code points beyond U+10FFFF.
  const unsigned char second = byte(i + 1);
  if ((lead == 0xE0 && second < 0xA0) || (lead == 0xED && second >= 0xA0) ||
      (lead == 0xF0 && second < 0x90) || (lead == 0xF4 && second >= 0x90)) {
    return 0;
  }
  return length;
}

// Whether text can be echoed inside a message: short, printable, valid UTF-8.
bool echoable(std::string_view text, std::size_t limit) {
  if (text.empty() || text.size() > limit) return false;
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F) return false;
    const std::size_t length = utf8_length(text, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

std::string quoted(std::string_view text) { return "`" + std::string(text) + "`"; }


// A help line that shows a corrected version of what was written, when that is
// short enough to read; otherwise the fallback.
std::string suggest(std::string_view lead, const std::string& corrected,
                    std::string_view fallback) {
  if (echoable(corrected, kSuggestionLimit)) return std::string(lead) + corrected;
  return std::string(fallback);
}

// Bytes of a space-like character at text[i] (ASCII white space, no-break and
// thin spaces pasted from word processors), or 0.
std::size_t space_length(std::string_view text, std::size_t i) {
  const unsigned char c = static_cast<unsigned char>(text[i]);
  if (c == ' ' || (c >= '\t' && c <= '\r')) return 1;
  const std::size_t length = utf8_length(text, i);
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
  if (length == 2 && c == 0xC2 && byte(1) == 0xA0) return 2;  // U+00A0
  if (length == 3 && c == 0xE2 && byte(1) == 0x80 && (byte(2) <= 0x8A || byte(2) == 0xAF)) {
    return 3;  // U+2000–U+200A, U+202F
  }
  if (length == 3 && c == 0xE3 && byte(1) == 0x80 && byte(2) == 0x80) return 3;  // U+3000
  return 0;
}

// Bytes of a dash that is not the ASCII hyphen-minus (en dash, em dash, minus
// sign …) at text[i], or 0. Word processors put these into dates.
std::size_t fancy_dash_length(std::string_view text, std::size_t i) {
  if (utf8_length(text, i) != 3) return 0;
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
  if (byte(0) == 0xE2 && byte(1) == 0x80 && byte(2) >= 0x90 && byte(2) <= 0x95) return 3;
  if (byte(0) == 0xE2 && byte(1) == 0x88 && byte(2) == 0x92) return 3;  // U+2212
  return 0;
}

EdtfError make_error(std::size_t offset, std::size_t length, std::string message,
                     std::string help = {}) {
  return EdtfError{offset, length, std::move(message), std::move(help)};
}

// "unexpected 'q'" for the character at text[i], with its length in bytes.
EdtfError unexpected_character(std::string_view text, std::size_t i, std::string help) {
  const std::size_t length = utf8_length(text, i);
  const unsigned char c = static_cast<unsigned char>(text[i]);
  if (length == 0) {
    return make_error(i, 1, "unexpected byte that is not UTF-8 text", std::move(help));
  }
  if (c < 0x20 || c == 0x7F) {
    return make_error(i, 1, "unexpected control character", std::move(help));
  }
  return make_error(i, length, "unexpected " + quoted(text.substr(i, length)), std::move(help));
}

// "2023", "AD 44" (small years read as numbers otherwise), "45 BC" for -0044.
std::string year_words(int year, bool mark_ad = false) {
  if (year <= 0) return std::to_string(1 - year) + " BC";
  return (mark_ad || year < 1000 ? "AD " : "") + std::to_string(year);
}

// "1964–2008", "AD 10–19", "101–45 BC", "2 BC – AD 1".
std::string year_range_words(int first, int last) {
  if (first == last) return year_words(first);
  if (first >= 1) return year_words(first) + "–" + std::to_string(last);
  if (last <= 0) return std::to_string(1 - first) + "–" + std::to_string(1 - last) + " BC";
  return year_words(first) + " – " + year_words(last, true);
}

std::string month_name(unsigned month) { return std::string(kMonthNames.at(month - 1)); }

int year_of(date::sys_days day) { return static_cast<int>(date::year_month_day{day}.year()); }
unsigned month_of(date::sys_days day) {
  return static_cast<unsigned>(date::year_month_day{day}.month());
}
unsigned day_of(date::sys_days day) {
  return static_cast<unsigned>(date::year_month_day{day}.day());
}

date::sys_days first_day(int year, unsigned month) {
  return date::sys_days{date::year{year} / date::month{month} / date::day{1}};
}
date::sys_days last_day(int year, unsigned month) {
  return date::sys_days{
      date::year_month_day_last{date::year{year}, date::month_day_last{date::month{month}}}};
}
unsigned days_in_month(int year, unsigned month) {
  return static_cast<unsigned>(
      date::year_month_day_last{date::year{year}, date::month_day_last{date::month{month}}}.day());
}

// --- Free text: guessing what a journalist meant -------------------------------

bool is_month_word(std::string_view word, unsigned& month) {
  if (word.size() < 3) return false;
  for (unsigned m = 1; m <= 12; ++m) {
    const std::string name = lowercase(kMonthNames[m - 1]);
    if (name.compare(0, word.size(), word) == 0) {
      month = m;
      return true;
    }
  }
  if (word == "sept") {
    month = 9;
    return true;
  }
  return false;
}

bool contains(std::initializer_list<std::string_view> words, std::string_view word) {
  for (std::string_view w : words) {
    if (w == word) return true;
  }
  return false;
}

// A help line for prose such as "c.1984", "about March 2023" or "20 December 2023".
std::string free_text_help(std::string_view text) {
  if (text.size() > kFreeTextGuessLimit) return std::string(kGenericHelp);
  bool approximate = false, uncertain = false, until = false, since = false, range = false;
  unsigned month = 0;
  std::string year;
  int years_seen = 0;
  std::string second_year;
  int day = 0;
  int day_numbers = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t j = i;
    if (is_letter(text[i])) {
      while (j < text.size() && is_letter(text[j])) ++j;
      const std::string word = lowercase(text.substr(i, j - i));
      unsigned m = 0;
      if (contains({"c", "ca", "circa", "about", "around", "approx", "approximately", "roughly",
                    "est", "estimated"},
                   word)) {
        approximate = true;
      } else if (contains({"possibly", "probably", "perhaps", "maybe", "likely", "uncertain"},
                          word)) {
        uncertain = true;
      } else if (contains({"until", "till", "before"}, word)) {
        until = true;
        range = true;
      } else if (contains({"since", "after", "from"}, word)) {
        since = true;
      } else if (contains({"to", "through", "and"}, word)) {
        range = true;
      } else if (is_month_word(word, m)) {
        month = m;
      }
    } else if (is_digit(text[i])) {
      while (j < text.size() && is_digit(text[j])) ++j;
      const std::string_view digits = text.substr(i, j - i);
      if (digits.size() == 4) {
        ++years_seen;
        (years_seen == 1 ? year : second_year) = std::string(digits);
      } else if (digits.size() <= 2) {
        ++day_numbers;
        day = std::stoi(std::string(digits));
      }
    } else {
      j = i + 1;
    }
    i = j;
  }
  if (years_seen == 2 && range && month == 0) {
    return "for an interval write " + year + "/" + second_year;
  }
  if (years_seen != 1) return std::string(kGenericHelp);
  std::string written = year;
  std::string kind = "year";
  if (month != 0) {
    written += "-" + padded(static_cast<int>(month), 2);
    kind = "month";
    const int y = std::stoi(year);
    if (day_numbers == 1 && day >= 1 && static_cast<unsigned>(day) <= days_in_month(y, month)) {
      written += "-" + padded(day, 2);
      kind = "date";
    }
  }
  if (approximate && uncertain) {
    return "for an uncertain, approximate " + kind + " write " + written + "%";
  }
  if (approximate) return "for an approximate " + kind + " write " + written + "~";
  if (uncertain) return "for an uncertain " + kind + " write " + written + "?";
  if (since && !range) return "for a span with no end write " + written + "/..";
  if (until) return "for a span up to then write ../" + written;
  return "write " + written;
}

// EDTF has a handful of letters (X, Y, T, Z; E and S at level 2; the 2012
// draft's u, "unknown" and "open"). Any other word means the text is prose.
std::optional<EdtfError> check_free_text(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    if (!is_letter(text[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && is_letter(text[j])) ++j;
    const std::string_view word = text.substr(i, j - i);
    const auto all_of = [&](char letter) {
      return word.find_first_not_of(letter) == std::string_view::npos;
    };
    const bool edtf_letter =
        word.size() == 1 && std::string_view("YTZESyzt").find(word[0]) != std::string_view::npos;
    const bool known = all_of('X') || all_of('x') || all_of('u') || edtf_letter ||
                       word == "unknown" || word == "open";
    if (!known) {
      return make_error(i, word.size(), "this is free text, not an EDTF date",
                        free_text_help(text));
    }
    i = j;
  }
  return std::nullopt;
}

// --- One date: the scanner ------------------------------------------------------

// Scans one date (a whole single date, or one end of an interval) occupying
// text[begin, end). Offsets in errors are into the whole text.
class PointScanner {
 public:
  PointScanner(std::string_view text, std::size_t begin, std::size_t end, bool in_interval)
      : text_(text), begin_(begin), pos_(begin), end_(end), in_interval_(in_interval) {}

  bool scan(EdtfPoint& point);
  const EdtfError& error() const { return *error_; }

 private:
  char at(std::size_t i) const { return i < end_ ? text_[i] : '\0'; }
  std::string_view written(std::size_t from, std::size_t to) const {
    return text_.substr(from, to - from);
  }
  std::string whole_point() const { return std::string(written(begin_, end_)); }
  bool fail(std::size_t offset, std::size_t length, std::string message, std::string help = {}) {
    error_ = make_error(offset, length, std::move(message), std::move(help));
    return false;
  }
  bool fail_unexpected(std::size_t offset, std::string help) {
    error_ = unexpected_character(text_, offset, std::move(help));
    return false;
  }
  std::size_t group_length(std::size_t from) const {
    std::size_t i = from;
    while (i < end_ && is_group_char(text_[i])) ++i;
    return i - from;
  }
  std::size_t digits_length(std::size_t from) const {
    std::size_t i = from;
    while (i < end_ && is_digit(text_[i])) ++i;
    return i - from;
  }
  int number(std::size_t from, std::size_t length) const {
    int value = 0;
    for (std::size_t i = from; i < from + length; ++i) value = value * 10 + (text_[i] - '0');
    return value;
  }

  bool scan_start();
  bool scan_long_year();
  bool scan_year();
  bool check_spelling(std::size_t from, std::size_t length);
  bool check_x_allowed(std::size_t offset);
  bool scan_month();
  bool refuse_level2_grouping(int code, std::size_t offset);
  bool scan_day();
  bool check_day_exists(std::size_t offset);
  bool scan_time();
  bool scan_offset();
  bool scan_qualifier();
  bool scan_end();
  void fill(EdtfPoint& point) const;

  std::string_view text_;
  std::size_t begin_;
  std::size_t pos_;
  std::size_t end_;
  bool in_interval_;
  std::optional<EdtfError> error_;

  // What has been read so far.
  std::size_t year_begin_ = 0;
  std::size_t year_end_ = 0;
  int year_low_ = 0;   // smallest year meant (X digits as 0, or 9 for negative years)
  int year_high_ = 0;  // largest year meant
  int unspecified_year_digits_ = 0;
  bool long_year_ = false;
  unsigned month_ = 0;  // 0: none written
  bool month_unspecified_ = false;
  int season_ = 0;  // 21–24, or 0
  unsigned day_ = 0;
  bool day_unspecified_ = false;
  bool has_time_ = false;
  std::int32_t seconds_of_day_ = 0;
  std::optional<std::int32_t> utc_offset_minutes_;
  char qualifier_ = '\0';
};

bool PointScanner::scan(EdtfPoint& point) {
  if (!scan_start()) return false;
  if (!long_year_ && at(pos_) == '-') {
    ++pos_;
    if (!scan_month()) return false;
    if (at(pos_) == '-') {
      ++pos_;
      if (!scan_day()) return false;
    }
  }
  if (at(pos_) == 'T' && !scan_time()) return false;
  if (at(pos_) == 't') {
    return fail(pos_, 1, "the time must start with a capital T",
                suggest("write ", whole_point().replace(pos_ - begin_, 1, "T"),
                        "write T between the date and the time"));
  }
  if (!scan_qualifier() || !scan_end()) return false;
  fill(point);
  return true;
}

bool PointScanner::scan_start() {
  const char c = at(pos_);
  if (is_qualifier(c)) {
    // Suggest the qualifier at the end only when it is the sole one.
    std::string moved = whole_point().substr(1);
    moved = moved.find_first_of("?~%") == std::string::npos ? moved + c : "";
    return fail(pos_, 1, level2("a qualifier before a date"),
                suggest("put the qualifier at the end: ", moved,
                        "put one qualifier at the end, e.g. 2004-06?"));
  }
  if (c == '[' || c == '{') {
    return fail(pos_, end_ - pos_, level2("a set of dates in [ ] or { }"),
                "give one date, or an interval such as 1667/1672");
  }
  if (c == 'Y') return scan_long_year();
  if (c == 'y') {
    return fail(pos_, 1, "a long year must start with a capital Y",
                suggest("write ", "Y" + whole_point().substr(1), "write e.g. Y170000002"));
  }
  if (c == '-' || is_group_char(c)) return scan_year();
  if (c == '.' && at(pos_ + 1) == '.' && is_qualifier(at(pos_ + 2))) {
    return fail(pos_ + 2, 1, "an open end cannot have ?, ~ or %", "write .. alone");
  }
  if (c == '.') {
    return fail(pos_, end_ - pos_, "an open end is written as two dots",
                "write .., e.g. 1985/.. or ../1985");
  }
  if (c == '+') {
    return fail(pos_, 1, "a year cannot start with +",
                suggest("write ", whole_point().substr(1), "write the year without +"));
  }
  if (pos_ == 0) {
    const std::size_t length = std::max<std::size_t>(1, utf8_length(text_, pos_));
    return fail(pos_, length, "this is free text, not an EDTF date",
                free_text_help(text_));
  }
  return fail_unexpected(pos_, std::string(kGenericHelp));
}

// `Y` years: more than four digits, for years beyond 9999 or before -9999.
bool PointScanner::scan_long_year() {
  year_begin_ = pos_;
  long_year_ = true;
  ++pos_;
  const bool negative = at(pos_) == '-';
  if (negative) ++pos_;
  const std::size_t digits_begin = pos_;
  const std::size_t digits = digits_length(pos_);
  pos_ += digits;
  year_end_ = pos_;
  if (at(pos_) == 'E') {
    return fail(pos_, end_ - pos_, level2("an exponent (E) in a year"),
                "write all the digits of the year after Y");
  }
  if (at(pos_) == 'S') {
    return fail(pos_, end_ - pos_, level2("a year with significant digits (S)"),
                "write the year alone");
  }
  if (at(pos_) == 'X' || at(pos_) == 'x' || at(pos_) == 'u') {
    return fail(pos_, 1, "a year written with Y cannot have unspecified digits",
                "write all the digits of the year after Y");
  }
  if (digits == 0) {
    return fail(year_begin_, pos_ - year_begin_ + (pos_ < end_ ? 1 : 0),
                "Y must be followed by the digits of a year", "write e.g. Y170000002");
  }
  const std::string sign = negative ? "-" : "";
  const std::string_view digit_text = written(digits_begin, pos_);
  const std::size_t significant_begin = digit_text.find_first_not_of('0');
  const std::size_t significant_digits =
      significant_begin == std::string_view::npos ? 1 : digits - significant_begin;
  if (significant_digits <= 4) {
    const int value = significant_begin == std::string_view::npos
                          ? 0
                          : number(digits_begin + significant_begin, significant_digits);
    return fail(
        year_begin_, pos_ - year_begin_, "Y is only for years with more than four digits",
        suggest("write ", sign + padded(value, 4), "write the year with four digits and no Y"));
  }
  if (significant_begin != 0) {
    const std::string_view significant = digit_text.substr(significant_begin);
    return fail(
        year_begin_, pos_ - year_begin_, "a year written with Y cannot start with 0",
        suggest("write ", "Y" + sign + std::string(significant), "leave out the leading zeros"));
  }
  // Accumulate with a ceiling so that any number of digits is safe.
  long long magnitude = 0;
  for (std::size_t i = digits_begin; i < pos_ && magnitude <= kMaxYear; ++i) {
    magnitude = magnitude * 10 + (text_[i] - '0');
  }
  const long long year = negative ? -magnitude : magnitude;
  if (year < kMinYear || year > kMaxYear) {
    const std::string range = std::to_string(kMinYear) + " to " + std::to_string(kMaxYear);
    const std::string shown = digits <= 20 ? "year " + sign + std::string(digit_text) : "this year";
    return fail(year_begin_, pos_ - year_begin_,
                shown + " is outside the years strikeline can represent (" + range + ")",
                "strikeline's calendar runs from year " + std::to_string(kMinYear) + " to year " +
                    std::to_string(kMaxYear));
  }
  year_low_ = year_high_ = static_cast<int>(year);
  if (at(pos_) == '-') {
    return fail(pos_, end_ - pos_, "a year written with Y cannot have a month or day",
                "write the year alone, e.g. Y17000");
  }
  return true;
}

// Lowercase x and the 2012 draft's u get a message of their own.
bool PointScanner::check_spelling(std::size_t from, std::size_t length) {
  for (std::size_t i = from; i < from + length; ++i) {
    if (text_[i] == 'u') {
      std::string corrected = whole_point();
      for (char& c : corrected) c = c == 'u' ? 'X' : c;
      return fail(i, 1, "'u' for an unknown digit comes from the 2012 draft of EDTF",
                  suggest("write X instead: ", corrected, "write X instead of u"));
    }
    if (text_[i] == 'x') {
      std::string corrected = whole_point();
      for (char& c : corrected) c = c == 'x' ? 'X' : c;
      return fail(i, 1, "an unspecified digit is written with a capital X",
                  suggest("write ", corrected, "write X instead of x"));
    }
  }
  return true;
}

bool PointScanner::check_x_allowed(std::size_t offset) {
  if (!in_interval_) return true;
  return fail(offset, 1, level2("an unspecified digit (X) in an interval"),
              "write the known part alone, e.g. 2004-06 rather than 2004-06-XX");
}

bool PointScanner::scan_year() {
  year_begin_ = pos_;
  const bool negative = at(pos_) == '-';
  if (negative) ++pos_;
  const std::size_t group_begin = pos_;
  const std::size_t length = group_length(pos_);
  if (length == 0) {
    if (pos_ >= end_) {
      return fail(year_begin_, 1, "a minus sign must be followed by a four-digit year",
                  "write e.g. -0044");
    }
    return fail_unexpected(pos_, "a negative year is written like -0044");
  }
  if (!check_spelling(group_begin, length)) return false;
  const std::string_view group = written(group_begin, group_begin + length);
  const bool all_digits = group.find('X') == std::string_view::npos;
  if (length > 4) {
    if (!all_digits) {
      return fail(group_begin, length, "a year has four digits", "write e.g. 2023 or 201X");
    }
    if (length == 8 && !negative) {
      const std::string hyphenated = std::string(group.substr(0, 4)) + "-" +
                                     std::string(group.substr(4, 2)) + "-" +
                                     std::string(group.substr(6, 2));
      return fail(group_begin, length, "a date needs hyphens between year, month and day",
                  "write " + hyphenated);
    }
    if (length == 6 && !negative) {
      return fail(group_begin, length, "a year with more than four digits must start with Y",
                  "for a month write " + std::string(group.substr(0, 4)) + "-" +
                      std::string(group.substr(4)) + "; for the year " + std::string(group) +
                      " write Y" + std::string(group));
    }
    return fail(year_begin_, pos_ + length - year_begin_,
                "a year with more than four digits must start with Y",
                suggest("write ", "Y" + std::string(negative ? "-" : "") + std::string(group),
                        "write Y followed by the digits of the year"));
  }
  if (length < 4) {
    if (!all_digits) {
      return fail(group_begin, length, "a year needs four digits", "write e.g. 201X");
    }
    const int value = number(group_begin, length);
    return fail(group_begin, length, "a year needs four digits",
                "write all four digits, e.g. " + padded(value, 4) + " for the year " +
                    std::to_string(value));
  }
  const std::size_t first_x = group.find('X');
  if (first_x != std::string_view::npos) {
    if (!check_x_allowed(group_begin + first_x)) return false;
    const std::size_t known_after = group.find_first_not_of('X', first_x);
    if (known_after != std::string_view::npos) {
      return fail(group_begin + known_after, 1,
                  level2("a known digit after an unspecified one (X)"),
                  "X may replace only the last one or two digits of a year, as in 201X or 20XX");
    }
    unspecified_year_digits_ = static_cast<int>(4 - first_x);
    if (unspecified_year_digits_ > 2) {
      return fail(group_begin + first_x, 4 - first_x,
                  level2("a year with more than two unspecified digits"),
                  "for a longer span write an interval, e.g. 1000/1999");
    }
  }
  int low = 0, high = 0;
  for (char c : group) {
    low = low * 10 + (c == 'X' ? 0 : c - '0');
    high = high * 10 + (c == 'X' ? 9 : c - '0');
  }
  if (negative && high == 0) {
    return fail(year_begin_, 5, "year -0000 does not exist", "year zero is written 0000");
  }
  year_low_ = negative ? -high : low;
  year_high_ = negative ? -low : high;
  pos_ += length;
  year_end_ = pos_;
  if (at(pos_) == 'S') {
    return fail(pos_, end_ - pos_, level2("a year with significant digits (S)"),
                "write the year alone");
  }
  if (at(pos_) == 'E') {
    return fail(pos_, end_ - pos_, level2("an exponent (E) in a year"),
                "write all the digits of the year");
  }
  return true;
}

// Two digits after the year: a month 01–12 or a season 21–24 (or XX).
bool PointScanner::scan_month() {
  const std::size_t month_begin = pos_;
  const std::string year_text(written(year_begin_, year_end_));
  if (is_qualifier(at(pos_))) {
    return fail(pos_, 1, level2("a qualifier on part of a date"),
                "put one qualifier at the end, e.g. 2004-06-11?");
  }
  const std::size_t length = group_length(pos_);
  if (length == 0) {
    if (pos_ >= end_) {
      return fail(pos_ - 1, 1, "the date ends with a hyphen",
                  "remove the hyphen, or add a month: " + year_text + "-12");
    }
    return fail_unexpected(pos_, "a month is written with two digits, 01 to 12");
  }
  if (!check_spelling(pos_, length)) return false;
  if (unspecified_year_digits_ > 0) {
    return fail(month_begin, end_ - month_begin, level2("a month or day after a year with X"),
                suggest("write the year alone: ", year_text, "write the year alone, e.g. 201X"));
  }
  const std::string_view group = written(pos_, pos_ + length);
  if (length == 1) {
    return fail(pos_, 1, "the month needs two digits",
                group[0] == 'X' ? "write " + year_text + "-XX for an unknown month"
                                : "write " + year_text + "-0" + std::string(group));
  }
  if (length > 2) {
    if (length == 4 && group.find('X') == std::string_view::npos) {
      return fail(pos_, length, "the month has too many digits",
                  "write " + year_text + "-" + std::string(group.substr(0, 2)) + "-" +
                      std::string(group.substr(2)));
    }
    return fail(pos_, length, "the month has too many digits",
                "a month is written with two digits, 01 to 12");
  }
  if (group == "XX") {
    if (!check_x_allowed(pos_)) return false;
    month_unspecified_ = true;
    pos_ += 2;
    return true;
  }
  if (group.find('X') != std::string_view::npos) {
    if (!check_x_allowed(pos_ + group.find('X'))) return false;
    return fail(pos_, 2, level2("a partly unspecified month"),
                "write " + year_text + "-XX for an unknown month");
  }
  const int value = number(pos_, 2);
  if (value >= 1 && value <= 12) {
    month_ = static_cast<unsigned>(value);
  } else if (value >= 21 && value <= 24) {
    season_ = value;
  } else if (value >= 25 && value <= 41) {
    return refuse_level2_grouping(value, pos_);
  } else if (value == 0) {
    return fail(pos_, 2, "month 00 does not exist",
                "months run from 01 to 12; for an unknown month write " + year_text + "-XX");
  } else {
    return fail(pos_, 2, "month " + std::string(group) + " does not exist",
                "months run from 01 to 12");
  }
  pos_ += 2;
  return true;
}

// ISO 8601-2 sub-year groupings 25–41: hemisphere seasons, quarters,
// quadrimesters and semesters. The help spells each as months.
bool PointScanner::refuse_level2_grouping(int code, std::size_t offset) {
  const int year = year_low_;
  const auto span = [&](unsigned first_month, unsigned last_month, bool into_next_year) {
    const std::string y = padded(year, 4);
    const std::string y_end = into_next_year ? padded(year + 1, 4) : y;
    return "write the months as an interval: " + y + "-" +
           padded(static_cast<int>(first_month), 2) + "/" + y_end + "-" +
           padded(static_cast<int>(last_month), 2);
  };
  std::string what;
  std::string help;
  if (code <= 28) {
    what = "a Northern Hemisphere season (" + std::to_string(code) + ")";
    help = "write season " + std::to_string(code - 4) +
           " instead: strikeline's seasons 21–24 are the Northern Hemisphere's";
  } else if (code <= 32) {
    // Southern spring is September–November, summer December–February,
    // autumn March–May, winter June–August.
    constexpr std::array<unsigned, 4> kFirstMonth = {9, 12, 3, 6};
    const unsigned first = kFirstMonth.at(static_cast<std::size_t>(code - 29));
    what = "a Southern Hemisphere season (" + std::to_string(code) + ")";
    help = span(first, first == 12 ? 2 : first + 2, first == 12);
  } else if (code <= 36) {
    const unsigned quarter = static_cast<unsigned>(code - 32);
    what = "a quarter of a year (" + std::to_string(code) + ")";
    help = span(quarter * 3 - 2, quarter * 3, false);
  } else if (code <= 39) {
    const unsigned third = static_cast<unsigned>(code - 36);
    what = "a four-month period (" + std::to_string(code) + ")";
    help = span(third * 4 - 3, third * 4, false);
  } else {
    const unsigned half = static_cast<unsigned>(code - 39);
    what = "a half year (" + std::to_string(code) + ")";
    help = span(half * 6 - 5, half * 6, false);
  }
  return fail(offset, 2, level2(what), help);
}

bool PointScanner::scan_day() {
  const std::size_t day_begin = pos_;
  const std::string month_text(written(year_begin_, day_begin - 1));
  if (is_qualifier(at(pos_))) {
    return fail(pos_, 1, level2("a qualifier on part of a date"),
                "put one qualifier at the end, e.g. 2004-06-11?");
  }
  const std::size_t length = group_length(pos_);
  if (length == 0) {
    if (pos_ >= end_) {
      return fail(pos_ - 1, 1, "the date ends with a hyphen",
                  "remove the hyphen, or add a day: " + month_text + "-01");
    }
    return fail_unexpected(pos_, "a day is written with two digits, 01 to 31");
  }
  if (!check_spelling(pos_, length)) return false;
  if (season_ != 0) {
    return fail(day_begin - 1, length + 1, "a season cannot have a day",
                "write the season alone, e.g. " + month_text);
  }
  const std::string_view group = written(pos_, pos_ + length);
  if (length == 1) {
    return fail(pos_, 1, "the day needs two digits",
                group[0] == 'X' ? "write " + month_text + "-XX for an unknown day"
                                : "write " + month_text + "-0" + std::string(group));
  }
  if (length > 2) {
    return fail(pos_, length, "the day has too many digits",
                "a day is written with two digits, 01 to 31");
  }
  if (group == "XX") {
    if (!check_x_allowed(pos_)) return false;
    day_unspecified_ = true;
    pos_ += 2;
    return true;
  }
  if (group.find('X') != std::string_view::npos) {
    if (!check_x_allowed(pos_ + group.find('X'))) return false;
    return fail(pos_, 2, level2("a partly unspecified day"),
                "write " + month_text + "-XX for an unknown day");
  }
  if (month_unspecified_) {
    return fail(
        pos_, 2, level2("a known day in an unspecified month"),
        "give the month too, or write " + std::string(written(year_begin_, year_end_)) + "-XX-XX");
  }
  day_ = static_cast<unsigned>(number(pos_, 2));
  if (!check_day_exists(pos_)) return false;
  pos_ += 2;
  return true;
}

bool PointScanner::check_day_exists(std::size_t offset) {
  const std::string day_text = padded(static_cast<int>(day_), 2);
  const std::string month_text(written(year_begin_, offset - 1));
  if (day_ == 0) {
    return fail(offset, 2, "day 00 does not exist",
                "days run from 01 to 31; for an unknown day write " + month_text + "-XX");
  }
  const int year = year_low_;
  const unsigned last = days_in_month(year, month_);
  if (day_ <= last) return true;
  const std::string month = month_name(month_);
  const std::string month_and_year = month + " " + year_words(year);
  if (month_ == 2 && day_ == 29) {
    return fail(offset, 2, "29 February " + year_words(year) + " does not exist",
                year_words(year) + " is not a leap year, so February has 28 days");
  }
  if (day_ > 31) {
    return fail(offset, 2, "day " + day_text + " does not exist",
                month_and_year + " has " + std::to_string(last) + " days");
  }
  if (month_ == 2) {
    return fail(offset, 2, std::to_string(day_) + " February does not exist",
                month_and_year + " has " + std::to_string(last) + " days");
  }
  return fail(offset, 2, std::to_string(day_) + " " + month + " does not exist",
              month + " has " + std::to_string(last) + " days");
}

// `Thh:mm:ss` with an optional `Z` or `±hh[:mm]`.
bool PointScanner::scan_time() {
  const std::size_t time_begin = pos_;
  if (in_interval_) {
    return fail(time_begin, end_ - time_begin, "an interval cannot include a time of day",
                "give the dates alone, e.g. 2023-12-20/2023-12-23");
  }
  if (month_ == 0 || day_ == 0) {
    return fail(time_begin, 1, "a time needs a full date before it",
                "write e.g. 2023-12-20T07:00:00");
  }
  const std::string date_text(written(begin_, time_begin));
  ++pos_;
  std::array<int, 3> parts{};  // hours, minutes, seconds
  for (std::size_t part = 0; part < parts.size(); ++part) {
    const std::size_t digits = digits_length(pos_);
    if (part == 0 && (digits == 4 || digits == 6) && at(pos_ + digits) != ':') {
      const std::string_view d = written(pos_, pos_ + digits);
      const std::string seconds = digits == 6 ? std::string(d.substr(4, 2)) : "00";
      return fail(pos_, digits, "the time needs colons",
                  "write " + date_text + "T" + std::string(d.substr(0, 2)) + ":" +
                      std::string(d.substr(2, 2)) + ":" + seconds);
    }
    if (digits != 2) {
      if (digits == 0 && pos_ >= end_) {
        return fail(pos_ - 1, 1, "the time is incomplete",
                    "write the time as hh:mm:ss, e.g. 07:00:00");
      }
      return fail(pos_, std::max<std::size_t>(digits, 1),
                  "hours, minutes and seconds are written with two digits each",
                  "write the time as hh:mm:ss, e.g. 07:00:00");
    }
    parts[part] = number(pos_, 2);
    pos_ += 2;
    if (part < 2 && at(pos_) != ':') {
      const std::string so_far(written(time_begin + 1, pos_));
      const std::string completed = so_far + (part == 0 ? ":00:00" : ":00");
      if (pos_ >= end_ || is_qualifier(at(pos_)) || at(pos_) == 'Z' || at(pos_) == '+' ||
          at(pos_) == '-') {
        return fail(time_begin, pos_ - time_begin,
                    part == 0 ? "the time needs minutes and seconds" : "the time needs seconds",
                    "write " + date_text + "T" + completed);
      }
      return fail_unexpected(pos_, "write the time as hh:mm:ss, e.g. 07:00:00");
    }
    if (part < 2) ++pos_;
  }
  if (at(pos_) == '.' || at(pos_) == ',') {
    const std::size_t fraction = 1 + digits_length(pos_ + 1);
    return fail(pos_, fraction, "fractions of a second are not supported",
                "write whole seconds, e.g. " + std::string(written(time_begin + 1, pos_)));
  }
  const auto [hours, minutes, seconds] = parts;
  const std::size_t hours_at = time_begin + 1;
  if (hours == 24 && minutes == 0 && seconds == 0) {
    return fail(hours_at, 8, "24:00:00 is not supported", "write 00:00:00 on the next day");
  }
  if (hours > 23) {
    return fail(hours_at, 2, "hour " + padded(hours, 2) + " does not exist",
                "hours run from 00 to 23");
  }
  if (minutes > 59) {
    return fail(hours_at + 3, 2, "minute " + padded(minutes, 2) + " does not exist",
                "minutes run from 00 to 59");
  }
  if (seconds == 60) {
    return fail(hours_at + 6, 2, "leap seconds are not supported", "write 59 instead of 60");
  }
  if (seconds > 59) {
    return fail(hours_at + 6, 2, "second " + padded(seconds, 2) + " does not exist",
                "seconds run from 00 to 59");
  }
  has_time_ = true;
  seconds_of_day_ = hours * 3600 + minutes * 60 + seconds;
  if (at(pos_) == 'Z') {
    utc_offset_minutes_ = 0;
    ++pos_;
  } else if (at(pos_) == 'z') {
    return fail(pos_, 1, "UTC is written with a capital Z", "write Z");
  } else if (at(pos_) == '+' || at(pos_) == '-') {
    return scan_offset();
  }
  return true;
}

bool PointScanner::scan_offset() {
  const std::size_t sign_at = pos_;
  const char sign = at(pos_);
  ++pos_;
  const std::size_t hour_digits = digits_length(pos_);
  if (hour_digits == 4) {
    const std::string_view d = written(pos_, pos_ + 4);
    return fail(sign_at, 5, "the UTC offset needs a colon",
                std::string("write ") + sign + std::string(d.substr(0, 2)) + ":" +
                    std::string(d.substr(2)));
  }
  if (hour_digits != 2) {
    return fail(sign_at, 1 + hour_digits, "a UTC offset has two-digit hours",
                "write e.g. +01:00 or -05:00");
  }
  const int hours = number(pos_, 2);
  pos_ += 2;
  int minutes = 0;
  if (at(pos_) == ':') {
    ++pos_;
    if (digits_length(pos_) != 2) {
      return fail(sign_at, pos_ - sign_at, "the minutes of a UTC offset need two digits",
                  "write e.g. +05:30");
    }
    minutes = number(pos_, 2);
    pos_ += 2;
  }
  const std::string shown = std::string(1, sign) + padded(hours, 2) + ":" + padded(minutes, 2);
  const int total = hours * 60 + minutes;
  if (minutes > 59) {
    return fail(sign_at, pos_ - sign_at, "UTC offset " + shown + " does not exist",
                "offset minutes run from 00 to 59");
  }
  if (sign == '-' && total == 0) {
    return fail(sign_at, pos_ - sign_at, "a zero UTC offset cannot be negative",
                "write Z or +00:00");
  }
  const int signed_total = sign == '-' ? -total : total;
  if (signed_total > kLatestOffsetMinutes || signed_total < kEarliestOffsetMinutes) {
    return fail(sign_at, pos_ - sign_at, "UTC offset " + shown + " does not exist",
                "UTC offsets run from -12:00 to +14:00");
  }
  utc_offset_minutes_ = signed_total;
  return true;
}

// At most one of ?, ~ and %, at the very end.
bool PointScanner::scan_qualifier() {
  if (!is_qualifier(at(pos_))) return true;
  const std::size_t qualifier_at = pos_;
  const char qualifier = at(pos_);
  if (has_time_) {
    return fail(qualifier_at, 1, "a date with a time of day cannot have ?, ~ or %",
                suggest("qualify the date alone: ",
                        std::string(written(begin_, text_.find('T', begin_))) + qualifier,
                        "qualify the date alone, e.g. 1985-04-12~"));
  }
  std::size_t run_end = pos_;
  while (run_end < end_ && is_qualifier(text_[run_end])) ++run_end;
  const std::string date_text(written(begin_, qualifier_at));
  if (run_end - qualifier_at > 1) {
    const std::string_view run = written(qualifier_at, run_end);
    const bool mixed = run.find_first_not_of(qualifier) != std::string_view::npos;
    if (mixed) {
      return fail(qualifier_at, run.size(), "only one of ?, ~ or % may follow a date",
                  suggest("for uncertain and approximate together write % alone: ", date_text + "%",
                          "for uncertain and approximate together write %"));
    }
    return fail(qualifier_at, run.size(), "only one of ?, ~ or % may follow a date",
                suggest("write ", date_text + qualifier, "write the qualifier once"));
  }
  ++pos_;
  if (at(pos_) == '-') {
    std::string moved = date_text + std::string(written(pos_, end_));
    moved = moved.find_first_of("?~%") == std::string::npos ? moved + qualifier : "";
    return fail(qualifier_at, 1, level2("a qualifier on part of a date"),
                suggest("put one qualifier at the end: ", moved,
                        "put one qualifier at the end, e.g. 2004-06-11?"));
  }
  qualifier_ = qualifier;
  return true;
}

bool PointScanner::scan_end() {
  if (pos_ >= end_) return true;
  const char c = at(pos_);
  if (c == 'S') {
    return fail(pos_, end_ - pos_, level2("a year with significant digits (S)"),
                "write the year alone");
  }
  if (c == 'E') {
    return fail(pos_, end_ - pos_, level2("an exponent (E) in a year"),
                "write all the digits of the year");
  }
  if (qualifier_ != '\0') {
    return fail_unexpected(pos_, "nothing may follow ?, ~ or %");
  }
  if (c == '-' && day_ != 0) {
    return fail(pos_, end_ - pos_, "the date has too many parts",
                "write year-month-day, e.g. 2023-12-20");
  }
  return fail_unexpected(
      pos_, has_time_
                ? "a time is written hh:mm:ss, optionally followed by Z or an offset such as +01:00"
                : "separate year, month and day with hyphens, e.g. 2023-12-20");
}

void PointScanner::fill(EdtfPoint& point) const {
  point = EdtfPoint{};
  point.kind = EdtfPoint::Kind::date;
  point.uncertain = qualifier_ == '?' || qualifier_ == '%';
  point.approximate = qualifier_ == '~' || qualifier_ == '%';
  point.unspecified = unspecified_year_digits_ > 0 || month_unspecified_ || day_unspecified_;
  if (has_time_) {
    point.has_time = true;
    point.seconds_of_day = seconds_of_day_;
    if (utc_offset_minutes_) point.utc_offset_minutes = static_cast<std::int16_t>(*utc_offset_minutes_);
  }
  const int year = year_low_;
  if (day_ != 0) {
    point.precision = has_time_ ? EdtfPrecision::second : EdtfPrecision::day;
    point.earliest = point.latest =
        date::sys_days{date::year{year} / date::month{month_} / date::day{day_}};
  } else if (month_ != 0) {
    point.precision = EdtfPrecision::month;  // also 2023-12-XX
    point.earliest = first_day(year, month_);
    point.latest = last_day(year, month_);
  } else if (season_ != 0) {
    point.precision = EdtfPrecision::season;
    // Meteorological seasons; winter runs from December into the next year.
    const unsigned first_month = static_cast<unsigned>(3 * (season_ - 21) + 3);
    point.earliest = first_day(year, first_month);
    point.latest = first_month == 12 ? last_day(year + 1, 2) : last_day(year, first_month + 2);
  } else {
    point.precision = unspecified_year_digits_ == 1   ? EdtfPrecision::decade
                      : unspecified_year_digits_ == 2 ? EdtfPrecision::century
                                                      : EdtfPrecision::year;
    point.earliest = first_day(year_low_, 1);
    point.latest = last_day(year_high_, 12);
  }
}

// --- The whole text ---------------------------------------------------------------

struct ParseResult {
  bool interval = false;
  EdtfPoint start;
  EdtfPoint end;
  std::optional<EdtfError> error;
};

ParseResult parse_text(std::string_view text);

// Returns whether the interval side text[begin, end) was an open or unknown
// end (filling point), or an error for the 2012 draft's words.
bool scan_special_end(std::string_view text, std::size_t begin, std::size_t end, EdtfPoint& point,
                      std::optional<EdtfError>& error) {
  const std::string_view side = text.substr(begin, end - begin);
  if (side.empty()) {
    point = EdtfPoint{};
    point.kind = EdtfPoint::Kind::unknown;
    return true;
  }
  if (side == "..") {
    point = EdtfPoint{};
    point.kind = EdtfPoint::Kind::open;
    return true;
  }
  const std::string word = lowercase(side);
  if (word == "unknown") {
    error = make_error(begin, side.size(), "`unknown` comes from the 2012 draft of EDTF",
                       "leave the end empty for an unknown end, e.g. 1985/ or /1985");
    return true;
  }
  if (word == "open") {
    error = make_error(begin, side.size(), "`open` comes from the 2012 draft of EDTF",
                       "write .. for an open end, e.g. 1985/.. or ../1985");
    return true;
  }
  return false;
}

// Help for dates written with slashes, as in 20/12/2023 or 12/2023.
std::optional<EdtfError> check_slashed_date(std::string_view text) {
  std::array<std::string_view, 3> groups{};
  std::size_t count = 0;
  std::size_t from = 0;
  while (count < groups.size()) {
    const std::size_t slash = text.find('/', from);
    const std::string_view group =
        text.substr(from, slash == std::string_view::npos ? std::string_view::npos : slash - from);
    if (group.empty() || group.size() > 4 ||
        group.find_first_not_of("0123456789") != std::string_view::npos) {
      return std::nullopt;
    }
    groups.at(count++) = group;
    if (slash == std::string_view::npos) break;
    from = slash + 1;
    if (count == groups.size()) return std::nullopt;  // more than three groups
  }
  const auto value = [](std::string_view digits) { return std::stoi(std::string(digits)); };
  const auto valid = [](int y, int m, int d) {
    return m >= 1 && m <= 12 && d >= 1 &&
           static_cast<unsigned>(d) <= days_in_month(y, static_cast<unsigned>(m));
  };
  std::string help;
  if (count == 2 && groups[0].size() <= 2 && groups[1].size() == 4) {
    const int month = value(groups[0]);
    if (month < 1 || month > 12) return std::nullopt;
    help = "for " + month_name(static_cast<unsigned>(month)) + " " + std::string(groups[1]) +
           " write " + std::string(groups[1]) + "-" + padded(month, 2);
  } else if (count == 3 && groups[0].size() <= 2 && groups[1].size() <= 2 &&
             groups[2].size() == 4) {
    const int year = value(groups[2]), first = value(groups[0]), second = value(groups[1]);
    const std::string year_text(groups[2]);
    auto reading = [&](int day, int month) {
      return "for " + std::to_string(day) + " " + month_name(static_cast<unsigned>(month)) + " " + year_text +
             " write " + year_text + "-" + padded(month, 2) + "-" + padded(day, 2);
    };
    const bool day_first = valid(year, second, first), month_first = valid(year, first, second);
    if (!day_first && !month_first) return std::nullopt;
    // 03/04/2023 is 3 April in Britain and 4 March in the United States: a guess
    // would put a wrong date in the record, so both are offered.
    if (day_first && month_first && first != second) {
      help = reading(first, second) + "; " + reading(second, first);
    } else {
      help = day_first ? reading(first, second) : reading(second, first);
    }
  } else if (count == 3 && groups[0].size() == 4 && groups[1].size() <= 2 &&
             groups[2].size() <= 2) {
    const int year = value(groups[0]), month = value(groups[1]), day = value(groups[2]);
    if (!valid(year, month, day)) return std::nullopt;
    help = "write " + std::string(groups[0]) + "-" + padded(month, 2) + "-" + padded(day, 2);
  } else {
    return std::nullopt;
  }
  return make_error(0, text.size(), "this is free text, not an EDTF date", help);
}

// An interval whose end leaves out what it shares with the start, as people write
// "30 March–1 April": 2023-03-30/04-01 or 2023-03-30/31.
std::optional<EdtfError> check_shortened_end(std::string_view text, std::size_t slash) {
  const std::string_view start = text.substr(0, slash), end = text.substr(slash + 1);
  const auto digits = [](std::string_view part) {
    return !part.empty() && part.find_first_not_of("0123456789") == std::string_view::npos;
  };
  const bool day_start = start.size() == 10 && start[4] == '-' && start[7] == '-' && digits(start.substr(0, 4)) &&
                         digits(start.substr(5, 2)) && digits(start.substr(8, 2));
  if (!day_start) return std::nullopt;
  std::string whole;
  if (end.size() == 5 && end[2] == '-' && digits(end.substr(0, 2)) && digits(end.substr(3, 2))) {
    whole = std::string(start.substr(0, 5)) + std::string(end);  // the month and day
  } else if (end.size() == 2 && digits(end)) {
    whole = std::string(start.substr(0, 8)) + std::string(end);  // the day
  } else {
    return std::nullopt;
  }
  return make_error(slash + 1, end.size(), "the end of an interval is written in full in EDTF",
                    "write " + std::string(start) + "/" + whole);
}

std::optional<EdtfError> check_spaces(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (space_length(text, i) == 0) continue;
    std::size_t run_end = i;
    std::string without_spaces;
    without_spaces.reserve(std::min(text.size(), kSuggestionLimit + 1));
    for (std::size_t k = 0; k < text.size();) {
      const std::size_t space = space_length(text, k);
      if (space != 0) {
        if (k == run_end) run_end += space;
        k += space;
        continue;
      }
      if (without_spaces.size() > kSuggestionLimit) break;
      without_spaces += text[k++];
    }
    return make_error(i, run_end - i, "spaces are not allowed in an EDTF date",
                      suggest("write it without spaces: ", without_spaces, "remove the spaces"));
  }
  return std::nullopt;
}

std::optional<EdtfError> check_fancy_dashes(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::size_t length = fancy_dash_length(text, i);
    if (length == 0) continue;
    std::string help =
        "separate the two ends of an interval with /, and year, month and day with -";
    // Try the two readings a writer could have meant; the parse of the
    // replaced text has no such dashes left, so this recurses only once.
    if (text.size() <= kSuggestionLimit) {
      for (const char replacement : {'/', '-'}) {
        std::string replaced;
        for (std::size_t k = 0; k < text.size();) {
          const std::size_t dash = fancy_dash_length(text, k);
          if (dash != 0) {
            replaced += replacement;
            k += dash;
          } else {
            replaced += text[k++];
          }
        }
        if (!parse_text(replaced).error) {
          help = replacement == '/' ? "separate the start and end with /: " + replaced
                                    : "use a plain hyphen: " + replaced;
          break;
        }
      }
    }
    return make_error(i, length, quoted(text.substr(i, length)) + " is not allowed in an EDTF date",
                      help);
  }
  return std::nullopt;
}

ParseResult parse_text(std::string_view text) {
  ParseResult result;
  const auto failed = [&](EdtfError error) {
    result.error = std::move(error);
    return result;
  };
  if (text.empty()) return failed(make_error(0, 0, "the date is empty", std::string(kGenericHelp)));
  if (text.front() == '[' || text.front() == '{') {
    return failed(make_error(0, text.size(), level2("a set of dates in [ ] or { }"),
                             "give one date, or an interval such as 1667/1672"));
  }
  if (auto error = check_free_text(text)) return failed(*error);
  if (auto error = check_spaces(text)) return failed(*error);
  if (auto error = check_fancy_dashes(text)) return failed(*error);

  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) {
    if (text == "..") {
      return failed(make_error(0, 2, "`..` is the open end of an interval",
                               "write it after or before /, e.g. 1985/.. or ../1985"));
    }
    EdtfPoint special;
    std::optional<EdtfError> error;
    if (scan_special_end(text, 0, text.size(), special, error) && error) return failed(*error);
    PointScanner scanner(text, 0, text.size(), false);
    if (!scanner.scan(result.start)) return failed(scanner.error());
    result.end = result.start;
    return result;
  }

  const std::size_t second_slash = text.find('/', slash + 1);
  if (second_slash != std::string_view::npos) {
    if (auto error = check_slashed_date(text)) return failed(*error);
    return failed(make_error(second_slash, 1, "an interval has only one /",
                             "write start/end, e.g. 2023-12-20/2023-12-23"));
  }
  if (auto error = check_slashed_date(text)) return failed(*error);
  if (auto error = check_shortened_end(text, slash)) return failed(*error);

  result.interval = true;
  const std::array<std::pair<std::size_t, std::size_t>, 2> sides = {
      std::pair{std::size_t{0}, slash}, std::pair{slash + 1, text.size()}};
  std::array<EdtfPoint*, 2> points = {&result.start, &result.end};
  for (std::size_t side = 0; side < sides.size(); ++side) {
    const auto [begin, end] = sides.at(side);
    std::optional<EdtfError> error;
    if (scan_special_end(text, begin, end, *points.at(side), error)) {
      if (error) return failed(*error);
      continue;
    }
    PointScanner scanner(text, begin, end, true);
    if (!scanner.scan(*points.at(side))) return failed(scanner.error());
  }
  const bool start_is_date = result.start.kind == EdtfPoint::Kind::date;
  const bool end_is_date = result.end.kind == EdtfPoint::Kind::date;
  if (!start_is_date && !end_is_date) {
    return failed(make_error(0, text.size(), "an interval needs at least one date",
                             "write e.g. 1985/.. or /1985"));
  }
  if (start_is_date && end_is_date && result.end.latest < result.start.earliest) {
    const std::string swapped =
        std::string(text.substr(slash + 1)) + "/" + std::string(text.substr(0, slash));
    return failed(
        make_error(slash + 1, text.size() - slash - 1, "the interval ends before it starts",
                   suggest("put the earlier date first: ", swapped, "put the earlier date first")));
  }
  return result;
}

// --- Words ------------------------------------------------------------------------

std::string qualifier_words(const EdtfPoint& point) {
  if (point.uncertain && point.approximate) return "possibly around ";
  if (point.uncertain) return "possibly ";
  if (point.approximate) return "around ";
  return "";
}

std::string_view season_name(unsigned first_month) {
  switch (first_month) {
    case 3:
      return "spring";
    case 6:
      return "summer";
    case 9:
      return "autumn";
    default:
      return "winter";
  }
}

bool is_winter(const EdtfPoint& point) {
  return point.precision == EdtfPrecision::season && month_of(point.earliest) == 12;
}

// "2023–24" for winter 2023, "1999–2000", "45–44 BC".
std::string winter_years_words(int year) {
  if (year >= 1000 && year / 100 == (year + 1) / 100) {
    return std::to_string(year) + "–" + padded((year + 1) % 100, 2);
  }
  return year_range_words(year, year + 1);
}

// The part of a date before its year: "14 November", "November", "spring", "".
std::string words_before_year(const EdtfPoint& point) {
  switch (point.precision) {
    case EdtfPrecision::day:
    case EdtfPrecision::second:
      return std::to_string(day_of(point.earliest)) + " " + month_name(month_of(point.earliest));
    case EdtfPrecision::month:
      return month_name(month_of(point.earliest));
    case EdtfPrecision::season:
      return std::string(season_name(month_of(point.earliest)));
    default:
      return "";
  }
}

std::string time_words(const EdtfPoint& point) {
  const int seconds = point.seconds_of_day;
  std::string out = padded(seconds / 3600, 2) + ":" + padded(seconds / 60 % 60, 2);
  if (seconds % 60 != 0) out += ":" + padded(seconds % 60, 2);
  if (point.utc_offset_minutes != EdtfPoint::kNoOffset) {
    const int offset = point.utc_offset_minutes;
    out += " UTC";
    if (offset != 0) {
      const int magnitude = offset < 0 ? -offset : offset;
      out += (offset < 0 ? "-" : "+") + padded(magnitude / 60, 2) + ":" + padded(magnitude % 60, 2);
    }
  }
  return out;
}

// "some day in November 2023", "some month in 2023", or "" when nothing in the
// date is unspecified. text is the date as written: it alone tells 2023-XX from
// 2023-XX-XX, which have the same precision and bounds.
std::string unspecified_words(const EdtfPoint& point, std::string_view text) {
  const int year = year_of(point.earliest);
  if (!point.unspecified) return "";
  if (point.precision == EdtfPrecision::month) {
    return "some day in " + words_before_year(point) + " " + year_words(year);
  }
  if (point.precision == EdtfPrecision::year) {
    const bool day_unknown = text.find("XX-XX") != std::string_view::npos;
    return (day_unknown ? "some day in " : "some month in ") + year_words(year);
  }
  return "";
}

// One date in words, qualifier included. mark_ad writes "AD" before the year,
// for the end of an interval that starts BC.
std::string point_words(const EdtfPoint& point, std::string_view text, bool mark_ad = false) {
  const int first_year = year_of(point.earliest);
  const int last_year = year_of(point.latest);
  // "some day in …" does not read after "around"; the qualifier follows instead.
  if (const std::string some = unspecified_words(point, text); !some.empty()) {
    if (point.uncertain && point.approximate) return some + " (uncertain, approximate)";
    if (point.uncertain) return some + " (uncertain)";
    if (point.approximate) return some + " (approximate)";
    return some;
  }
  std::string words;
  switch (point.precision) {
    case EdtfPrecision::decade:
      words = first_year >= 1000 && first_year % 100 != 0
                  ? "the " + std::to_string(first_year) + "s"
                  : year_range_words(first_year, last_year);
      break;
    case EdtfPrecision::century:
      words = year_range_words(first_year, last_year);
      break;
    case EdtfPrecision::year:
      words = year_words(first_year, mark_ad);
      break;
    case EdtfPrecision::second:
      words = words_before_year(point) + " " + year_words(first_year) + ", " + time_words(point);
      break;
    case EdtfPrecision::season:
      words = words_before_year(point) + " " +
              (is_winter(point) ? winter_years_words(first_year) : year_words(first_year));
      break;
    default:
      words = words_before_year(point) + " " + year_words(first_year, mark_ad);
      break;
  }
  return qualifier_words(point) + words;
}

bool is_plain(const EdtfPoint& point) {
  return !point.uncertain && !point.approximate && !point.unspecified;
}

// Dates whose year can be left to the end of the interval: "28 November – 2
// December 2023". A winter names two years and keeps them.
bool year_can_be_shared(const EdtfPoint& point) {
  return (point.precision == EdtfPrecision::day || point.precision == EdtfPrecision::month ||
          point.precision == EdtfPrecision::season) &&
         !is_winter(point);
}

std::string interval_words(const EdtfPoint& start, const EdtfPoint& end) {
  const std::string start_words = point_words(start, "");
  const std::string end_words = point_words(end, "");
  if (start_words == end_words) return start_words;  // 2023-12-20/2023-12-20
  const int start_year = year_of(start.earliest);
  const int end_year = year_of(end.earliest);
  const bool same_year = start_year == end_year;
  if (is_plain(start) && is_plain(end) && start.precision == end.precision) {
    if (start.precision == EdtfPrecision::year) return year_range_words(start_year, end_year);
    if (same_year && year_can_be_shared(start) && year_can_be_shared(end)) {
      const bool same_month = month_of(start.earliest) == month_of(end.earliest);
      if (start.precision == EdtfPrecision::day && same_month) {
        return std::to_string(day_of(start.earliest)) + "–" + end_words;  // 20–23 December 2023
      }
      if (start.precision != EdtfPrecision::day) {
        return words_before_year(start) + "–" + end_words;  // November–December 2023
      }
    }
  }
  if (same_year && year_can_be_shared(start) && year_can_be_shared(end)) {
    // 28 November – 2 December 2023; around 1 December – 21 December 2023
    return qualifier_words(start) + words_before_year(start) + " – " + end_words;
  }
  const bool mark_ad = start_year <= 0 && year_of(end.latest) >= 1;
  const std::string marked_end_words = point_words(end, "", mark_ad);
  // An en dash inside either end ("winter 2023–24") would make a spaced dash
  // between them ambiguous.
  const bool dash_inside =
      start_words.find("–") != std::string::npos || marked_end_words.find("–") != std::string::npos;
  return start_words + (dash_inside ? " to " : " – ") + marked_end_words;
}

}  // namespace

Edtf Edtf::parse(std::string_view text) {
  Edtf value;
  try {
    value.text_ = std::string(text);
    ParseResult result = parse_text(text);
    if (result.error) {
      value.error_ = std::make_shared<const EdtfError>(std::move(*result.error));
      return value;
    }
    value.interval_ = result.interval;
    value.start_ = result.start;
    value.end_ = result.end;
  } catch (const std::exception&) {
    // Only allocation can throw here; report it rather than let it escape.
    value.error_ = std::make_shared<const EdtfError>(make_error(0, text.size(), "this date could not be read", ""));
  }
  return value;
}

std::optional<date::sys_days> Edtf::earliest() const {
  if (!ok() || start_.kind != EdtfPoint::Kind::date) return std::nullopt;
  return start_.earliest;
}

std::optional<date::sys_days> Edtf::latest() const {
  if (!ok() || end_.kind != EdtfPoint::Kind::date) return std::nullopt;
  return end_.latest;
}

std::string describe(const Edtf& value) {
  if (!value.ok()) return value.text();
  if (!value.is_interval()) return point_words(value.start(), value.text());
  const EdtfPoint& start = value.start();
  const EdtfPoint& end = value.end();
  if (start.kind != EdtfPoint::Kind::date) {
    const std::string until = "until " + point_words(end, "");
    return start.kind == EdtfPoint::Kind::open ? until : until + ", start unknown";
  }
  if (end.kind != EdtfPoint::Kind::date) {
    const std::string from = "from " + point_words(start, "");
    return end.kind == EdtfPoint::Kind::open ? from + " onwards" : from + ", end unknown";
  }
  return interval_words(start, end);
}

std::string describe_one_day(const Edtf& value) {
  if (!value.ok() || !value.is_interval()) return describe(value);
  const EdtfPoint& start = value.start();
  const EdtfPoint& end = value.end();
  const bool has_start = start.kind == EdtfPoint::Kind::date, has_end = end.kind == EdtfPoint::Kind::date;
  if (!has_start && has_end) return "on or before " + point_words(end, "");
  if (has_start && !has_end) return "on or after " + point_words(start, "");
  return describe(value);
}

std::string_view to_string(EdtfPrecision precision) {
  switch (precision) {
    case EdtfPrecision::decade:
      return "decade";
    case EdtfPrecision::century:
      return "century";
    case EdtfPrecision::year:
      return "year";
    case EdtfPrecision::season:
      return "season";
    case EdtfPrecision::month:
      return "month";
    case EdtfPrecision::day:
      return "day";
    case EdtfPrecision::second:
      return "second";
  }
  return "unknown";
}

std::string iso_day(date::sys_days day) {
  const date::year_month_day ymd{day};
  return padded(static_cast<int>(ymd.year()), 4) + "-" +
         padded(static_cast<int>(static_cast<unsigned>(ymd.month())), 2) + "-" +
         padded(static_cast<int>(static_cast<unsigned>(ymd.day())), 2);
}

std::string precision_of(const Edtf& date) {
  auto shown = [](const EdtfPoint& p) {
    if (p.kind == EdtfPoint::Kind::date) return std::string(to_string(p.precision));
    return std::string(p.kind == EdtfPoint::Kind::open ? "open" : "unknown");
  };
  if (!date.is_interval()) return std::string(to_string(date.start().precision));
  return shown(date.start()) + "/" + shown(date.end());
}

std::vector<std::string_view> qualifiers_of(const Edtf& date) {
  std::vector<std::string_view> out;
  if (date.uncertain()) out.push_back("uncertain");
  if (date.approximate()) out.push_back("approximate");
  return out;
}

std::string day_in_words(date::sys_days day) {
  const date::year_month_day ymd{day};
  return std::to_string(static_cast<unsigned>(ymd.day())) + " " + month_in_words(day);
}

std::string month_in_words(date::sys_days day) {
  const date::year_month_day ymd{day};
  return month_name(static_cast<unsigned>(ymd.month())) + " " + year_words(static_cast<int>(ymd.year()));
}

std::weak_ordering timeline_order(const Edtf& a, const Edtf& b) {
  const auto a_earliest = a.earliest(), b_earliest = b.earliest();
  if (a_earliest != b_earliest) {
    if (!a_earliest) return std::weak_ordering::less;  // open or unknown starts first
    if (!b_earliest) return std::weak_ordering::greater;
    return *a_earliest < *b_earliest ? std::weak_ordering::less : std::weak_ordering::greater;
  }
  const auto a_latest = a.latest(), b_latest = b.latest();
  if (a_latest != b_latest) {
    if (!a_latest) return std::weak_ordering::greater;  // open or unknown ends last
    if (!b_latest) return std::weak_ordering::less;
    return *a_latest < *b_latest ? std::weak_ordering::less : std::weak_ordering::greater;
  }
  const int by_text = a.text().compare(b.text());
  if (by_text == 0) return std::weak_ordering::equivalent;
  return by_text < 0 ? std::weak_ordering::less : std::weak_ordering::greater;
}

Before before(const Edtf& a, const Edtf& b) {
  // A missing bound is -infinity for a start and +infinity for an end, so it
  // can never make "certainly" or "no" true.
  const auto a_earliest = a.earliest(), a_latest = a.latest();
  const auto b_earliest = b.earliest(), b_latest = b.latest();
  if (a_latest && b_earliest && *a_latest < *b_earliest) return Before::certainly;
  if (a_earliest && b_latest && *a_earliest > *b_latest) return Before::no;
  return Before::possibly;
}

}  // namespace strikeline
