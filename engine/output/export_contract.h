// The JSON contract in one place: every field `export --format json`, `query
// --format json` and `check --format json` write, with its JSON types. Later tools
// read these documents, so the contract is extended, never broken. Each command's
// help prints its field list from here, and json_export_test checks the fixture's
// documents against it both ways (every field here is written with its types;
// nothing is written that is not here), so a renamed, dropped or undocumented field
// fails the tests.
//
// Meaning, beyond the names: events are in timeline order; days are YYYY-MM-DD, or
// null for open or unknown ends; `inferred` is what the dates, links and publication
// dates allow together, `from_links` true where links narrow the stated date;
// `earliest_from` and `latest_from` say where each bound came from, as {"by": "date",
// "event"} or {"by": "link", "from", "to", "type"} (the link as written), or for
// `latest_from` also {"by": "publication", "event", "source"} (a publication bounds
// only from above), or null where there is no bound; `paragraph` is 1-based and `text` is that
// whole paragraph, verbatim; "details" holds each detail's words by its key and
// "figures" the numbers of those that are figures. A query's events carry, for
// causes, effects and path, "via" (the id one link nearer X), "links" (how many) and
// "chain" (the ids from the earliest cause to the latest effect, or null beyond
// kChainToldWhole links); for before and after, "because".
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace strikeline {

struct JsonField {
  // Keys joined by '.'; "[]" stands for an array's items, "*" for any key of a map.
  std::string_view path;
  // The JSON types it may hold, joined by '|': string, integer, number (integer
  // or not), boolean, object, array, null.
  std::string_view types;
  // An object shaped as kEventFields, whose fields follow from there.
  bool event = false;
};

// An event, in both documents; paths are relative to the event.
inline constexpr JsonField kEventFields[] = {
    {"id", "string"},
    {"kind", "string"},
    {"title", "string"},
    {"date", "object|null"},
    {"date.edtf", "string"},
    {"date.earliest", "string|null"},
    {"date.latest", "string|null"},
    {"inferred", "object"},
    {"inferred.earliest", "string|null"},
    {"inferred.latest", "string|null"},
    {"inferred.from_links", "boolean"},
    {"inferred.earliest_from", "object|null"},
    {"inferred.earliest_from.by", "string"},
    {"inferred.earliest_from.event", "string"},
    {"inferred.earliest_from.from", "string"},
    {"inferred.earliest_from.to", "string"},
    {"inferred.earliest_from.type", "string"},
    {"inferred.latest_from", "object|null"},
    {"inferred.latest_from.by", "string"},
    {"inferred.latest_from.event", "string"},
    {"inferred.latest_from.source", "string|null"},
    {"inferred.latest_from.from", "string"},
    {"inferred.latest_from.to", "string"},
    {"inferred.latest_from.type", "string"},
    {"actors", "array"},
    {"actors[]", "string"},
    {"sources", "array"},
    {"sources[]", "object"},
    {"sources[].source", "string"},
    {"sources[].paragraph", "integer|null"},
    {"sources[].quote", "string"},
    {"sources[].text", "string|null"},
    {"note", "string|null"},
    {"file", "string|null"},
    {"line", "integer"},
    {"place", "string|null"},
    {"details", "object"},
    {"details.*", "string"},
    {"figures", "object"},
    {"figures.*", "object"},
    {"figures.*.words", "string"},
    {"figures.*.low", "number|null"},
    {"figures.*.high", "number|null"},
    {"figures.*.estimate", "number|null"},
    {"figures.*.unit", "string|null"},
};

// `strikeline export --format json`.
inline constexpr JsonField kExportFields[] = {
    {"dataset", "object"},
    {"dataset.title", "string|null"},
    {"dataset.description", "string|null"},
    {"dataset.country", "string|null"},
    {"dataset.industry", "string|null"},
    {"events", "array"},
    {"events[]", "object", true},
    {"links", "array"},
    {"links[]", "object"},
    {"links[].from", "string"},
    {"links[].to", "string"},
    {"links[].type", "string"},
    {"actors", "array"},
    {"actors[]", "object"},
    {"actors[].id", "string"},
    {"actors[].name", "string"},
    {"actors[].short", "string|null"},
    {"actors[].kind", "string"},
    {"actors[].part_of", "string|null"},
    {"actors[].role", "string|null"},
    {"sources", "array"},
    {"sources[]", "object"},
    {"sources[].id", "string"},
    {"sources[].title", "string"},
    {"sources[].publisher", "string|null"},
    {"sources[].author", "string|null"},
    {"sources[].url", "string|null"},
    {"sources[].archive_url", "string|null"},
    {"sources[].published", "object"},
    {"sources[].published.edtf", "string"},
    {"sources[].published.earliest", "string|null"},
    {"sources[].published.latest", "string|null"},
    {"sources[].retrieved", "object|null"},
    {"sources[].retrieved.edtf", "string"},
    {"sources[].retrieved.earliest", "string|null"},
    {"sources[].retrieved.latest", "string|null"},
    {"sources[].dated_by", "string"},
    {"sources[].path", "string"},
    {"sources[].note", "string|null"},
    {"sources[].paragraphs", "integer"},
};

// `strikeline query --format json`.
inline constexpr JsonField kQueryFields[] = {
    {"query", "string"},
    {"heading", "string"},
    {"targets", "array"},
    {"targets[]", "string"},
    {"events", "array"},
    {"events[]", "object", true},
    {"events[].via", "string|null"},
    {"events[].links", "integer"},
    {"events[].chain", "array|null"},
    {"events[].chain[]", "string"},
    {"events[].because", "string"},
    {"possibly", "array"},
    {"possibly[]", "object", true},
    {"notes", "array"},
    {"notes[]", "string"},
};

// `strikeline check --format json`, each line: one diagnostic. "line" and "column"
// are 1-based, the column in bytes as the text report counts it; "end" is where the
// underlined span ends on that line (the column after its last byte). A diagnostic
// about a whole file has null "line", "column" and "end"; a note without a place
// also a null "file". "severity" is "error" or "warning", "code" a check's stable
// name (code_of in diagnostic.h), "help" null when there is none.
inline constexpr JsonField kCheckFields[] = {
    {"file", "string|null"},
    {"line", "integer|null"},
    {"column", "integer|null"},
    {"end", "object|null"},
    {"end.line", "integer"},
    {"end.column", "integer"},
    {"severity", "string"},
    {"code", "string"},
    {"message", "string"},
    {"notes", "array"},
    {"notes[]", "object"},
    {"notes[].file", "string|null"},
    {"notes[].line", "integer|null"},
    {"notes[].column", "integer|null"},
    {"notes[].end", "object|null"},
    {"notes[].end.line", "integer"},
    {"notes[].end.column", "integer"},
    {"notes[].message", "string"},
    {"help", "string|null"},
};

struct JsonFieldPath {
  std::string path;  // as in JsonField, from the document's top
  std::string_view types;
  bool of_event = false;  // one of kEventFields, under an event object
};

// Every field of a document, each event object's fields spelled out after it
// ("events[]", then "events[].id" …).
std::vector<JsonFieldPath> json_contract(std::span<const JsonField> fields);

// The document's shape for help, one top-level member an item: "dataset": {"title",
// …}, "events": [{"id", …}], …; a map's entries show as KEY: …. Event objects are
// spelled out, or shown as <event> when `events_spelled_out` is false.
std::vector<std::string> json_shape(std::span<const JsonField> fields, bool events_spelled_out = true);

}  // namespace strikeline
