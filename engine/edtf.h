// EDTF (ISO 8601-2, Library of Congress 2019) levels 0 and 1 as calendar values.
//
// A date is kept as the text it came from plus what that text allows: the earliest
// and latest day it can mean. Nothing is rounded to a made-up day: `2023-11` spans
// the whole of November, `2023-12~` says it is approximate, `2024-01-15/..` has an
// open end. Level 2 syntax is refused with a message that says so.
#pragma once

#include <date/date.h>

#include <climits>
#include <compare>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>
#include <string_view>

namespace strikeline {

enum class EdtfPrecision : std::uint8_t {
  decade,   // 201X (unspecified last digit of the year)
  century,  // 19XX
  year,     // 2023, 2023-XX, 2023-XX-XX
  season,   // 2023-21 (spring) … 2023-24 (winter)
  month,    // 2023-12, 2023-12-XX
  day,      // 2023-12-20
  second,   // 2023-12-20T07:00:00
};

// One end of an interval, or the whole of a single date.
struct EdtfPoint {
  enum class Kind : std::uint8_t {
    date,     // a calendar date of some precision
    open,     // `..`: the interval runs on without end (or from no start)
    unknown,  // empty: the end exists but is not known
  };
  static constexpr std::int16_t kNoOffset = INT16_MIN;

  // 20 bytes, laid out so: a timeline holds one point or two per event.
  Kind kind = Kind::date;
  EdtfPrecision precision = EdtfPrecision::day;
  bool uncertain = false;    // `?` or `%`
  bool approximate = false;  // `~` or `%`
  bool unspecified = false;  // has X digits
  bool has_time = false;     // a date-time: precision is second
  // Offset from UTC in minutes when a date-time gave one (`Z` is 0), else kNoOffset.
  std::int16_t utc_offset_minutes = kNoOffset;
  date::sys_days earliest{};  // first day this point can mean (kind == date)
  date::sys_days latest{};    // last day this point can mean (kind == date)
  std::int32_t seconds_of_day = 0;  // time of day in the stated offset, when has_time
};

// Why a text is not EDTF: where (byte offset into the text, 0-based), how much of
// it, and what would be right.
struct EdtfError {
  std::size_t offset = 0;
  std::size_t length = 1;
  std::string message;  // lowercase, no final period: "month 13 does not exist"
  std::string help;     // what would be right, or empty
};

class Edtf {
 public:
  // Parses strictly; on failure ok() is false and error() says why.
  static Edtf parse(std::string_view text);

  bool ok() const { return error_ == nullptr; }
  const EdtfError& error() const { return *error_; }

  const std::string& text() const { return text_; }
  bool is_interval() const { return interval_; }
  const EdtfPoint& start() const { return start_; }
  const EdtfPoint& end() const { return end_; }  // == start() for a single date

  // Bounds of the whole value; nullopt where the end is open or unknown.
  std::optional<date::sys_days> earliest() const;
  std::optional<date::sys_days> latest() const;

  bool uncertain() const { return start_.uncertain || end_.uncertain; }
  bool approximate() const { return start_.approximate || end_.approximate; }

 private:
  std::string text_;
  bool interval_ = false;
  EdtfPoint start_;
  EdtfPoint end_;
  // Shared, not inline: most dates are valid, and a timeline holds many of them.
  std::shared_ptr<const EdtfError> error_;
};

// British English words for timelines: "20–23 December 2023", "around 14 November
// 2023", "some day in November 2023", "from 15 January 2024, end unknown".
// A value that did not parse is described by its text.
std::string describe(const Edtf& date);

// The same for the one day on which a single act happened (a statement, an offer),
// when the date is the span that day lies in: "on or before 12 December 2022" and
// "on or after 1 December 2022" where describe() would say "until …, start
// unknown" or "from …, end unknown", which suit a state that lasted.
std::string describe_one_day(const Edtf& date);

// "decade", "century", "year", "season", "month", "day", "second".
std::string_view to_string(EdtfPrecision precision);
// A date's precision, an interval's at each end: "day", "month/open", "year/unknown".
std::string precision_of(const Edtf& date);
// "uncertain", "approximate", both, or none.
std::vector<std::string_view> qualifiers_of(const Edtf& date);

// `YYYY-MM-DD` (with a leading `-` and more digits where the year needs them).
std::string iso_day(date::sys_days day);

// "21 December 2023" and "December 2023": a day, and the month it lies in, in the
// words every output and message uses (describe() says a one-day date the same way).
std::string day_in_words(date::sys_days day);
std::string month_in_words(date::sys_days day);

// A total order of dates by themselves: earliest day (unknown or open starts
// first), then latest day (open or unknown ends last), then the text, so equal
// ranges never swap places. The timeline orders events by more than their dates
// (their links too): see reason.h.
std::weak_ordering timeline_order(const Edtf& a, const Edtf& b);

enum class Before : std::uint8_t {
  certainly,  // a's latest day is before b's earliest day
  possibly,   // their ranges overlap, or an open/unknown end leaves it undecided
  no,         // a's earliest day is after b's latest day
};
Before before(const Edtf& a, const Edtf& b);

}  // namespace strikeline
