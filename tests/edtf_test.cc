// Tests for engine/edtf: table-driven, one row per input, each loop CAPTUREs the
// input so a failure names its row.
#include "edtf.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>

namespace {

using strikeline::Before;
using strikeline::Edtf;
using strikeline::EdtfPrecision;
using P = strikeline::EdtfPrecision;

std::string day_text(std::optional<date::sys_days> day) {
  return day ? strikeline::iso_day(*day) : "none";
}

// A value EDTF and strikeline accept. "none" is an open or unknown end.
struct ValidRow {
  std::string_view text;
  std::string_view earliest;
  std::string_view latest;
  EdtfPrecision precision;  // of the start (of the end when the start is open)
  bool uncertain = false;
  bool approximate = false;
  bool unspecified = false;
};

void check_valid(const ValidRow& row) {
  CAPTURE(row.text);
  const Edtf value = Edtf::parse(row.text);
  REQUIRE_MESSAGE(value.ok(), value.error().message);
  CHECK(value.text() == row.text);
  CHECK(day_text(value.earliest()) == row.earliest);
  CHECK(day_text(value.latest()) == row.latest);
  const auto& dated =
      value.start().kind == strikeline::EdtfPoint::Kind::date ? value.start() : value.end();
  CHECK(dated.precision == row.precision);
  CHECK(value.uncertain() == row.uncertain);
  CHECK(value.approximate() == row.approximate);
  CHECK((value.start().unspecified || value.end().unspecified) == row.unspecified);
  CHECK(value.is_interval() == (row.text.find('/') != std::string_view::npos));
  // A side of `..` is an open end, an empty side an unknown one.
  if (value.is_interval()) {
    using Kind = strikeline::EdtfPoint::Kind;
    const auto kind_of = [](std::string_view side) {
      return side == ".." ? Kind::open : side.empty() ? Kind::unknown : Kind::date;
    };
    const std::size_t slash = row.text.find('/');
    CHECK(value.start().kind == kind_of(row.text.substr(0, slash)));
    CHECK(value.end().kind == kind_of(row.text.substr(slash + 1)));
  }
}

// Every level 0 example of the 2019 specification.
constexpr ValidRow kSpecLevel0[] = {
    {"1985-04-12", "1985-04-12", "1985-04-12", P::day},  // spec: date, complete
    {"1985-04", "1985-04-01", "1985-04-30", P::month},   // spec: date, year and month
    {"1985", "1985-01-01", "1985-12-31", P::year},       // spec: date, year
    // spec: date and local time
    {"1985-04-12T23:20:30", "1985-04-12", "1985-04-12", P::second},
    // spec: date and UTC time
    {"1985-04-12T23:20:30Z", "1985-04-12", "1985-04-12", P::second},
    // spec: date and time shifted in hours (4 hours behind UTC)
    {"1985-04-12T23:20:30-04", "1985-04-12", "1985-04-12", P::second},
    // spec: date and time shifted in hours and minutes (4:30 ahead of UTC)
    {"1985-04-12T23:20:30+04:30", "1985-04-12", "1985-04-12", P::second},
    {"1964/2008", "1964-01-01", "2008-12-31", P::year},         // spec: interval, years
    {"2004-06/2006-08", "2004-06-01", "2006-08-31", P::month},  // spec: interval, months
    // spec: interval, days
    {"2004-02-01/2005-02-08", "2004-02-01", "2005-02-08", P::day},
    // spec: interval, day to month
    {"2004-02-01/2005-02", "2004-02-01", "2005-02-28", P::day},
    {"2004-02-01/2005", "2004-02-01", "2005-12-31", P::day},  // spec: interval, day to year
    {"2005/2006-02", "2005-01-01", "2006-02-28", P::year},    // spec: interval, year to month
};

// Every level 1 example of the 2019 specification except its two `Y` years,
// Y170000002 and Y-170000002, which lie beyond the date library's years and are
// in kSpecOutOfRange below.
//
// Unspecified digits: the specification gives 201X and 20XX year precision,
// 2004-XX month precision and 1985-04-XX and 1985-XX-XX day precision (a day
// that exists but is not given). EdtfPrecision says how finely the earliest and
// latest days are known (see edtf.h), so those rows read decade, century, year,
// month and year; their days are what the specification means.
constexpr ValidRow kSpecLevel1[] = {
    // spec: season, 21 is spring (the months are strikeline's, see edtf.cc)
    {"2001-21", "2001-03-01", "2001-05-31", P::season},
    // spec: qualification of a date, uncertain year
    {"1984?", "1984-01-01", "1984-12-31", P::year, true, false},
    // spec: qualification of a date, approximate year and month
    {"2004-06~", "2004-06-01", "2004-06-30", P::month, false, true},
    // spec: qualification of a date, whole date uncertain and approximate
    {"2004-06-11%", "2004-06-11", "2004-06-11", P::day, true, true},
    // spec: unspecified digits, year with its last digit unspecified
    {"201X", "2010-01-01", "2019-12-31", P::decade, false, false, true},
    // spec: unspecified digits, year with its last two digits unspecified
    {"20XX", "2000-01-01", "2099-12-31", P::century, false, false, true},
    // spec: unspecified digits, month unspecified
    {"2004-XX", "2004-01-01", "2004-12-31", P::year, false, false, true},
    // spec: unspecified digits, day unspecified
    {"1985-04-XX", "1985-04-01", "1985-04-30", P::month, false, false, true},
    // spec: unspecified digits, month and day unspecified
    {"1985-XX-XX", "1985-01-01", "1985-12-31", P::year, false, false, true},
    {"1985-04-12/..", "1985-04-12", "none", P::day},  // spec: extended interval, open end
    {"1985-04/..", "1985-04-01", "none", P::month},   // spec: extended interval, open end
    {"1985/..", "1985-01-01", "none", P::year},       // spec: extended interval, open end
    {"../1985-04-12", "none", "1985-04-12", P::day},  // spec: extended interval, open start
    {"../1985-04", "none", "1985-04-30", P::month},   // spec: extended interval, open start
    {"../1985", "none", "1985-12-31", P::year},       // spec: extended interval, open start
    {"1985-04-12/", "1985-04-12", "none", P::day},    // spec: extended interval, unknown end
    {"1985-04/", "1985-04-01", "none", P::month},     // spec: extended interval, unknown end
    {"1985/", "1985-01-01", "none", P::year},         // spec: extended interval, unknown end
    {"/1985-04-12", "none", "1985-04-12", P::day},    // spec: extended interval, unknown start
    {"/1985-04", "none", "1985-04-30", P::month},     // spec: extended interval, unknown start
    {"/1985", "none", "1985-12-31", P::year},         // spec: extended interval, unknown start
    {"-1985", "-1985-01-01", "-1985-12-31", P::year},  // spec: negative calendar year
};

// More valid values: calendar edges, seasons, eras, date-times, Y years in range.
constexpr ValidRow kMoreValid[] = {
    {"2024-02-29", "2024-02-29", "2024-02-29", P::day},
    {"2000-02-29", "2000-02-29", "2000-02-29", P::day},
    {"2023-02", "2023-02-01", "2023-02-28", P::month},
    {"2024-02", "2024-02-01", "2024-02-29", P::month},
    {"2023-04-30", "2023-04-30", "2023-04-30", P::day},
    {"2023-12-31", "2023-12-31", "2023-12-31", P::day},
    {"2023-22", "2023-06-01", "2023-08-31", P::season},
    {"2023-23", "2023-09-01", "2023-11-30", P::season},
    {"2023-24", "2023-12-01", "2024-02-29", P::season},
    {"2019-24", "2019-12-01", "2020-02-29", P::season},
    {"2022-24", "2022-12-01", "2023-02-28", P::season},
    {"2023-21~", "2023-03-01", "2023-05-31", P::season, false, true},
    {"2023-21/2023-23", "2023-03-01", "2023-11-30", P::season},
    {"0000", "0000-01-01", "0000-12-31", P::year},
    {"-0044", "-0044-01-01", "-0044-12-31", P::year},
    {"-0044-03-15", "-0044-03-15", "-0044-03-15", P::day},
    {"-0100/-0044", "-0100-01-01", "-0044-12-31", P::year},
    {"-201X", "-2019-01-01", "-2010-12-31", P::decade, false, false, true},
    {"0001-01-01", "0001-01-01", "0001-01-01", P::day},
    {"9999-12-31", "9999-12-31", "9999-12-31", P::day},
    {"Y10000", "10000-01-01", "10000-12-31", P::year},
    {"Y32767", "32767-01-01", "32767-12-31", P::year},
    {"Y-32767", "-32767-01-01", "-32767-12-31", P::year},
    {"Y-10000", "-10000-01-01", "-10000-12-31", P::year},
    {"Y12345?", "12345-01-01", "12345-12-31", P::year, true, false},
    {"2023-12-20T00:00:00", "2023-12-20", "2023-12-20", P::second},
    {"2023-12-20T23:59:59+14:00", "2023-12-20", "2023-12-20", P::second},
    {"2023-12-20T23:59:59-12:00", "2023-12-20", "2023-12-20", P::second},
    {"2023-12-20T07:00:00+00:00", "2023-12-20", "2023-12-20", P::second},
    {"2023-11-XX?", "2023-11-01", "2023-11-30", P::month, true, false, true},
    {"20XX~", "2000-01-01", "2099-12-31", P::century, false, true, true},
    {"2023-12-20/2023-12-20", "2023-12-20", "2023-12-20", P::day},
    {"2023-12/2023-12-05", "2023-12-01", "2023-12-05", P::month},
    {"2023/2023-06", "2023-01-01", "2023-06-30", P::year},
    {"2004-06-11%/2004-06~", "2004-06-11", "2004-06-30", P::day, true, true},
    {"2024-01-15/..", "2024-01-15", "none", P::day},
    {"../2023-12-05", "none", "2023-12-05", P::day},
    // Qualified ends of an interval: level 1 lets ?, ~ or % end either date of
    // an interval. The 2019 specification gives no example; these are the 2012
    // draft's, with its ?~ written %.
    {"1984~/2004-06", "1984-01-01", "2004-06-30", P::year, false, true},
    {"1984/2004-06~", "1984-01-01", "2004-06-30", P::year, false, true},
    {"1984~/2004~", "1984-01-01", "2004-12-31", P::year, false, true},
    {"1984?/2004%", "1984-01-01", "2004-12-31", P::year, true, true},
    {"1984-06?/2004-08?", "1984-06-01", "2004-08-31", P::month, true, false},
    {"1984-06-02?/2004-08-08~", "1984-06-02", "2004-08-08", P::day, true, true},
    {"1984-06-02?/", "1984-06-02", "none", P::day, true, false},
    {"../1985~", "none", "1985-12-31", P::year, false, true},
};

TEST_CASE("edtf: level 0 examples of the specification") {
  for (const ValidRow& row : kSpecLevel0) check_valid(row);
}

TEST_CASE("edtf: level 1 examples of the specification") {
  for (const ValidRow& row : kSpecLevel1) check_valid(row);
}

TEST_CASE("edtf: more valid values") {
  for (const ValidRow& row : kMoreValid) check_valid(row);
}

// Refused values: where, and what the message and help say.
struct InvalidRow {
  std::string_view text;
  std::size_t offset;
  std::string_view message;    // a substring of the message
  std::string_view help = {};  // a substring of the help, or nothing to check
};

void check_invalid(const InvalidRow& row) {
  CAPTURE(row.text);
  const Edtf value = Edtf::parse(row.text);
  REQUIRE_FALSE(value.ok());
  const auto& error = value.error();
  CAPTURE(error.message);
  CAPTURE(error.help);
  CHECK(error.offset == row.offset);
  CHECK(error.offset + error.length <= row.text.size());
  CHECK(error.message.find(row.message) != std::string::npos);
  CHECK(error.help.find(row.help) != std::string::npos);
  // Lowercase (symbols such as Y and UTC aside), no final period.
  REQUIRE(error.message.size() >= 2);
  CHECK(error.message.back() != '.');
  const bool capitalised = error.message[0] >= 'A' && error.message[0] <= 'Z' &&
                           error.message[1] >= 'a' && error.message[1] <= 'z';
  CHECK_FALSE(capitalised);
  CHECK_FALSE(value.earliest().has_value());
  CHECK_FALSE(value.latest().has_value());
}

constexpr std::string_view kLevel2 = "is EDTF level 2, which strikeline does not support";

// Every level 2 example of the 2019 specification, refused as level 2, but one:
// its first group-qualification example, 2004-06-11%, is also a level 1 example
// (qualification of a whole date) and is accepted in kSpecLevel1.
constexpr InvalidRow kSpecLevel2[] = {
    {"Y-17E7", 4, kLevel2},        // spec: exponential year
    {"1950S2", 4, kLevel2},        // spec: significant digits, four-digit year
    {"Y171010000S3", 10, kLevel2},  // spec: significant digits, Y year
    {"Y3388E2S3", 5, kLevel2},     // spec: significant digits, exponential year
    {"2001-34", 5, kLevel2, "2001-04/2001-06"},  // spec: sub-year grouping, quarter 2
    {"[1667,1668,1670..1672]", 0, kLevel2},       // spec: one of a set
    {"[..1760-12-03]", 0, kLevel2},               // spec: one of a set, on or before
    {"[1760-12..]", 0, kLevel2},                  // spec: one of a set, on or after
    {"[1760-01,1760-02,1760-12..]", 0, kLevel2},  // spec: one of a set
    {"[1667,1760-12]", 0, kLevel2},               // spec: one of a set, mixed precision
    {"[..1984]", 0, kLevel2},                     // spec: one of a set, on or before
    {"{1667,1668,1670..1672}", 0, kLevel2},       // spec: all members
    {"{1960,1961-12}", 0, kLevel2},               // spec: all members, mixed precision
    {"{..1984}", 0, kLevel2},                     // spec: all members, on or before
    {"2004-06~-11", 7, kLevel2, "2004-06-11~"},   // spec: group qualification
    {"2004?-06-11", 4, kLevel2, "2004-06-11?"},   // spec: group qualification
    {"?2004-06-~11", 0, kLevel2},                 // spec: qualified component
    {"2004-%06-11", 5, kLevel2},                  // spec: qualified component
    {"156X-12-25", 5, kLevel2},                   // spec: unspecified digit in a component
    {"15XX-12-25", 5, kLevel2},                   // spec: unspecified digit in a component
    {"XXXX-12-XX", 0, kLevel2},                   // spec: unspecified digit in a component
    {"1XXX-XX", 1, kLevel2},                      // spec: unspecified digit in a component
    {"1XXX-12", 1, kLevel2},                      // spec: unspecified digit in a component
    {"1984-1X", 5, kLevel2},                      // spec: unspecified digit in a component
    {"2004-06-~01/2004-06-~20", 8, kLevel2},      // spec: interval, qualified components
    {"2004-06-XX/2004-07-03", 8, kLevel2},        // spec: interval, unspecified day
    // More level 2: exponent without a sign, other sub-year groupings, X not
    // from the right, X inside an interval, a set as an interval end.
    {"Y17E8", 3, kLevel2},
    {"2001-25", 5, kLevel2, "season 21"},
    {"2001-29", 5, kLevel2, "2001-09/2001-11"},
    {"2001-30", 5, kLevel2, "2001-12/2002-02"},
    {"2001-37", 5, kLevel2, "2001-01/2001-04"},
    {"2001-41", 5, kLevel2, "2001-07/2001-12"},
    {"2023-XX-15", 8, kLevel2},
    {"2023-12-1X", 8, kLevel2, "2023-12-XX"},
    {"201X-05", 5, kLevel2, "201X"},
    {"1X85", 2, kLevel2},
    {"1XXX", 1, kLevel2},
    {"XXXX", 0, kLevel2},
    {"2023-11-XX/2023-12-05", 8, kLevel2},
    {"201X/2023", 3, kLevel2},
    {"2023/[2024]", 5, kLevel2},
};

// Valid EDTF level 1 (the specification's own `Y` examples, and Y-200000), but
// beyond the years -32767..32767 that the date library represents: refused, and
// the message says so.
constexpr InvalidRow kSpecOutOfRange[] = {
    // spec: letter-prefixed calendar year (both of its examples)
    {"Y170000002", 0,
     "year 170000002 is outside the years strikeline can represent (-32767 to 32767)"},
    {"Y-170000002", 0,
     "year -170000002 is outside the years strikeline can represent (-32767 to 32767)"},
    {"Y-200000", 0, "year -200000 is outside the years strikeline can represent"},
    {"Y32768", 0, "outside the years strikeline can represent"},
    {"Y-32768", 0, "outside the years strikeline can represent"},
    {"Y99999999999999999999999999999999", 0,
     "this year is outside the years strikeline can represent"},
    {"1985/Y170000002", 5, "outside the years strikeline can represent"},
};

constexpr InvalidRow kStrictness[] = {
    // Empty and free text.
    {"", 0, "the date is empty", "2023-12-20"},
    {"c.1984", 0, "this is free text, not an EDTF date", "for an approximate year write 1984~"},
    {"circa 1984", 0, "this is free text, not an EDTF date", "1984~"},
    {"about March 2023", 0, "not an EDTF date", "for an approximate month write 2023-03~"},
    {"20 December 2023", 3, "this is free text, not an EDTF date", "write 2023-12-20"},
    {"December 2023", 0, "not an EDTF date", "write 2023-12"},
    {"probably 1984", 0, "not an EDTF date", "1984?"},
    {"1984 to 1990", 5, "not an EDTF date", "1984/1990"},
    {"since March 2023", 0, "not an EDTF date", "2023-03/.."},
    {"TBC", 0, "this is free text, not an EDTF date"},
    {"#", 0, "this is free text, not an EDTF date"},
    {"20/12/2023", 0, "this is free text, not an EDTF date", "for 20 December 2023 write 2023-12-20"},
    {"03/04/2023", 0, "not an EDTF date", "for 3 April 2023 write 2023-04-03; for 4 March 2023 write 2023-03-04"},
    {"12/31/2023", 0, "not an EDTF date", "for 31 December 2023 write 2023-12-31"},
    {"12/2023", 0, "not an EDTF date", "for December 2023 write 2023-12"},
    {"2023-03-30/04-01", 11, "the end of an interval is written in full in EDTF", "write 2023-03-30/2023-04-01"},
    {"2023-03-30/31", 11, "the end of an interval is written in full in EDTF", "write 2023-03-30/2023-03-31"},
    {"2023/12/20", 0, "not an EDTF date", "write 2023-12-20"},
    {"2023/2024/2025", 9, "an interval has only one /"},
    // Months and days that do not exist.
    {"2023-13", 5, "month 13 does not exist", "months run from 01 to 12"},
    {"2023-13-01", 5, "month 13 does not exist", "months run from 01 to 12"},
    {"2023-00", 5, "month 00 does not exist", "2023-XX"},
    {"2023-20", 5, "month 20 does not exist"},
    {"2023-42", 5, "month 42 does not exist"},
    {"2023-12-00", 8, "day 00 does not exist", "2023-12-XX"},
    {"2023-12-32", 8, "day 32 does not exist", "December 2023 has 31 days"},
    {"2023-02-30", 8, "30 February does not exist", "February 2023 has 28 days"},
    {"2024-02-30", 8, "30 February does not exist", "February 2024 has 29 days"},
    {"2023-02-31", 8, "31 February does not exist"},
    {"2023-02-29", 8, "29 February 2023 does not exist", "2023 is not a leap year"},
    {"1900-02-29", 8, "29 February 1900 does not exist", "1900 is not a leap year"},
    {"2023-04-31", 8, "31 April does not exist", "April has 30 days"},
    {"2023-06-31", 8, "31 June does not exist", "June has 30 days"},
    {"2023-09-31", 8, "31 September does not exist"},
    {"2023-11-31", 8, "31 November does not exist"},
    {"2023-21-05", 7, "a season cannot have a day"},
    // Intervals.
    {"2023-12-20/2023-12-01", 11, "the interval ends before it starts", "2023-12-01/2023-12-20"},
    {"2024/2023", 5, "the interval ends before it starts"},
    {"2023-12/2023-11-30", 8, "the interval ends before it starts"},
    {"2023-10/2023-21", 8, "the interval ends before it starts"},
    {"../..", 0, "an interval needs at least one date"},
    {"/", 0, "an interval needs at least one date"},
    {"..", 0, "`..` is the open end of an interval", "1985/.."},
    {"1985/...", 5, "an open end is written as two dots"},
    {"1985/..~", 7, "an open end cannot have ?, ~ or %"},
    {"1985/.", 5, "an open end is written as two dots"},
    {"2023-12-20T07:00:00Z/2023-12-21", 10, "an interval cannot include a time of day"},
    {"2023-12-20/2023-12-21T07:00:00", 21, "an interval cannot include a time of day"},
    // Spaces and look-alike characters.
    {"2023-12-20 / 2023-12-23", 10, "spaces are not allowed in an EDTF date",
     "write it without spaces: 2023-12-20/2023-12-23"},
    {" 2023", 0, "spaces are not allowed in an EDTF date", "2023"},
    {"2023 ", 4, "spaces are not allowed in an EDTF date"},
    {"2023-12-20\t", 10, "spaces are not allowed in an EDTF date"},
    {"2023\xC2\xA0", 4, "spaces are not allowed in an EDTF date"},  // no-break space
    {"2023-12-20\xE2\x80\x93"
     "2023-12-23",
     10, "is not allowed in an EDTF date",
     "separate the start and end with /: 2023-12-20/2023-12-23"},  // en dash
    {"2023\xE2\x80\x93"
     "12",
     4, "is not allowed in an EDTF date", "use a plain hyphen: 2023-12"},
    // Qualifiers.
    {"2023~?", 4, "only one of ?, ~ or % may follow a date", "write % alone: 2023%"},
    {"2023?~", 4, "only one of ?, ~ or % may follow a date", "2023%"},
    {"2023??", 4, "only one of ?, ~ or % may follow a date", "write 2023?"},
    {"2023-12-20~~", 10, "only one of ?, ~ or % may follow a date"},
    {"1984?/2004~?", 10, "only one of ?, ~ or % may follow a date"},
    {"2023~x", 5, "unexpected `x`"},
    {"2023-12-20T07:00:00~", 19, "a date with a time of day cannot have ?, ~ or %", "2023-12-20~"},
    // Years.
    {"12345", 0, "a year with more than four digits must start with Y", "write Y12345"},
    {"-12345", 0, "a year with more than four digits must start with Y", "write Y-12345"},
    {"202312", 0, "a year with more than four digits must start with Y", "2023-12"},
    {"20231220", 0, "a date needs hyphens", "write 2023-12-20"},
    {"985", 0, "a year needs four digits", "0985"},
    {"85-04-12", 0, "a year needs four digits"},
    {"Y2023", 0, "Y is only for years with more than four digits", "write 2023"},
    {"Y-0044", 0, "Y is only for years with more than four digits", "write -0044"},
    {"Y999", 0, "Y is only for years with more than four digits", "write 0999"},
    {"Y012345", 0, "a year written with Y cannot start with 0", "write Y12345"},
    {"Y", 0, "Y must be followed by the digits of a year"},
    {"Y17000-05", 6, "a year written with Y cannot have a month or day"},
    {"Y1700X", 5, "a year written with Y cannot have unspecified digits"},
    {"y17000", 0, "capital Y", "write Y17000"},
    {"-0000", 0, "year -0000 does not exist", "0000"},
    {"-", 0, "a minus sign must be followed by a four-digit year"},
    {"+2023", 0, "a year cannot start with +", "write 2023"},
    // The 2012 draft.
    {"199u", 3, "2012 draft", "write X instead: 199X"},
    {"2004-uu", 5, "2012 draft", "2004-XX"},
    {"1985-04-12/unknown", 11, "`unknown` comes from the 2012 draft of EDTF", "1985/"},
    {"unknown/1985", 0, "`unknown` comes from the 2012 draft of EDTF"},
    {"1985/open", 5, "`open` comes from the 2012 draft of EDTF", "1985/.."},
    {"open", 0, "`open` comes from the 2012 draft of EDTF"},
    {"unknown", 0, "`unknown` comes from the 2012 draft of EDTF"},
    {"201x", 3, "capital X", "write 201X"},
    // Shape.
    {"2023-", 4, "the date ends with a hyphen"},
    {"2023-12-", 7, "the date ends with a hyphen"},
    {"2023-1-5", 5, "the month needs two digits", "2023-01"},
    {"2023-12-5", 8, "the day needs two digits", "2023-12-05"},
    {"2023-123", 5, "the month has too many digits"},
    {"2023-1220", 5, "the month has too many digits", "2023-12-20"},
    {"2023-12-201", 8, "the day has too many digits"},
    {"2023-12-20-01", 10, "the date has too many parts"},
    {"2023.12.20", 4, "unexpected `.`", "hyphens"},
    {"2023-12-20#", 10, "unexpected `#`"},
    {"2023/#", 5, "unexpected `#`"},
    // Times and offsets.
    {"2023-12-20T24:00:00", 11, "24:00:00 is not supported", "00:00:00 on the next day"},
    {"2023-12-20T25:00:00", 11, "hour 25 does not exist", "hours run from 00 to 23"},
    {"2023-12-20T23:60:00", 14, "minute 60 does not exist", "minutes run from 00 to 59"},
    {"2023-12-20T23:59:60", 17, "leap seconds are not supported"},
    {"2023-12-20T23:59:61", 17, "second 61 does not exist", "seconds run from 00 to 59"},
    {"2023-12-20T07:00", 10, "the time needs seconds", "2023-12-20T07:00:00"},
    {"2023-12-20T07", 10, "the time needs minutes and seconds", "2023-12-20T07:00:00"},
    {"2023-12-20T", 10, "the time is incomplete"},
    {"2023-12-20T070000", 11, "the time needs colons", "2023-12-20T07:00:00"},
    {"2023-12-20T7:00:00", 11, "two digits"},
    {"2023-12-20T07:00:00.5", 19, "fractions of a second are not supported"},
    {"2023-12T07:00:00", 7, "a time needs a full date"},
    {"2023-12-20t07:00:00", 10, "capital T", "2023-12-20T07:00:00"},
    {"2023-12-20T07:00:00z", 19, "capital Z"},
    {"2023-12-20T07:00:00+15:00", 19, "UTC offset +15:00 does not exist", "-12:00 to +14:00"},
    {"2023-12-20T07:00:00-13", 19, "UTC offset -13:00 does not exist"},
    {"2023-12-20T07:00:00+01:60", 19, "UTC offset +01:60 does not exist"},
    {"2023-12-20T07:00:00+0100", 19, "the UTC offset needs a colon", "+01:00"},
    {"2023-12-20T07:00:00+1", 19, "a UTC offset has two-digit hours"},
    {"2023-12-20T07:00:00+01:0", 19, "the minutes of a UTC offset need two digits"},
    {"2023-12-20T07:00:00-00:00", 19, "a zero UTC offset cannot be negative", "Z or +00:00"},
    {"2023-12-20T07:00:00-00", 19, "a zero UTC offset cannot be negative"},
    {"2023-12-20T07:00:00Z+01:00", 20, "unexpected `+`"},
    // Control characters and bytes that are not text.
    {"2023\x01", 4, "unexpected control character"},
    {"2023-12-2\xFF", 8, "the day needs two digits"},
    {"2023-12-20\xFF", 10, "unexpected byte"},
};

TEST_CASE("edtf: level 2 examples are refused as level 2") {
  for (const InvalidRow& row : kSpecLevel2) check_invalid(row);
}

TEST_CASE("edtf: valid Y years beyond the date library's range are refused") {
  for (const InvalidRow& row : kSpecOutOfRange) check_invalid(row);
}

TEST_CASE("edtf: strictness") {
  for (const InvalidRow& row : kStrictness) check_invalid(row);
}

TEST_CASE("edtf: points keep time of day and offset") {
  struct Row {
    std::string_view text;
    std::int32_t seconds_of_day;
    std::optional<std::int32_t> utc_offset_minutes;
  };
  constexpr Row kRows[] = {
      {"1985-04-12T23:20:30", 23 * 3600 + 20 * 60 + 30, std::nullopt},
      {"1985-04-12T23:20:30Z", 23 * 3600 + 20 * 60 + 30, 0},
      {"1985-04-12T23:20:30-04", 23 * 3600 + 20 * 60 + 30, -240},
      {"1985-04-12T23:20:30+04:30", 23 * 3600 + 20 * 60 + 30, 270},
      {"2023-12-20T00:00:00-09:30", 0, -570},
  };
  for (const Row& row : kRows) {
    CAPTURE(row.text);
    const Edtf value = Edtf::parse(row.text);
    REQUIRE(value.ok());
    REQUIRE(value.start().has_time);
    CHECK(value.start().seconds_of_day == row.seconds_of_day);
    CHECK(value.start().utc_offset_minutes == row.utc_offset_minutes.value_or(strikeline::EdtfPoint::kNoOffset));
  }
  CHECK_FALSE(Edtf::parse("1985-04-12").start().has_time);
}

TEST_CASE("edtf: open and unknown ends") {
  using Kind = strikeline::EdtfPoint::Kind;
  struct Row {
    std::string_view text;
    Kind start;
    Kind end;
  };
  constexpr Row kRows[] = {
      {"1985/..", Kind::date, Kind::open},       {"../1985", Kind::open, Kind::date},
      {"1985/", Kind::date, Kind::unknown},      {"/1985", Kind::unknown, Kind::date},
      {"../1985~", Kind::open, Kind::date},      {"1984/2004", Kind::date, Kind::date},
      {"2024-01-15/..", Kind::date, Kind::open},
  };
  for (const Row& row : kRows) {
    CAPTURE(row.text);
    const Edtf value = Edtf::parse(row.text);
    REQUIRE(value.ok());
    CHECK(value.is_interval());
    CHECK(value.start().kind == row.start);
    CHECK(value.end().kind == row.end);
  }
  const Edtf single = Edtf::parse("2023-12-20");
  CHECK_FALSE(single.is_interval());
  CHECK(single.start().earliest == single.end().earliest);
}

struct DescribeRow {
  std::string_view text;
  std::string_view words;
};

constexpr DescribeRow kDescribe[] = {
    // Days, months, years.
    {"2023-12-20", "20 December 2023"},
    {"2023-01-05", "5 January 2023"},
    {"2023-12", "December 2023"},
    {"2023", "2023"},
    {"1985-04-12", "12 April 1985"},
    // Qualifiers.
    {"2023-11-14~", "around 14 November 2023"},
    {"2023-11?", "possibly November 2023"},
    {"2023-11%", "possibly around November 2023"},
    {"1984?", "possibly 1984"},
    {"1984~", "around 1984"},
    // Unspecified digits. 19XX is said as the years it covers: "the 1900s"
    // could be a decade or a century; so could "the 2000s", hence 2000–2009.
    {"2023-11-XX", "some day in November 2023"},
    {"2023-XX", "some month in 2023"},
    {"2023-XX-XX", "some day in 2023"},
    {"2023-11-XX~", "some day in November 2023 (approximate)"},
    {"2023-XX?", "some month in 2023 (uncertain)"},
    {"2023-XX-XX%", "some day in 2023 (uncertain, approximate)"},
    {"201X", "the 2010s"},
    {"201X?", "possibly the 2010s"},
    {"200X", "2000–2009"},
    {"19XX", "1900–1999"},
    {"20XX", "2000–2099"},
    // Date-times.
    {"2023-12-20T07:00:00", "20 December 2023, 07:00"},
    {"2023-12-20T07:00:30", "20 December 2023, 07:00:30"},
    {"2023-12-20T07:00:00Z", "20 December 2023, 07:00 UTC"},
    {"2023-12-20T07:00:00+01:00", "20 December 2023, 07:00 UTC+01:00"},
    {"1985-04-12T23:20:30-04", "12 April 1985, 23:20:30 UTC-04:00"},
    // Seasons (winter runs December to February, so it names two years).
    {"2023-21", "spring 2023"},
    {"2023-22", "summer 2023"},
    {"2023-23", "autumn 2023"},
    {"2023-24", "winter 2023–24"},
    {"1999-24", "winter 1999–2000"},
    {"2023-21~", "around spring 2023"},
    // Eras: astronomical years, -0044 is 45 BC.
    {"-0044", "45 BC"},
    {"0000", "1 BC"},
    {"0044", "AD 44"},
    {"-0044-03-15", "15 March 45 BC"},
    {"Y12345", "12345"},
    // Intervals.
    {"2023-12-20/2023-12-23", "20–23 December 2023"},
    {"2023-12-01/2023-12-21", "1–21 December 2023"},
    {"2023-11-28/2023-12-02", "28 November – 2 December 2023"},
    {"2023-12-30/2024-01-02", "30 December 2023 – 2 January 2024"},
    {"2023-11/2023-12", "November–December 2023"},
    {"2004-06/2006-08", "June 2004 – August 2006"},
    {"1964/2008", "1964–2008"},
    {"2004-02-01/2005", "1 February 2004 – 2005"},
    {"2005/2006-02", "2005 – February 2006"},
    {"2023-12-20/2023-12-20", "20 December 2023"},
    {"2023-21/2023-23", "spring–autumn 2023"},
    {"2023-24/2024-22", "winter 2023–24 to summer 2024"},
    {"-0100/-0044", "101–45 BC"},
    {"-0001/0001", "2 BC – AD 1"},
    // Qualified ends.
    {"2023-12-01~/2023-12-21", "around 1 December – 21 December 2023"},
    {"2023-12-01/2023-12-21~", "1 December – around 21 December 2023"},
    {"1984?/2004-06~", "possibly 1984 – around June 2004"},
    {"1984~/2004-06-11%", "around 1984 – possibly around 11 June 2004"},
    // Open and unknown ends.
    {"2024-01-15/..", "from 15 January 2024 onwards"},
    {"2024-01-15/", "from 15 January 2024, end unknown"},
    {"/2023-12-05", "until 5 December 2023, start unknown"},
    {"../2023-12-05", "until 5 December 2023"},
    {"1985~/..", "from around 1985 onwards"},
    {"../2023-12", "until December 2023"},
};

TEST_CASE("edtf: describe") {
  for (const DescribeRow& row : kDescribe) {
    CAPTURE(row.text);
    const Edtf value = Edtf::parse(row.text);
    REQUIRE_MESSAGE(value.ok(), value.error().message);
    CHECK(strikeline::describe(value) == row.words);
  }
}

TEST_CASE("edtf: precision names and ISO days") {
  CHECK(strikeline::to_string(P::decade) == "decade");
  CHECK(strikeline::to_string(P::century) == "century");
  CHECK(strikeline::to_string(P::year) == "year");
  CHECK(strikeline::to_string(P::season) == "season");
  CHECK(strikeline::to_string(P::month) == "month");
  CHECK(strikeline::to_string(P::day) == "day");
  CHECK(strikeline::to_string(P::second) == "second");

  using date::day;
  using date::month;
  using date::year;
  struct Row {
    date::sys_days day;
    std::string_view iso;
  };
  const Row kRows[] = {
      {date::sys_days{year{2023} / 12 / day{20}}, "2023-12-20"},
      {date::sys_days{year{44} / 3 / day{15}}, "0044-03-15"},
      {date::sys_days{year{0} / 1 / day{1}}, "0000-01-01"},
      {date::sys_days{year{-44} / 3 / day{15}}, "-0044-03-15"},
      {date::sys_days{year{12345} / 1 / day{2}}, "12345-01-02"},
      {date::sys_days{year{-32767} / 1 / day{1}}, "-32767-01-01"},
  };
  for (const Row& row : kRows) {
    CAPTURE(row.iso);
    CHECK(strikeline::iso_day(row.day) == row.iso);
  }
}

struct BeforeRow {
  std::string_view a;
  std::string_view b;
  Before expected;
};

constexpr BeforeRow kBefore[] = {
    {"2023-12-19", "2023-12-20", Before::certainly},
    {"2023-12-20", "2023-12-19", Before::no},
    {"2023-12-20", "2023-12-20", Before::possibly},  // same day
    {"2023-12", "2023-12-20", Before::possibly},     // overlap
    {"2023-11", "2023-12-01", Before::certainly},
    {"2023", "2024-01-01", Before::certainly},
    {"2023-12-20T23:00:00", "2023-12-20T07:00:00", Before::possibly},  // days only
    {"2023-21", "2023-06", Before::certainly},                         // spring ends in May
    {"2023-24", "2024-02-15", Before::possibly},                       // winter runs into February
    {"201X", "2015", Before::possibly},
    {"201X", "2020", Before::certainly},
    {"2023-12-01/2023-12-10", "2023-12-11/2023-12-20", Before::certainly},
    {"2023-12-01/2023-12-11", "2023-12-11/2023-12-20", Before::possibly},
    {"2023-12-11/2023-12-20", "2023-12-01/2023-12-10", Before::no},
    // Open or unknown ends: a start is -infinity, an end +infinity.
    {"2024-01-15/..", "2024-06-01", Before::possibly},
    {"2024-01-15/", "2024-06-01", Before::possibly},
    {"2024-06-01", "2024-01-15/..", Before::possibly},
    {"2024-01-01", "2024-01-15/..", Before::certainly},
    {"2023-12-01", "2024-01-15/..", Before::certainly},
    {"../2023-12-05", "2024-01-01", Before::certainly},
    {"/2023-12-05", "2024-01-01", Before::certainly},
    {"2024-01-01", "../2023-12-05", Before::no},
    {"2023-01-01", "../2023-12-05", Before::possibly},
    {"../2023-12-05", "2023-12-06/..", Before::certainly},
    {"2023-12-06/..", "../2023-12-05", Before::no},
    {"2023/..", "2024/..", Before::possibly},
    {"../2023", "../2024", Before::possibly},
};

TEST_CASE("edtf: before") {
  for (const BeforeRow& row : kBefore) {
    CAPTURE(row.a);
    CAPTURE(row.b);
    const Edtf a = Edtf::parse(row.a);
    const Edtf b = Edtf::parse(row.b);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(strikeline::before(a, b) == row.expected);
  }
}

TEST_CASE("edtf: timeline order") {
  struct Row {
    std::string_view a;
    std::string_view b;
    std::weak_ordering expected;
  };
  const Row kRows[] = {
      {"../2023-12-05", "2023-01-01", std::weak_ordering::less},      // open start first
      {"/2023-12-05", "../2023-12-05", std::weak_ordering::greater},  // same bounds: text
      {"../2023-12-05", "../2024", std::weak_ordering::less},         // then by latest
      {"2023-01-01", "2023", std::weak_ordering::less},               // same start, ends sooner
      {"2023", "2023-01-01/..", std::weak_ordering::less},            // open end last
      {"2023-01-01/..", "2023-01-01/", std::weak_ordering::greater},  // same bounds: text
      {"2023-12-20", "2023-12-19", std::weak_ordering::greater},
      {"2023-12-20", "2023-12-20", std::weak_ordering::equivalent},
      {"2023-12-20~", "2023-12-20", std::weak_ordering::greater},  // text breaks the tie
      {"-0044", "0000", std::weak_ordering::less},
      {"2023-24", "2024-01", std::weak_ordering::less},
  };
  for (const Row& row : kRows) {
    CAPTURE(row.a);
    CAPTURE(row.b);
    const Edtf a = Edtf::parse(row.a);
    const Edtf b = Edtf::parse(row.b);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(strikeline::timeline_order(a, b) == row.expected);
    CHECK(strikeline::timeline_order(b, a) == 0 <=> row.expected);
  }
}

// Garbage in: no crash, no exception, and every error points inside the text.
TEST_CASE("edtf: random and hostile input") {
  constexpr std::string_view kAlphabet =
      "0123456789-/.?~%XYTZESxu:+[]{}, \t\xC2\xA0\xE2\x80\x93\xFF"
      "cab";
  std::mt19937 random(20231220);
  std::uniform_int_distribution<std::size_t> pick(0, kAlphabet.size() - 1);
  std::uniform_int_distribution<std::size_t> length(0, 40);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int i = 0; i < 5000; ++i) {
    std::string text;
    const std::size_t size = length(random);
    for (std::size_t k = 0; k < size; ++k) {
      text += i % 4 == 0 ? static_cast<char>(byte(random)) : kAlphabet[pick(random)];
    }
    CAPTURE(text);
    const Edtf value = Edtf::parse(text);
    if (value.ok()) {
      CHECK(value.text() == text);
      const auto earliest = value.earliest();
      const auto latest = value.latest();
      if (earliest && latest) CHECK(*earliest <= *latest);
      CHECK_FALSE(strikeline::describe(value).empty());
    } else {
      CHECK(value.error().offset <= text.size());
      CHECK(value.error().offset + value.error().length <= text.size());
      CHECK_FALSE(value.error().message.empty());
    }
  }
  // Mutations of valid dates reach deeper into the scanner than pure noise.
  constexpr std::string_view kSeeds[] = {"1985-04-12T23:20:30+04:30", "2004-06-11%/2004-06~",
                                         "Y-170000002", "1985-XX-XX", "../1985-04"};
  for (std::string_view seed : kSeeds) {
    for (int i = 0; i < 1000; ++i) {
      std::string text(seed);
      std::uniform_int_distribution<std::size_t> where(0, text.size() - 1);
      text[where(random)] = kAlphabet[pick(random)];
      if (i % 3 == 0) text.erase(where(random), 1);
      CAPTURE(text);
      const Edtf value = Edtf::parse(text);
      if (!value.ok()) CHECK(value.error().offset <= text.size());
    }
  }
  // A megabyte of each kind of run.
  for (const char fill : {'1', 'X', '-', '/', '?', ' ', 'Y', '.', '\0', 'a'}) {
    std::string text(1 << 20, fill);
    CAPTURE(fill);
    const Edtf value = Edtf::parse(text);
    CHECK_FALSE(value.ok());
    CHECK(value.error().offset <= text.size());
    CHECK(value.error().message.size() < 200);
    CHECK(value.error().help.size() < 200);
  }
  const std::string long_year = "Y" + std::string(1 << 20, '9');
  CHECK(Edtf::parse(long_year).error().message.find("outside") != std::string::npos);
  const std::string long_interval = "2023-12-20/" + std::string(1 << 20, '2');
  CHECK_FALSE(Edtf::parse(long_interval).ok());
}

}  // namespace
