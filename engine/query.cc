#include "query.h"

#include <algorithm>
#include <iterator>
#include <unordered_map>
#include <span>
#include <numeric>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <unordered_set>

#include "edtf.h"
#include "order_question.h"
#include "reason.h"
#include "source_text.h"
#include "spelling.h"
#include "text.h"

namespace strikeline {

namespace {

// ---- Matching phrases to events -------------------------------------------------

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80); }

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A crude English stem, enough to meet "collapsed" and "collapse", "talks" and "talk".
std::string base_stem(std::string word) {
  word = lowercase(word);
  auto strip = [&](std::string_view suffix, std::string_view replacement = "") {
    if (word.size() > suffix.size() + 2 && word.compare(word.size() - suffix.size(), suffix.size(), suffix) == 0) {
      word = word.substr(0, word.size() - suffix.size()) + std::string(replacement);
      return true;
    }
    return false;
  };
  strip("'s") || strip("\u2019s");
  strip("ies", "y") || strip("ing") || strip("ed") || strip("es") || strip("s");
  strip("e");
  return word;
}

// The one table of synonyms. A word of a phrase (any form: "walkouts", "voted")
// counts in titles and ids as `means` where one is given ("walkouts" finds
// "strike"), and names the kinds of event in `kinds`: an event of one of them
// fits the word even when its title does not say it. A word that is a kind's own
// name ("offer", "talks") names that kind without being listed.
struct Synonym {
  const char* word;
  const char* means;  // "" where the word stands for itself
  const char* kinds;  // space-separated, "" for none
};
constexpr Synonym kSynonyms[] = {
    {"strike", "", "strike"},
    {"walkout", "strike", "strike"},
    {"stoppage", "strike", "strike"},
    {"picket", "strike", "picket"},
    {"lockout", "", "lockout"},
    {"rally", "", "rally"},
    {"march", "", "rally"},
    {"demonstration", "", "rally"},
    {"protest", "", "rally"},
    {"talks", "", "talks"},
    {"negotiation", "talks", "talks"},
    {"negotiate", "talks", "talks"},
    {"discussion", "talks", "talks"},
    {"mediation", "", "conciliation"},
    {"arbitration", "", "conciliation"},
    {"offer", "", "offer"},
    {"demand", "", "claim"},
    {"recommend", "", "recommendation"},
    {"ballot", "", "ballot"},
    {"vote", "", "ballot decision"},
    {"deal", "", "agreement"},
    {"agreement", "", "agreement"},
    {"settlement", "", "agreement"},
    {"ruling", "", "ruling"},
    {"injunction", "", "ruling"},
    {"court", "", "ruling"},
    {"judgment", "", "ruling"},
    {"tribunal", "", "ruling"},
    {"law", "", "legislation"},
    {"bill", "", "legislation"},
    {"speech", "", "statement"},
    {"stance", "", "position"},
    {"appoint", "", "appointment"},
    {"announce", "", "announcement"},
    {"figure", "", "data impact"},
    {"prepare", "", "preparation"},
    {"secretary", "minister", ""},
};

struct SynonymStems {
  std::string means;
  std::vector<std::string> kinds;
};

// kSynonyms by the stem of the word.
const std::map<std::string, SynonymStems, std::less<>>& synonyms() {
  static const auto table = [] {
    std::map<std::string, SynonymStems, std::less<>> out;
    for (const Synonym& s : kSynonyms) {
      SynonymStems& entry = out[base_stem(s.word)];
      if (*s.means) entry.means = base_stem(s.means);
      std::string kind;
      for (const char* c = s.kinds;; ++c) {
        if (*c == ' ' || *c == '\0') {
          if (!kind.empty()) entry.kinds.push_back(kind);
          kind.clear();
          if (*c == '\0') break;
        } else {
          kind += *c;
        }
      }
    }
    return out;
  }();
  return table;
}

// A word's stem as titles are matched: "walkouts" is "strik".
std::string stem(std::string word) {
  std::string base = base_stem(std::move(word));
  const auto& table = synonyms();
  if (auto it = table.find(base); it != table.end() && !it->second.means.empty()) return it->second.means;
  return base;
}

const std::set<std::string>& stop_words() {
  static const std::set<std::string> words = {"the", "a", "an", "of", "to", "and", "in", "on", "for", "by",
                                              "with", "at", "is", "are", "was", "were", "what", "when", "it"};
  return words;
}

// The words of a text, lowercased, stop words left out.
std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  auto flush = [&] {
    if (!word.empty() && !stop_words().count(word)) out.push_back(word);
    word.clear();
  };
  for (char c : text) {
    if (is_word_char(c) || c == '\'') {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      flush();
    }
  }
  flush();
  return out;
}

std::vector<std::string> stems_of(std::string_view text) {
  std::vector<std::string> out = words_of(text);
  for (std::string& w : out) w = stem(std::move(w));
  return out;
}

// Days an event must lie within to be "dated in" a phrase's month or date: a year,
// a month of any year or of one, a part of a month.
struct Window {
  int year = 0;        // 0: any year
  unsigned month = 0;  // 0: the whole year
  unsigned first_day = 1, last_day = 31;
};

bool within(const Window& w, const Event& e) {
  if (!e.inferred_earliest || !e.inferred_latest) return false;
  const date::year_month_day a{*e.inferred_earliest}, b{*e.inferred_latest};
  if (a.year() != b.year() || (w.year != 0 && int(a.year()) != w.year)) return false;
  if (w.month == 0) return true;
  return unsigned(a.month()) == w.month && unsigned(b.month()) == w.month && unsigned(a.day()) >= w.first_day &&
         unsigned(b.day()) <= w.last_day;
}

unsigned month_named(std::string_view word) {
  static const char* const kMonths[] = {"january", "february", "march",     "april",   "may",      "june",
                                        "july",    "august",   "september", "october", "november", "december"};
  for (unsigned m = 0; m < 12; ++m) {
    const std::string_view name = kMonths[m];
    if (word == name || (word.size() >= 3 && name.substr(0, word.size()) == word && (word.size() == 3 || word == "sept"))) {
      return m + 1;
    }
  }
  return 0;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// `2023`, `2023-12` or `2023-12-20`, as a window; nullopt for anything else.
std::optional<Window> iso_window(std::string_view token) {
  Window w;
  const std::string_view year = token.substr(0, 4);
  if (token.size() < 4 || !all_digits(year)) return std::nullopt;
  w.year = std::stoi(std::string(year));
  if (token.size() == 4) return w;
  if (token.size() < 7 || token[4] != '-' || !all_digits(token.substr(5, 2))) return std::nullopt;
  w.month = static_cast<unsigned>(std::stoi(std::string(token.substr(5, 2))));
  if (w.month < 1 || w.month > 12) return std::nullopt;
  if (token.size() == 7) return w;
  if (token.size() != 10 || token[7] != '-' || !all_digits(token.substr(8, 2))) return std::nullopt;
  w.first_day = w.last_day = static_cast<unsigned>(std::stoi(std::string(token.substr(8, 2))));
  if (w.first_day < 1 || w.first_day > 31) return std::nullopt;
  return w;
}

// One word of a phrase: its stem, the kinds it names, and the days it names if it
// is part of a date ("December", "early" in "early January", "2023-12").
struct Wanted {
  std::string stem;
  std::string base;  // the stem before synonyms: "walkout"
  std::vector<std::string> kinds;
  std::optional<Window> window;
};

std::vector<Wanted> analyse(std::string_view phrase) {
  std::vector<Wanted> wanted;
  std::vector<std::string> raw;
  // Whitespace first, so that an ISO date is one word rather than its numbers.
  std::size_t i = 0;
  while (i < phrase.size()) {
    while (i < phrase.size() && std::isspace(static_cast<unsigned char>(phrase[i]))) ++i;
    std::size_t j = i;
    while (j < phrase.size() && !std::isspace(static_cast<unsigned char>(phrase[j]))) ++j;
    std::string_view token = phrase.substr(i, j - i);
    while (!token.empty() && !is_word_char(token.back())) token.remove_suffix(1);
    while (!token.empty() && !is_word_char(token.front())) token.remove_prefix(1);
    if (token.size() > 4 && std::isdigit(static_cast<unsigned char>(token[0]))) {
      if (auto w = iso_window(token)) {
        wanted.push_back(Wanted{std::string(token), std::string(token), {}, w});
        raw.emplace_back(token);
        i = j;
        continue;
      }
    }
    for (std::string& word : words_of(phrase.substr(i, j - i))) {
      Wanted w{stem(word), base_stem(word), {}, std::nullopt};
      if (auto it = synonyms().find(w.base); it != synonyms().end()) w.kinds = it->second.kinds;
      wanted.push_back(std::move(w));
      raw.push_back(std::move(word));
    }
    i = j;
  }
  // A year anywhere in the phrase is the year of its months: "December 2023".
  int year = 0;
  for (std::size_t k = 0; k < raw.size(); ++k) {
    if (raw[k].size() == 4 && all_digits(raw[k]) && !wanted[k].window) {
      year = std::stoi(raw[k]);
      wanted[k].window = Window{year};
    }
  }
  for (std::size_t k = 0; k < raw.size(); ++k) {
    const unsigned month = month_named(raw[k]);
    if (month == 0) continue;
    Window w{year, month};
    wanted[k].window = w;
    // "early January", "mid-December", "late May": a third of the month.
    if (k > 0 && !wanted[k - 1].window) {
      const std::string& before = raw[k - 1];
      Window part = w;
      if (before == "early") part.last_day = 10;
      if (before == "mid") part.first_day = 11, part.last_day = 20;
      if (before == "late") part.first_day = 21;
      if (before == "early" || before == "mid" || before == "late") wanted[k - 1].window = part;
    }
    // "15 January", "January 15": that day.
    for (std::size_t d : {k - 1, k + 1}) {
      if (d >= raw.size() || wanted[d].window || raw[d].size() > 2 || !all_digits(raw[d])) continue;
      const unsigned day = static_cast<unsigned>(std::stoi(raw[d]));
      if (day < 1 || day > 31) continue;
      Window on = w;
      on.first_day = on.last_day = day;
      wanted[d].window = on;
    }
  }
  return wanted;
}

// How well an event fits a phrase, compared field by field, best highest: every
// word must be found (in the title, the id, the kind or the dates); then events
// of a kind the phrase names, then events dated in its month or date, then the
// longest run of its words in a row in the title or id, then how many of its words
// the title and id have.
struct Fit {
  int found = 0;
  int kinds = 0;
  int dates = 0;
  int run = 0;
  int words = 0;
  auto operator<=>(const Fit&) const = default;
};

// A stem's number in the index, or kUnknownStem for one no title or id has.
constexpr std::uint32_t kUnknownStem = 0xFFFFFFFF;

}  // namespace

struct PhraseIndex::Detail {
  std::unordered_map<std::string, std::uint32_t> stem_numbers;
  // Each event's title stems, then its id stems: event i's are title_begin[i] ..
  // id_begin[i] and id_begin[i] .. title_begin[i + 1] of `stems`.
  std::vector<std::uint32_t> stems, title_begin, id_begin;
  std::vector<std::vector<std::uint32_t>> events_with_stem;  // ascending, each event once
  struct KindEntry {
    std::string stem, base;
    std::vector<std::uint32_t> events;  // ascending
  };
  std::unordered_map<std::string_view, KindEntry> kinds;

  std::span<const std::uint32_t> title(std::uint32_t e) const {
    return {stems.data() + title_begin[e], stems.data() + id_begin[e]};
  }
  std::span<const std::uint32_t> id(std::uint32_t e) const {
    return {stems.data() + id_begin[e], stems.data() + title_begin[e + 1]};
  }
  std::uint32_t number(const std::string& stem) const {
    const auto it = stem_numbers.find(stem);
    return it == stem_numbers.end() ? kUnknownStem : it->second;
  }
};

PhraseIndex::PhraseIndex(const Dataset& dataset) : detail_(std::make_unique<Detail>()) {
  Detail& d = *detail_;
  const auto count = static_cast<std::uint32_t>(dataset.events.size());
  d.title_begin.reserve(count + 1);
  d.id_begin.reserve(count);
  auto add = [&](std::string_view text, std::uint32_t event) {
    for (std::string& word : stems_of(text)) {
      const auto [it, added] = d.stem_numbers.emplace(std::move(word), static_cast<std::uint32_t>(d.stem_numbers.size()));
      if (added) d.events_with_stem.emplace_back();
      d.stems.push_back(it->second);
      std::vector<std::uint32_t>& events = d.events_with_stem[it->second];
      if (events.empty() || events.back() != event) events.push_back(event);
    }
  };
  for (std::uint32_t e = 0; e < count; ++e) {
    const Event& event = dataset.events[e];
    d.title_begin.push_back(static_cast<std::uint32_t>(d.stems.size()));
    add(event.title, e);
    d.id_begin.push_back(static_cast<std::uint32_t>(d.stems.size()));
    add(event.id, e);
    auto [it, added] = d.kinds.try_emplace(event.kind);
    if (added) {
      it->second.stem = stem(std::string(event.kind));
      it->second.base = base_stem(std::string(event.kind));
    }
    it->second.events.push_back(e);
  }
  d.title_begin.push_back(static_cast<std::uint32_t>(d.stems.size()));
}

PhraseIndex::~PhraseIndex() = default;

namespace {

// A word of the phrase as the index knows it: its stem's number, and the kinds
// (as the index's entries) it names.
struct WantedInIndex {
  std::uint32_t stem = kUnknownStem;
  std::vector<const PhraseIndex::Detail::KindEntry*> kinds;
};

// The longest run of the phrase's words in a row in `text`: for each word of the
// text, the run of phrase words ending there, from the runs ending at the word before.
int longest_run(const std::vector<WantedInIndex>& wanted, std::span<const std::uint32_t> text) {
  int best = 0;
  std::vector<int> ending(wanted.size() + 1, 0), previous(wanted.size() + 1, 0);
  for (const std::uint32_t word : text) {
    std::swap(ending, previous);
    for (std::size_t w = 0; w < wanted.size(); ++w) {
      ending[w + 1] = wanted[w].stem != kUnknownStem && wanted[w].stem == word ? previous[w] + 1 : 0;
      best = std::max(best, ending[w + 1]);
    }
  }
  return best;
}

Fit fit(const std::vector<Wanted>& wanted, const std::vector<WantedInIndex>& known, const PhraseIndex::Detail& index,
        const Event& event, std::uint32_t e) {
  const auto title = index.title(e);
  const auto id = index.id(e);
  const PhraseIndex::Detail::KindEntry& kind = index.kinds.at(event.kind);
  Fit f;
  for (std::size_t k = 0; k < wanted.size(); ++k) {
    const Wanted& w = wanted[k];
    const std::uint32_t stem = known[k].stem;
    const bool in_title = stem != kUnknownStem && std::find(title.begin(), title.end(), stem) != title.end();
    const bool in_id = stem != kUnknownStem && std::find(id.begin(), id.end(), stem) != id.end();
    const bool of_kind = std::find(known[k].kinds.begin(), known[k].kinds.end(), &kind) != known[k].kinds.end();
    const bool dated = w.window && within(*w.window, event);
    f.found += in_title || in_id || of_kind || dated;
    f.kinds += of_kind;
    f.dates += dated;
    // The id is the curator's own summary of the event: it counts as much as the title.
    f.words += (in_title ? 2 : 0) + (in_id ? 2 : 0) + (w.stem == kind.stem ? 1 : 0);
  }
  f.run = std::max(longest_run(known, title), longest_run(known, id));
  return f;
}

// The events in which a word can be found without looking at dates, ascending and
// each once: those whose title or id has its stem and those of a kind it names.
std::vector<std::uint32_t> events_finding(const WantedInIndex& word, const PhraseIndex::Detail& index) {
  std::vector<std::uint32_t> events;
  if (word.stem != kUnknownStem) events = index.events_with_stem[word.stem];
  for (const auto* kind : word.kinds) {
    std::vector<std::uint32_t> merged;
    merged.reserve(events.size() + kind->events.size());
    std::set_union(events.begin(), events.end(), kind->events.begin(), kind->events.end(), std::back_inserter(merged));
    events = std::move(merged);
  }
  return events;
}

}  // namespace

EventMatch match_event(std::string_view phrase, const Dataset& dataset) {
  if (const Event* exact = dataset.event(phrase)) return EventMatch{exact - dataset.events.data(), {}, {}};
  return match_event(phrase, dataset, PhraseIndex(dataset));
}

EventMatch match_event(std::string_view phrase, const Dataset& dataset, const PhraseIndex& phrase_index) {
  EventMatch match;
  if (const Event* exact = dataset.event(phrase)) {
    match.index = exact - dataset.events.data();
    return match;
  }
  const PhraseIndex::Detail& index = phrase_index.detail();
  const std::vector<Wanted> wanted = analyse(phrase);
  if (wanted.empty()) return match;
  std::vector<WantedInIndex> known(wanted.size());
  for (std::size_t k = 0; k < wanted.size(); ++k) {
    known[k].stem = index.number(wanted[k].stem);
    for (const auto& [name, entry] : index.kinds) {
      if (wanted[k].base == entry.base ||
          std::find(wanted[k].kinds.begin(), wanted[k].kinds.end(), name) != wanted[k].kinds.end()) {
        known[k].kinds.push_back(&entry);
      }
    }
  }
  // How many of the words that name no days each event has, counted from the
  // index: an event that fits has them all, and without words naming days, an
  // event's count is how many words it has, the first thing events are ranked by.
  std::vector<std::uint32_t> hits(dataset.events.size(), 0);
  std::vector<std::uint32_t> touched;
  int undated_words = 0;
  for (std::size_t k = 0; k < wanted.size(); ++k) {
    if (wanted[k].window) continue;
    ++undated_words;
    for (const std::uint32_t e : events_finding(known[k], index)) {
      if (hits[e]++ == 0) touched.push_back(e);
    }
  }
  std::sort(touched.begin(), touched.end());
  const bool any_dated = undated_words < static_cast<int>(wanted.size());
  std::vector<std::uint32_t> candidates;
  if (undated_words == 0) {
    candidates.resize(dataset.events.size());
    std::iota(candidates.begin(), candidates.end(), 0u);
  } else {
    for (const std::uint32_t e : touched) {
      if (hits[e] == static_cast<std::uint32_t>(undated_words)) candidates.push_back(e);
    }
  }
  const int all = static_cast<int>(wanted.size());
  Fit best;
  std::vector<std::uint32_t> fitting;
  for (const std::uint32_t e : candidates) {
    const Fit f = fit(wanted, known, index, dataset.events[e], e);
    if (f.found != all || f < best) continue;
    if (best < f) fitting.clear();
    best = f;
    fitting.push_back(e);
  }
  if (best.found == all) {
    if (fitting.size() == 1) {
      match.index = fitting.front();
    } else {
      match.tied = std::move(fitting);
    }
    return match;
  }
  // None has every word: the few that have the most of them, best first. Without
  // words naming days, those are among the events with the highest counts, taken a
  // count at a time until there are enough; with them, any event may be one.
  constexpr std::size_t kMostSuggested = 3;
  std::vector<std::uint32_t> partial;
  if (any_dated) {
    partial.resize(dataset.events.size());
    std::iota(partial.begin(), partial.end(), 0u);
  } else {
    for (int count = undated_words; count > 0 && partial.size() < kMostSuggested; --count) {
      for (const std::uint32_t e : touched) {
        if (hits[e] == static_cast<std::uint32_t>(count)) partial.push_back(e);
      }
    }
  }
  std::vector<std::pair<std::uint32_t, Fit>> weighed;
  for (const std::uint32_t e : partial) {
    const Fit f = fit(wanted, known, index, dataset.events[e], e);
    if (f.found > 0) weighed.emplace_back(e, f);
  }
  const std::size_t shown = std::min(weighed.size(), kMostSuggested);
  std::partial_sort(weighed.begin(), weighed.begin() + static_cast<std::ptrdiff_t>(shown), weighed.end(),
                    [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
  for (std::size_t i = 0; i < shown; ++i) match.closest.push_back(weighed[i].first);
  return match;
}

namespace {

// ---- Reading the query ------------------------------------------------------------

struct Token {
  std::string text;
  std::size_t offset = 0;
  bool quoted = false;
};

std::optional<std::string> tokenize(std::string_view query, std::vector<Token>& tokens, std::size_t& error_offset) {
  std::size_t i = 0;
  while (i < query.size()) {
    if (std::isspace(static_cast<unsigned char>(query[i]))) {
      ++i;
      continue;
    }
    Token token;
    token.offset = i;
    const char quote = query[i];
    if (quote == '"' || quote == '\'') {
      const std::size_t close = query.find(quote, i + 1);
      if (close == std::string_view::npos) {
        error_offset = i;
        return "this quotation mark is never closed";
      }
      token.text = std::string(query.substr(i + 1, close - i - 1));
      token.quoted = true;
      i = close + 1;
    } else {
      while (i < query.size() && !std::isspace(static_cast<unsigned char>(query[i]))) {
        // A filter's value may be quoted: actor:"British Medical Association".
        if ((query[i] == '"' || query[i] == '\'') && !token.text.empty() && token.text.back() == ':') {
          const std::size_t close = query.find(query[i], i + 1);
          if (close == std::string_view::npos) {
            error_offset = i;
            return "this quotation mark is never closed";
          }
          token.text += query.substr(i + 1, close - i - 1);
          i = close + 1;
          continue;
        }
        token.text += query[i++];
      }
    }
    tokens.push_back(std::move(token));
  }
  return std::nullopt;
}

const std::vector<std::string>& verbs() {
  static const std::vector<std::string> words = {"before", "after", "during", "between", "causes", "effects", "path"};
  return words;
}

bool is_verb(const Token& t) {
  return !t.quoted && std::find(verbs().begin(), verbs().end(), t.text) != verbs().end();
}
bool is_and(const Token& t) { return !t.quoted && t.text == "and"; }
bool is_filter(const Token& t) { return !t.quoted && t.text.find(':') != std::string::npos; }

using Day = std::int64_t;
constexpr Day kMin = INT64_MIN / 4, kMax = INT64_MAX / 4;

struct Span {
  Day earliest = kMin, latest = kMax;
};

Span span_of(const Event& e) {
  Span s;
  if (e.inferred_earliest) s.earliest = e.inferred_earliest->time_since_epoch().count();
  if (e.inferred_latest) s.latest = e.inferred_latest->time_since_epoch().count();
  return s;
}

bool overlaps(const Span& a, const Span& b) { return a.earliest <= b.latest && b.earliest <= a.latest; }

class Query {
 public:
  Query(std::string_view text, const Dataset& dataset, const DisputeGraph& graph, const PhraseIndex* index)
      : text_(text), dataset_(dataset), graph_(graph), given_index_(index) {}

  QueryResult run() {
    std::size_t offset = 0;
    if (text_.size() > kMostQueryBytes) {
      return fail(kMostQueryBytes, "the query is " + std::to_string(text_.size()) + " bytes, more than the " +
                                       std::to_string(kMostQueryBytes) + " a query may take");
    }
    if (auto error = tokenize(text_, tokens_, offset)) return fail(offset, *error);
    if (tokens_.empty()) return fail(0, "the query is empty");
    std::vector<bool> keep(dataset_.events.size(), true);
    bool asked = false;
    while (pos_ < tokens_.size()) {
      const Token& t = tokens_[pos_];
      if (is_filter(t)) {
        if (!filter(keep)) return result_;
      } else if (is_verb(t)) {
        if (asked) return fail(t.offset, "one question at a time: `" + t.text + "` follows another question");
        asked = true;
        if (!question()) return result_;
      } else {
        std::string message = "expected a question or a filter, found `" + t.text + "`";
        std::vector<std::string> words = verbs();
        words.insert(words.end(), {"kind:", "actor:", "source:", "and"});
        if (auto suggestion = closest(t.text, words)) message += "; did you mean `" + *suggestion + "`?";
        return fail(t.offset, message);
      }
      if (pos_ < tokens_.size()) {
        if (!is_and(tokens_[pos_])) return fail(tokens_[pos_].offset, "expected `and` between parts of the query");
        ++pos_;
        if (pos_ == tokens_.size()) return fail(text_.size(), "the query ends after `and`");
      }
    }
    if (!asked) {
      result_.heading = "Events matching " + std::string(text_);
      for (std::uint32_t i = 0; i < dataset_.events.size(); ++i) result_.events.push_back(i);
    }
    apply_filters(keep);
    return result_;
  }

 private:
  QueryResult fail(std::size_t offset, std::string message) {
    result_.ok = false;
    result_.error_offset = offset;
    result_.error = std::move(message);
    return result_;
  }

  // An event named by the next token; false (with the error set) if none or many fit.
  bool reference(std::uint32_t& index) {
    if (pos_ >= tokens_.size() || (is_and(tokens_[pos_]) && !tokens_[pos_].quoted)) {
      fail(pos_ < tokens_.size() ? tokens_[pos_].offset : text_.size(), "expected an event id or a quoted phrase");
      return false;
    }
    const Token& t = tokens_[pos_++];
    // A phrase is a few words: matching costs its words times the events.
    if (!dataset_.event(t.text)) {
      const std::size_t words = words_of(t.text).size();
      if (t.text.size() > kMostPhraseBytes || words > kMostPhraseWords) {
        fail(t.offset, "a phrase naming an event is at most " + std::to_string(kMostPhraseBytes) + " characters and " +
                           std::to_string(kMostPhraseWords) + " words; this one is " + std::to_string(t.text.size()) +
                           " characters and " + std::to_string(words) + " words");
        return false;
      }
    }
    const EventMatch match = match_event(t.text, dataset_, phrase_index());
    if (match.index >= 0) {
      index = static_cast<std::uint32_t>(match.index);
      result_.targets.push_back(index);
      return true;
    }
    if (!match.tied.empty()) {
      fail(t.offset, "`" + t.text + "` fits " + std::to_string(match.tied.size()) + " events equally well");
      // Listed like errors: the first few, and how many more.
      for (std::uint32_t i : match.tied) {
        if (result_.candidates.size() == kMostCandidates) break;
        result_.candidates.emplace_back(dataset_.events[i].id);
      }
      result_.more_candidates = match.tied.size() - result_.candidates.size();
      return false;
    }
    std::string message = "no event matches `" + t.text + "`";
    std::vector<std::string> suggestions;
    for (std::uint32_t i : match.closest) suggestions.emplace_back(dataset_.events[i].id);
    if (suggestions.empty()) {
      // No word of it is found anywhere: perhaps an id misspelt.
      std::vector<std::string> ids;
      for (const Event& e : dataset_.events) ids.emplace_back(e.id);
      if (auto suggestion = closest(t.text, ids)) suggestions.push_back(*suggestion);
    }
    if (!suggestions.empty()) message += "; did you mean " + listed_in_code(suggestions, " or ") + "?";
    fail(t.offset, message);
    result_.candidates = std::move(suggestions);
    return false;
  }

  std::string name(std::uint32_t event) const { return "“" + std::string(dataset_.events[event].title) + "”"; }
  std::string id(std::uint32_t event) const { return std::string(dataset_.events[event].id); }

  bool question() {
    const std::string verb = tokens_[pos_++].text;
    if (verb == "between") return between();
    std::uint32_t x = 0;
    if (!reference(x)) return false;
    if (verb == "path") {
      std::uint32_t y = 0;
      if (!reference(y)) return false;
      return path(x, y);
    }
    if (verb == "causes" || verb == "effects") {
      const bool causes = verb == "causes";
      result_.heading = (causes ? "What led to " : "What came of ") + name(x);
      auto reached = causes ? graph_.all_causes(x) : graph_.all_effects(x);
      std::sort(reached.begin(), reached.end(), [](const auto& a, const auto& b) { return a.event < b.event; });
      result_.chain_kind = causes ? QueryResult::Chains::causes : QueryResult::Chains::effects;
      result_.via.assign(dataset_.events.size(), -1);
      result_.links.assign(dataset_.events.size(), 0);
      for (const auto& r : reached) {
        result_.events.push_back(r.event);
        result_.via[r.event] = static_cast<std::int32_t>(r.via);
        result_.links[r.event] = r.links;
      }
      if (reached.empty()) {
        result_.notes.push_back(std::string("the sources link no event ") + (causes ? "to it as a cause" : "to it as an effect"));
      }
      return true;
    }
    const Span target = span_of(dataset_.events[x]);
    result_.heading = (verb == "before" ? "Before " : verb == "after" ? "After " : "During ") + name(x);
    if (verb == "before" || verb == "after") {
      // Certain by the dates and every link together (see order_question.h), each
      // with its reason. Possibly: certain neither way, so the order is open.
      const OrderQuestions order(dataset_, graph_);
      CertainOrder asked = verb == "before" ? order.before(x) : order.after(x);
      const CertainOrder other = verb == "before" ? order.after(x) : order.before(x);
      std::vector<bool> decided(dataset_.events.size(), false);
      decided[x] = true;
      for (std::uint32_t i : asked.events) decided[i] = true;
      for (std::uint32_t i : other.events) decided[i] = true;
      result_.events = std::move(asked.events);
      result_.because = std::move(asked.because);
      for (std::uint32_t i = 0; i < dataset_.events.size(); ++i) {
        if (!decided[i]) result_.possibly.push_back(i);
      }
      return true;
    }
    for (std::uint32_t i = 0; i < dataset_.events.size(); ++i) {
      if (i == x) continue;
      const Span s = span_of(dataset_.events[i]);
      // during: linked during or part of X, or within its dates
      const bool linked = std::any_of(dataset_.events[i].links.begin(), dataset_.events[i].links.end(),
                                      [&](const Link& l) {
                                        return l.target == dataset_.events[x].id &&
                                               (l.type == LinkType::during || l.type == LinkType::part_of);
                                      });
      if (linked || (s.earliest >= target.earliest && s.latest <= target.latest)) {
        result_.events.push_back(i);
      } else if (overlaps(s, target)) {
        result_.possibly.push_back(i);
      }
    }
    return true;
  }

  bool between() {
    Span range;
    for (int side = 0; side < 2; ++side) {
      if (pos_ >= tokens_.size()) return fail(text_.size(), "`between` needs two dates"), false;
      const Token& t = tokens_[pos_++];
      const Edtf date = Edtf::parse(t.text);
      if (!date.ok()) return fail(t.offset + date.error().offset, "`" + t.text + "` is not a valid date: " + date.error().message), false;
      // Read as the reasoner reads the events' dates: `~` and `?` widen (reason.h).
      const Bounds bounds = reasoning_bounds(date);
      if (side == 0 && bounds.earliest) range.earliest = bounds.earliest->time_since_epoch().count();
      if (side == 1 && bounds.latest) range.latest = bounds.latest->time_since_epoch().count();
      (side == 0 ? first_ : second_) = describe(date);
    }
    if (range.latest < range.earliest) return fail(tokens_[pos_ - 1].offset, "the second date is before the first"), false;
    result_.heading = "Between " + first_ + " and " + second_;
    for (std::uint32_t i = 0; i < dataset_.events.size(); ++i) {
      const Span s = span_of(dataset_.events[i]);
      if (s.earliest >= range.earliest && s.latest <= range.latest) {
        result_.events.push_back(i);
      } else if (overlaps(s, range)) {
        result_.possibly.push_back(i);
      }
    }
    return true;
  }

  bool path(std::uint32_t x, std::uint32_t y) {
    result_.heading = "How " + name(x) + " led to " + name(y);
    if (auto chain = graph_.causal_path(x, y)) {
      // Every event on the chain, in order, each with the edge that reached it.
      result_.chain_kind = QueryResult::Chains::path;
      result_.via.assign(dataset_.events.size(), -1);
      result_.links.assign(dataset_.events.size(), 0);
      result_.events.push_back(x);
      for (std::uint32_t e : *chain) {
        const std::uint32_t to = graph_.edges()[e].to;
        result_.events.push_back(to);
        result_.via[to] = static_cast<std::int32_t>(e);
        result_.links[to] = 1;
      }
      return true;
    }
    if (x == y) {
      result_.notes.push_back("an event does not lead to itself");
    } else if (graph_.causal_path(y, x)) {
      result_.notes.push_back("the sources link them the other way: `" + id(y) + "` led to `" + id(x) +
                              "`; ask `path " + id(y) + " " + id(x) + "`");
    } else {
      result_.notes.push_back("no chain of causal links in the sources leads from `" + id(x) + "` to `" + id(y) + "`");
      // Name what each side is linked to, so the reader sees where the chains stop.
      const auto effects = graph_.all_effects(x);
      const auto causes = graph_.all_causes(y);
      result_.notes.push_back("`" + id(x) + "` led to " + std::to_string(effects.size()) +
                              " event(s); " + std::to_string(causes.size()) + " event(s) led to `" +
                              id(y) + "`");
    }
    return true;
  }

  bool filter(std::vector<bool>& keep) {
    const Token& t = tokens_[pos_++];
    const std::size_t colon = t.text.find(':');
    const std::string field = t.text.substr(0, colon);
    const std::string value = t.text.substr(colon + 1);
    if (value.empty()) return fail(t.offset, "`" + field + ":` needs a value"), false;
    std::vector<std::string> known;
    std::vector<Named> named;  // actors and sources by their names too, for "did you mean"
    // An actor stands for the bodies and people that are part of it: what a union's
    // committee or general secretary did, the union did.
    std::unordered_set<std::string_view> members;
    auto test = [&](const Event& e) -> bool {
      if (field == "kind") return e.kind == value;
      if (field == "actor") {
        if (std::any_of(e.actors.begin(), e.actors.end(), [&](const ActorRef& a) { return members.count(a.id); })) {
          return true;
        }
        return std::any_of(e.details.begin(), e.details.end(),
                           [&](const Detail& d) { return is_actor_detail(d) && members.count(d.value); });
      }
      return std::any_of(e.citations.begin(), e.citations.end(), [&](const Citation& c) { return c.source == value; });
    };
    if (field == "kind") {
      // Whether any event is of this kind, without a list of every kind: that is
      // made only for a suggestion, when none is (see kinds()).
      if (std::none_of(dataset_.events.begin(), dataset_.events.end(), [&](const Event& e) { return e.kind == value; })) {
        known = kinds();
      } else {
        known = {value};
      }
    } else if (field == "actor") {
      for (const Actor& a : dataset_.actors) {
        known.push_back(a.id);
        named.push_back(Named{a.id, {a.name, a.short_name}});
      }
    } else if (field == "source") {
      for (const Source& s : dataset_.sources) {
        known.push_back(s.id);
        named.push_back(Named{s.id, {s.title, s.publisher.value_or("")}});
      }
    } else {
      std::string message = "unknown filter `" + field + ":`";
      if (auto suggestion = closest(field, {"kind", "actor", "source"})) message += "; did you mean `" + *suggestion + ":`?";
      return fail(t.offset, message), false;
    }
    if (std::find(known.begin(), known.end(), value) == known.end()) {
      std::string message = "no " + field + " `" + value + "` in this dataset";
      std::vector<std::string> suggestions;
      if (field == "kind") {
        if (auto suggestion = closest(value, known)) suggestions.push_back(*suggestion);
      } else {
        suggestions = suggest_ids(value, named);
      }
      if (!suggestions.empty()) message += "; did you mean " + listed_in_code(suggestions, " or ") + "?";
      return fail(t.offset + colon + 1, message), false;
    }
    if (field == "actor") {
      members = actor_and_its_parts(value);
      std::vector<std::string> parts;
      for (const Actor& a : dataset_.actors) {
        if (a.id != value && members.count(a.id)) parts.push_back(a.id);
      }
      if (!parts.empty()) {
        result_.notes.push_back("`" + t.text + "` includes what is part of `" + value + "`: " + listed_in_code(parts));
      }
    }
    // The same filter again keeps what it kept: the events are not tested twice.
    if (std::find(filters_.begin(), filters_.end(), t.text) == filters_.end()) {
      for (std::uint32_t i = 0; i < dataset_.events.size(); ++i) keep[i] = keep[i] && test(dataset_.events[i]);
    }
    filters_.push_back(t.text);
    return true;
  }

  // Each kind of event once, in the order first met, for "did you mean": thousands
  // of events share a few kinds.
  std::vector<std::string> kinds() const {
    std::vector<std::string> out;
    std::unordered_set<std::string_view> seen;
    for (const Event& e : dataset_.events) {
      if (seen.insert(e.kind).second) out.emplace_back(e.kind);
    }
    return out;
  }

  // `id` and every actor whose chain of part_of leads to it.
  std::unordered_set<std::string_view> actor_and_its_parts(std::string_view id) const {
    std::unordered_set<std::string_view> members{id};
    for (const Actor& a : dataset_.actors) {
      // Walks up at most as many steps as there are actors, so a loop of part_of ends.
      const Actor* up = &a;
      for (std::size_t steps = 0; up && steps <= dataset_.actors.size(); ++steps) {
        if (up->id == id) {
          members.insert(a.id);
          break;
        }
        up = up->part_of.empty() ? nullptr : dataset_.actor(up->part_of);
      }
    }
    return members;
  }

  void apply_filters(const std::vector<bool>& keep) {
    if (filters_.empty()) return;
    std::vector<std::uint32_t> events;
    std::vector<std::string> because;
    for (std::size_t k = 0; k < result_.events.size(); ++k) {
      if (!keep[result_.events[k]]) continue;
      events.push_back(result_.events[k]);
      if (k < result_.because.size()) because.push_back(std::move(result_.because[k]));
    }
    result_.events = std::move(events);
    if (!result_.because.empty()) result_.because = std::move(because);
    std::erase_if(result_.possibly, [&](std::uint32_t i) { return !keep[i]; });
    std::string joined;
    for (const std::string& f : filters_) joined += (joined.empty() ? "" : ", ") + f;
    if (result_.heading.rfind("Events matching", 0) != 0) result_.heading += " (" + joined + ")";
  }

  // The index given, or one made the first time a phrase names an event.
  const PhraseIndex& phrase_index() {
    if (given_index_) return *given_index_;
    if (!own_index_) own_index_ = std::make_unique<PhraseIndex>(dataset_);
    return *own_index_;
  }

  std::string_view text_;
  const Dataset& dataset_;
  const DisputeGraph& graph_;
  const PhraseIndex* given_index_;
  std::unique_ptr<PhraseIndex> own_index_;
  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  std::vector<std::string> filters_;
  std::string first_, second_;
  QueryResult result_;
};

}  // namespace

std::vector<std::uint32_t> chain_of(const QueryResult& result, std::uint32_t event, const DisputeGraph& graph,
                                    std::size_t most) {
  std::vector<std::uint32_t> chain;
  if (result.chain_kind == QueryResult::Chains::none || event >= result.via.size() || result.via[event] < 0) return chain;
  if (result.chain_kind == QueryResult::Chains::path) return {static_cast<std::uint32_t>(result.via[event])};
  if (result.links[event] > most) return chain;
  const bool causes = result.chain_kind == QueryResult::Chains::causes;
  for (std::int64_t v = event; v >= 0 && result.via[static_cast<std::size_t>(v)] >= 0 && chain.size() < most;) {
    const auto edge = static_cast<std::uint32_t>(result.via[static_cast<std::size_t>(v)]);
    chain.push_back(edge);
    v = causes ? graph.edges()[edge].to : graph.edges()[edge].from;
  }
  if (!causes) std::reverse(chain.begin(), chain.end());  // chains read from cause to effect
  return chain;
}

std::vector<std::int64_t> chain_told(const QueryResult& result, std::uint32_t event, const DisputeGraph& graph,
                                     std::size_t most) {
  std::vector<std::int64_t> told;
  const std::size_t links = chain_links(result, event);
  if (links < 2 || result.chain_kind == QueryResult::Chains::path) return told;
  if (links <= most) {
    const auto chain = chain_of(result, event, graph, most);
    for (std::size_t step = 0; step < chain.size(); ++step) {
      if (step == 0) told.push_back(graph.edges()[chain[step]].from);
      told.push_back(graph.edges()[chain[step]].to);
    }
    return told;
  }
  const std::int64_t asked = result.targets.empty() ? -1 : result.targets.front();
  const std::int64_t neighbour = chain_neighbour(result, event, graph);
  if (result.chain_kind == QueryResult::Chains::causes) return {event, neighbour, -1, asked};
  return {asked, -1, neighbour, event};
}

std::size_t chain_links(const QueryResult& result, std::uint32_t event) {
  return event < result.links.size() ? result.links[event] : 0;
}

std::int64_t chain_neighbour(const QueryResult& result, std::uint32_t event, const DisputeGraph& graph) {
  if (event >= result.via.size() || result.via[event] < 0) return -1;
  const Edge& edge = graph.edges()[static_cast<std::size_t>(result.via[event])];
  return result.chain_kind == QueryResult::Chains::causes ? edge.to : edge.from;
}

QueryResult run_query(std::string_view query, const Dataset& dataset, const DisputeGraph& graph,
                      const PhraseIndex* index) {
  return Query(query, dataset, graph, index).run();
}

std::vector<Question> parse_questions(std::string_view text, std::uint32_t file, Diagnostics& diagnostics) {
  std::vector<Question> questions;
  // Read as source texts are: a byte order mark is not part of line 1, and CR or
  // CRLF ends a line as LF does.
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  auto trim = [](std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
  };
  std::uint32_t line_number = 0;
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t end = std::min(text.find_first_of("\r\n", start), text.size());
    const std::string_view line = text.substr(start, end - start);
    start = end + (text.substr(end, 2) == "\r\n" ? 2 : 1);
    ++line_number;
    const std::string_view content = trim(line);
    if (line.size() > kQuestionLineLimit) {
      diagnostics.error(Check::schema, Location{file, line_number, 1, 1},
                        "this line is " + std::to_string(line.size()) + " bytes, more than the " +
                            std::to_string(kQuestionLineLimit) + " a question and its query may take")
          .help = "ask a shorter question; a phrase names an event in a few words, or by its id";
      continue;
    }
    if (std::size_t bad = 0; !is_valid_utf8(line, &bad)) {
      diagnostics.error(Check::schema, Location{file, line_number, static_cast<std::uint32_t>(bad + 1), 1},
                        "the questions file is not valid UTF-8 at line " + std::to_string(line_number))
          .help = "save it as UTF-8; the byte there is not part of any character";
      continue;
    }
    if (content.empty() || content.front() == '#') continue;
    // What a question says is printed in the briefing and on the terminal, where an
    // escape sequence would act and a bidi control would reorder what is read.
    if (const auto bad = forbidden_character(line)) {
      const bool bidi = is_bidi_control(bad->code);
      diagnostics.error(Check::schema, Location{file, line_number, static_cast<std::uint32_t>(bad->column), 1},
                        std::string("this line contains the ") + (bidi ? "bidirectional control " : "control character ") +
                            name_character(bad->code))
          .help = "remove it: control characters other than tab, and bidi controls, are not shown as they are in a "
                  "briefing";
      continue;
    }
    const std::size_t bar = line.find('|');
    if (bar == std::string_view::npos) {
      diagnostics.error(Check::schema, Location{file, line_number, 1, static_cast<std::uint32_t>(line.size())},
                        "a question needs its query after a `|`")
          .help = "write it as: What happened before talks collapsed? | before \"talks collapsed\"";
      continue;
    }
    const std::string_view query = trim(line.substr(bar + 1));
    const std::size_t query_column = query.empty() ? bar + 2 : static_cast<std::size_t>(query.data() - line.data()) + 1;
    Question q{std::string(trim(line.substr(0, bar))), std::string(query),
               Location{file, line_number, static_cast<std::uint32_t>(query_column),
                        static_cast<std::uint32_t>(std::max<std::size_t>(query.size(), 1))}};
    if (q.question.empty() || q.query.empty()) {
      diagnostics.error(Check::schema, q.query_where,
                        q.question.empty() ? "the question before the `|` is empty" : "the query after the `|` is empty");
    } else {
      questions.push_back(std::move(q));
    }
  }
  return questions;
}

}  // namespace strikeline
