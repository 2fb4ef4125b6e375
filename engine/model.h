// The model: what a checked dataset holds once its files have been read.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "arena.h"
#include "diagnostic.h"
#include "edtf.h"
#include "source_text.h"

namespace strikeline {

struct Actor {
  std::string id;
  std::string name;
  std::string short_name;  // may be empty
  std::string kind;
  std::string part_of;  // an actor id, or empty
  std::string role;     // may be empty
  Location where;
  Location part_of_where;  // the `part_of:` value, when there is one
};

struct Source {
  std::string id;
  std::string title;
  std::optional<std::string> publisher;  // nullopt: the document does not say
  Edtf published;
  std::string dated_by;
  std::string author;       // may be empty
  std::string url;          // an absolute http(s) address, or empty
  std::string archive_url;  // may be empty
  std::optional<Edtf> retrieved;
  std::string path;  // as written, relative to the dataset folder
  std::string note;
  Paragraphs paragraphs;  // the non-empty lines of its text
  Location where;
  Location path_where;
};

// A place in the file of the event that holds it: a Location without its file, in
// 8 bytes, since an event has several. Event::at() makes it whole again.
struct Spot {
  static Spot of(Location where);
  std::uint32_t line = 0;
  std::uint32_t column : 21 = 0;  // YAML lines are at most kMaxYamlLineBytes (1 MiB)
  std::uint32_t length : 11 = 1;  // longer spans are cut; carets stop at the line's end anyway
};

// An event's text and lists are views into its dataset's arenas (see arena.h): they
// live as long as the dataset, and cost no allocation each.
struct Citation {
  std::string_view source;  // a source id
  std::string_view quote;
  std::uint32_t paragraph = 0;  // 1-based; 0 until the quote is found
  Spot source_where;
  Spot quote_where;
  bool quote_verbatim = false;  // the quote's bytes are its text, on one line (YamlNode::verbatim)
};

// The relations a link may state. Causal ones say why, temporal ones only when.
enum class LinkType : std::uint8_t { led_to, response_to, before, after, during, part_of };
std::string_view to_string(LinkType type);
std::optional<LinkType> link_type_from(std::string_view text);

struct Link {
  LinkType type = LinkType::led_to;
  std::string_view target;  // an event id
  Location where;           // the `event:` value
};

// Where one of an event's inferred bounds came from, in 4 bytes (an event holds
// two): a date (the event's own, or that of `event` when bounds are shared by
// events the links tie together), the publication of a source that reports `event`,
// or a link between this event and `event` by which the bound reached this one.
struct BoundOrigin {
  enum class By : std::uint8_t {
    nothing,      // no bound
    date,         // the stated date of `event`
    publication,  // the earliest publication among the sources that report `event`
    link_here,    // this event's link of type `type` to `event`
    link_there,   // `event`'s link of type `type` to this event
  };
  std::uint32_t event : 26 = 0;  // index into Dataset::events
  By by : 3 = By::nothing;
  LinkType type : 3 = LinkType::led_to;
  bool operator==(const BoundOrigin&) const = default;
};

// What a detail field holds; the events schema says which (see schema.h).
enum class DetailType : std::uint8_t {
  text,    // words: a status, a role, a form of action
  actor,   // an actor id: strikers, speaker, employer, court, …
  figure,  // a number as the source words it, perhaps with bounds (see Figure)
  date,    // an EDTF date: previous_date
};

// A figure's numbers, where its words allow them ("more than 100,000": low 100000).
struct Figure {
  std::string_view unit;  // may be empty
  double low = 0, high = 0, estimate = 0;
  bool has_low = false, has_high = false, has_estimate = false;
};

// A field some kinds of event carry: status, strikers, amount, speaker, …
struct Detail {
  std::string_view key;
  std::string_view value;  // for a figure, its words
  Spot where;
  DetailType type = DetailType::text;
  const Figure* figure = nullptr;  // the numbers of a figure given as a mapping
};

// One of the `actors:` of an event.
struct ActorRef {
  std::string_view id;
  Spot where;
};

// An event's text views its dataset's arenas (or static storage): give it
// `dataset.arena().keep(text)`, never a std::string that will go away. Copies of an
// event are shallow: they share its lists with the dataset.
struct Event {
  std::string_view id;
  std::string_view kind;
  std::string_view title;
  std::string_view place;  // may be empty
  std::string_view note;   // may be empty
  std::optional<Edtf> date;  // nullopt: the sources give no date
  std::span<ActorRef> actors;
  std::span<Citation> citations;  // the paragraph is filled in when the quote is found
  std::span<Link> links;
  std::span<Detail> details;  // in the order the schema lists them
  Location where;  // the `id:` value
  Spot date_where;
  std::uint32_t order = 0;  // position in the files as read: the last tie-break

  // From the reason stage: the bounds that dates, links and publication allow
  // together (the stated date as the reasoner reads it, reason.h reasoning_bounds);
  // `inferred` where they narrow the stated date (or give one where none is
  // stated). Each bound says where it came from.
  bool inferred = false;
  std::optional<date::sys_days> inferred_earliest, inferred_latest;
  BoundOrigin earliest_from, latest_from;
  // From the reason stage: the day the timeline places the event on, which decides
  // its section (nullopt: nothing at all is known of when it happened).
  std::optional<date::sys_days> placed_on;

  const Detail* detail(std::string_view key) const;
  Location at(Spot spot) const { return Location{where.file, spot.line, spot.column, spot.length}; }
};

inline bool is_actor_detail(const Detail& detail) { return detail.type == DetailType::actor; }

// Finds records by id: one flat array of slots (a hash tag and a position), the ids
// themselves compared where the records keep them. Built in one pass; the first
// record with an id wins.
class IdIndex {
 public:
  template <typename Record>
  void build(const std::vector<Record>& records) {
    build(records.size(), [&](std::size_t i) -> std::string_view { return records[i].id; });
  }
  template <typename Record>
  const Record* find(const std::vector<Record>& records, std::string_view id) const {
    const std::size_t i = find(id, [&](std::size_t k) -> std::string_view { return records[k].id; });
    return i < records.size() ? &records[i] : nullptr;
  }
  // Whether some id was given to more than one record.
  bool has_repeats() const { return repeats_; }

 private:
  template <typename IdOf>
  void build(std::size_t count, IdOf id_of);
  template <typename IdOf>
  std::size_t find(std::string_view id, IdOf id_of) const;
  std::vector<std::uint64_t> slots_;  // (hash's high half << 32) | (position + 1); 0 is empty
  bool repeats_ = false;
};

struct Dataset {
  // A dataset is moved, never copied: its events point into its own arenas.
  Dataset() = default;
  Dataset(Dataset&&) noexcept = default;  // moving keeps every record where it is
  Dataset& operator=(Dataset&&) noexcept = default;
  Dataset(const Dataset&) = delete;
  Dataset& operator=(const Dataset&) = delete;

  // From dataset.yaml, when the folder has one: what the timeline is about.
  std::string title;        // "The 2023 NHS junior doctors' dispute in England"
  std::string description;  // one paragraph, plain text
  std::string country;      // may be empty
  std::string industry;     // may be empty
  std::vector<std::string> files;  // shown paths, indexed by Location::file
  std::vector<Actor> actors;
  std::vector<Source> sources;
  std::vector<Event> events;  // in timeline order once loaded

  // Lookups by id; call reindex() after changing the vectors (the index points
  // into the records' own ids).
  const Actor* actor(std::string_view id) const;
  const Source* source(std::string_view id) const;
  const Event* event(std::string_view id) const;
  void reindex();
  // As reindex(), with `event_index` as the index of the events: one taken from a dataset
  // whose events had the same ids in the same places (an editor's next state, made
  // after an edit that changed no id), which saves hashing every id again.
  void reindex(IdIndex event_index);
  IdIndex take_event_index() { return std::move(event_index_); }
  // Whether an id is given to more than one record, as last indexed.
  bool has_repeated_actor_ids() const { return actor_index_.has_repeats(); }
  bool has_repeated_source_ids() const { return source_index_.has_repeats(); }
  bool has_repeated_event_ids() const { return event_index_.has_repeats(); }

  // Where new events keep their text and lists; `adopt` takes over an arena whose
  // views events already hold. References to the arenas stay valid as more are
  // adopted.
  Arena& arena();
  void adopt(Arena&& arena);

 private:
  IdIndex actor_index_, source_index_, event_index_;
  std::deque<Arena> arenas_;  // a deque: adopting one never moves the others
};

}  // namespace strikeline
