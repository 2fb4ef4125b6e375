#include "export_json.h"

#include <ostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "graph.h"
#include "query.h"
#include "reason.h"

namespace strikeline {

namespace {

using Json = nlohmann::ordered_json;

Json day_or_null(const std::optional<date::sys_days>& day) {
  return day ? Json(iso_day(*day)) : Json(nullptr);
}

Json date_json(const Edtf& date) {
  return Json{{"edtf", date.text()}, {"earliest", day_or_null(date.earliest())}, {"latest", day_or_null(date.latest())}};
}

Json text_or_null(std::string_view text) { return text.empty() ? Json(nullptr) : Json(text); }

// Where an inferred bound came from: {"by": "date", "event"}, {"by": "publication",
// "event", "source"} or {"by": "link", "from", "to", "type"} (the link as written);
// null where there is no bound.
Json origin_json(const BoundOrigin& origin, const Event& event, const Dataset& dataset) {
  if (origin.by == BoundOrigin::By::nothing || origin.event >= dataset.events.size()) return nullptr;
  const Event& other = dataset.events[origin.event];
  switch (origin.by) {
    case BoundOrigin::By::date: return Json{{"by", "date"}, {"event", other.id}};
    case BoundOrigin::By::publication: {
      const Citation* report = earliest_report(other, dataset);
      return Json{
          {"by", "publication"}, {"event", other.id}, {"source", report ? Json(report->source) : Json(nullptr)}};
    }
    case BoundOrigin::By::link_here:
    case BoundOrigin::By::link_there: {
      const bool here = origin.by == BoundOrigin::By::link_here;
      return Json{{"by", "link"},
                  {"from", here ? event.id : other.id},
                  {"to", here ? other.id : event.id},
                  {"type", std::string(to_string(origin.type))}};
    }
    case BoundOrigin::By::nothing: break;
  }
  return nullptr;
}

// Whether links (not the event's own date or sources) gave one of its bounds.
bool bounded_by_links(const Event& event, const Dataset& dataset) {
  for (const BoundOrigin& origin : {event.earliest_from, event.latest_from}) {
    if (origin.by == BoundOrigin::By::nothing || origin.event >= dataset.events.size()) continue;
    if (origin.by == BoundOrigin::By::link_here || origin.by == BoundOrigin::By::link_there ||
        dataset.events[origin.event].id != event.id) {
      return true;
    }
  }
  return false;
}

Json event_json(const Event& event, const Dataset& dataset) {
  Json citations = Json::array();
  for (const Citation& c : event.citations) {
    const Source* source = dataset.source(c.source);
    const bool found = source && c.paragraph > 0 && c.paragraph <= source->paragraphs.size();
    citations.push_back(Json{{"source", c.source},
                             {"paragraph", found ? Json(c.paragraph) : Json(nullptr)},
                             {"quote", c.quote},
                             {"text", found ? Json(source->paragraphs[c.paragraph - 1]) : Json(nullptr)}});
  }
  Json details = Json::object();
  // A figure's numbers beside its words, so that "details" stays a map of text.
  Json figures = Json::object();
  for (const Detail& d : event.details) {
    details[std::string(d.key)] = d.value;
    if (d.type != DetailType::figure) continue;
    auto number = [](bool present, double value) { return present ? Json(value) : Json(nullptr); };
    const Figure none;
    const Figure& f = d.figure ? *d.figure : none;
    figures[std::string(d.key)] = Json{{"words", d.value},
                                       {"low", number(f.has_low, f.low)},
                                       {"high", number(f.has_high, f.high)},
                                       {"estimate", number(f.has_estimate, f.estimate)},
                                       {"unit", text_or_null(f.unit)}};
  }
  Json actors = Json::array();
  for (const ActorRef& a : event.actors) actors.push_back(a.id);
  const bool has_file = event.where.file < dataset.files.size();
  return Json{{"id", event.id},
              {"kind", event.kind},
              {"title", event.title},
              {"date", event.date ? date_json(*event.date) : Json(nullptr)},
              {"inferred", Json{{"earliest", day_or_null(event.inferred_earliest)},
                                {"latest", day_or_null(event.inferred_latest)},
                                {"from_links", event.inferred && bounded_by_links(event, dataset)},
                                {"earliest_from", origin_json(event.earliest_from, event, dataset)},
                                {"latest_from", origin_json(event.latest_from, event, dataset)}}},
              {"actors", std::move(actors)},
              {"sources", std::move(citations)},
              {"note", text_or_null(event.note)},
              {"file", has_file ? Json(dataset.files[event.where.file]) : Json(nullptr)},
              {"line", event.where.line},
              {"place", text_or_null(event.place)},
              {"details", std::move(details)},
              {"figures", std::move(figures)}};
}

// A document written a member at a time, as dump(2) would write it whole: its
// arrays item by item, so that no more than one item is held as JSON and as text at
// once (60 events quoting one 50 MB paragraph would otherwise take over 4 GB).
class DocumentWriter {
 public:
  explicit DocumentWriter(std::ostream& out) : out_(out) { out_ << '{'; }
  DocumentWriter(const DocumentWriter&) = delete;
  DocumentWriter& operator=(const DocumentWriter&) = delete;

  void member(std::string_view key, const Json& value) {
    begin_member(key);
    write(value, 1);
  }
  void begin_array(std::string_view key) {
    begin_member(key);
    out_ << '[';
    items_ = 0;
  }
  void item(const Json& value) {
    out_ << (items_++ == 0 ? "\n" : ",\n") << std::string(2 * kIndent, ' ');
    write(value, 2);
  }
  void end_array() { out_ << (items_ == 0 ? "]" : "\n" + std::string(kIndent, ' ') + "]"); }
  void end() { out_ << "\n}\n"; }

 private:
  static constexpr int kIndent = 2;

  void begin_member(std::string_view key) {
    out_ << (members_++ == 0 ? "\n" : ",\n") << std::string(kIndent, ' ') << dumped(Json(key)) << ": ";
  }

  // `value` as it reads `depth` levels down: dump() starts it at the left margin,
  // and JSON text has no line breaks within strings, so each break takes the margin.
  void write(const Json& value, int depth) {
    if (!out_) return;  // the caller reports the failed stream; dumping on is waste
    const std::string text = dumped(value);
    const std::string margin(static_cast<std::size_t>(depth * kIndent), ' ');
    std::size_t start = 0;
    for (std::size_t line_break; (line_break = text.find('\n', start)) != std::string::npos; start = line_break + 1) {
      out_.write(text.data() + start, static_cast<std::streamsize>(line_break + 1 - start));
      out_ << margin;
    }
    out_.write(text.data() + start, static_cast<std::streamsize>(text.size() - start));
  }

  // Text was checked as UTF-8 when read; replacing is a last guard, never a throw.
  static std::string dumped(const Json& value) { return value.dump(kIndent, ' ', false, Json::error_handler_t::replace); }

  std::ostream& out_;
  std::size_t members_ = 0;
  std::size_t items_ = 0;
};

}  // namespace

void date_json(std::string_view input, const Edtf& date, std::ostream& out) {
  nlohmann::ordered_json line;
  line["input"] = input;
  line["valid"] = date.ok();
  auto day = [](const std::optional<date::sys_days>& d) {
    return d ? nlohmann::ordered_json(iso_day(*d)) : nlohmann::ordered_json(nullptr);
  };
  line["earliest"] = date.ok() ? day(date.earliest()) : nullptr;
  line["latest"] = date.ok() ? day(date.latest()) : nullptr;
  line["precision"] = date.ok() ? nlohmann::ordered_json(precision_of(date)) : nullptr;
  nlohmann::ordered_json qualifiers = nlohmann::ordered_json::array();
  if (date.ok()) {
    for (std::string_view q : qualifiers_of(date)) qualifiers.push_back(q);
  }
  line["qualifiers"] = qualifiers;
  line["text"] = date.ok() ? nlohmann::ordered_json(describe(date)) : nullptr;
  if (!date.ok()) line["error"] = date.error().message;
  out << line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

void query_json(std::string_view query, const QueryResult& result, const Dataset& dataset, const DisputeGraph& graph,
                std::ostream& out) {
  Json targets = Json::array();
  for (std::uint32_t i : result.targets) targets.push_back(dataset.events[i].id);
  DocumentWriter document(out);
  document.member("query", std::string(query));
  document.member("heading", result.heading);
  document.member("targets", targets);
  document.begin_array("events");
  for (std::size_t k = 0; k < result.events.size(); ++k) {
    Json event = event_json(dataset.events[result.events[k]], dataset);
    if (result.chain_kind != QueryResult::Chains::none) {
      // "via": the event one link nearer the one asked about (path: the one before);
      // "links": how many links away; "chain": the ids along it from the earliest
      // cause to the latest effect when it has at most kChainToldWhole links, else
      // null (follow "via"), so the document stays linear in the events.
      const std::uint32_t i = result.events[k];
      const std::int64_t via = chain_neighbour(result, i, graph);
      const std::size_t links = chain_links(result, i);
      Json chain = Json::array();
      if (links <= kChainToldWhole) {
        const auto edges = chain_of(result, i, graph);
        for (std::size_t step = 0; step < edges.size(); ++step) {
          const Edge& edge = graph.edges()[edges[step]];
          if (step == 0) chain.push_back(dataset.events[edge.from].id);
          chain.push_back(dataset.events[edge.to].id);
        }
      } else {
        chain = nullptr;
      }
      event["via"] = via < 0 ? Json(nullptr) : Json(dataset.events[static_cast<std::size_t>(via)].id);
      event["links"] = links;
      event["chain"] = std::move(chain);
    }
    // For before and after: the link, chain of links or dates that make it certain.
    if (k < result.because.size()) event["because"] = result.because[k];
    document.item(event);
  }
  document.end_array();
  document.begin_array("possibly");
  for (std::uint32_t i : result.possibly) document.item(event_json(dataset.events[i], dataset));
  document.end_array();
  document.member("notes", result.notes);
  document.end();
}

void export_json(const Dataset& dataset, std::ostream& out) {
  DocumentWriter document(out);
  document.member("dataset", Json{{"title", text_or_null(dataset.title)},
                                  {"description", text_or_null(dataset.description)},
                                  {"country", text_or_null(dataset.country)},
                                  {"industry", text_or_null(dataset.industry)}});
  document.begin_array("events");
  for (const Event& event : dataset.events) document.item(event_json(event, dataset));
  document.end_array();
  document.begin_array("links");
  for (const Event& event : dataset.events) {
    for (const Link& link : event.links) {
      document.item(Json{{"from", event.id}, {"to", link.target}, {"type", std::string(to_string(link.type))}});
    }
  }
  document.end_array();
  document.begin_array("actors");
  for (const Actor& a : dataset.actors) {
    document.item(Json{{"id", a.id},
                       {"name", a.name},
                       {"short", text_or_null(a.short_name)},
                       {"kind", a.kind},
                       {"part_of", text_or_null(a.part_of)},
                       {"role", text_or_null(a.role)}});
  }
  document.end_array();
  document.begin_array("sources");
  for (const Source& s : dataset.sources) {
    document.item(Json{{"id", s.id},
                       {"title", s.title},
                       {"publisher", s.publisher ? Json(*s.publisher) : Json(nullptr)},
                       {"author", text_or_null(s.author)},
                       {"url", text_or_null(s.url)},
                       {"archive_url", text_or_null(s.archive_url)},
                       {"published", date_json(s.published)},
                       {"retrieved", s.retrieved ? date_json(*s.retrieved) : Json(nullptr)},
                       {"dated_by", s.dated_by},
                       {"path", s.path},
                       {"note", text_or_null(s.note)},
                       {"paragraphs", s.paragraphs.size()}});
  }
  document.end_array();
  document.end();
}

std::string export_json(const Dataset& dataset) {
  std::ostringstream out;
  export_json(dataset, out);
  return std::move(out).str();
}

}  // namespace strikeline
