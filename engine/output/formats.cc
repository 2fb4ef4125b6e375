#include "formats.h"

#include <ostream>

#include "export_csv.h"
#include "export_ics.h"
#include "export_dot.h"
#include "export_json.h"
#include "export_mermaid.h"
#include "export_timelinejs.h"
#include "diagnostic.h"
#include "report_json.h"
#include "report_sarif.h"
#include "render_html.h"
#include "render_markdown.h"
#include "render_text.h"

namespace strikeline {

namespace {

void markdown_timeline(const Dataset& dataset, std::ostream& out) { render_markdown(dataset, out); }

void markdown_answer(std::string_view query, const QueryResult& result, const Dataset& dataset,
                     const DisputeGraph& graph, std::ostream& out) {
  out << render_query_markdown(query, result, dataset, graph);
}

void json_timeline(const Dataset& dataset, std::ostream& out) { export_json(dataset, out); }

void text_report(const Diagnostics& diagnostics, std::string_view /*folder*/, std::ostream& out) {
  out << format_all(diagnostics);
}

// The first row a command takes is its default: text for query and check, markdown
// for render, json for export.
constexpr Format kFormats[] = {
    {"text", kForPeople, "a line an event, for a terminal", ".txt", nullptr, render_query_text, date_text,
     "file:line:col: the problem, its line and a caret", text_report},
    {"markdown", kForPeople, "Markdown (CommonMark), with each source paragraph", ".md", markdown_timeline,
     markdown_answer, nullptr, {}, nullptr},
    {"html", kForPeople, "one self-contained web page: a time axis, filters and search, no network needed", ".html",
     render_html, nullptr, nullptr, {}, nullptr},
    {"json", kForPrograms, "one JSON object (its fields: see export --help)", ".json", json_timeline, query_json,
     date_json, "one JSON object a line, a diagnostic each (fields below)", report_json},
    {"csv", kForPrograms, "CSV (RFC 4180): the events, a row each", ".csv",
     export_csv_events, nullptr, nullptr, {}, nullptr},
    {"csv-links", kForPrograms, "CSV: the links, a row each (from, to, type)", ".csv",
     export_csv_links, nullptr, nullptr, {}, nullptr},
    {"csv-citations", kForPrograms, "CSV: the citations, each with its source paragraph", ".csv",
     export_csv_citations, nullptr, nullptr, {}, nullptr},
    {"ics", kForPrograms, "iCalendar (RFC 5545): the events known to the day", ".ics",
     export_ics, nullptr, nullptr, {}, nullptr},
    {"dot", kForPrograms, "Graphviz: the events and their links, linked to timeline.html",
     ".dot", export_dot, nullptr, nullptr, {}, nullptr},
    {"timelinejs", kForPrograms, "TimelineJS 3 JSON: a slide an event, for timeline.knightlab.com", ".json",
     export_timelinejs, nullptr, nullptr, {}, nullptr},
    {"mermaid", kForPrograms, "Markdown: Mermaid diagrams of the timeline and what led to what", ".md",
     export_mermaid, nullptr, nullptr, {}, nullptr},
    {"sarif", kForPrograms, "SARIF 2.1.0, for code scanning", ".sarif", nullptr, nullptr, nullptr,
     "one SARIF 2.1.0 log, for code scanning (GitHub) and editors", report_sarif},
};

}  // namespace

std::span<const Format> formats() { return kFormats; }

const Format* find_format(std::string_view name) {
  for (const Format& format : kFormats) {
    if (format.name == name) return &format;
  }
  return nullptr;
}

}  // namespace strikeline
