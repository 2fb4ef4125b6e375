#include "export_csv.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <ostream>

#include "edtf.h"
#include "schema.h"
#include "timeline.h"

namespace strikeline {

namespace {

// A spreadsheet reads a cell that begins with one of these as a formula (OWASP,
// "CSV Injection"); a leading single quote is how a spreadsheet is told "text".
bool needs_neutralising(std::string_view text) {
  if (text.empty()) return false;
  switch (text.front()) {
    case '=': case '+': case '-': case '@': case '\t': case '\r': case '\'': return true;
    default: return false;
  }
}

std::string quoted_if_needed(std::string_view cell) {
  if (cell.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(cell);
  std::string out = "\"";
  for (const char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

// A number as the shortest text that reads back as the same double; an integral
// one without a decimal point. Never neutralised: "-5" is a number to a spreadsheet.
std::string number_cell(double value) {
  if (!std::isfinite(value)) return {};  // as the JSON export: no number, null
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return ec == std::errc() ? std::string(buffer, end) : std::string();
}

std::string day_cell(const std::optional<date::sys_days>& day) { return day ? csv_text_cell(iso_day(*day)) : ""; }

std::string bool_cell(bool value) { return value ? "true" : "false"; }

class Table {
 public:
  explicit Table(std::ostream& out) : out_(out) {}
  // Cells already written as csv_text_cell or number_cell make them.
  void row(const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) out_ << ',';
      out_ << cells[i];
    }
    out_ << "\r\n";
  }
  void header(const std::vector<std::string>& names) {
    std::vector<std::string> cells;
    for (const std::string& name : names) cells.push_back(csv_text_cell(name));
    row(cells);
  }

 private:
  std::ostream& out_;
};

// "; " between the items of a list cell: ids and addresses never hold it.
std::string list_cell(const std::vector<std::string>& items) { return csv_text_cell(joined(items, "; ", "; ")); }

// ACLED's time_precision for the stated date: 1 one day, 2 within a week, 3 within
// a calendar month; empty for anything coarser, open or undated.
std::string acled_precision(const Event& event) {
  if (!event.date) return "";
  const auto earliest = event.date->earliest(), latest = event.date->latest();
  if (!earliest || !latest) return "";
  const auto days = (*latest - *earliest).count() + 1;
  if (days == 1) return "1";
  if (days <= 7) return "2";
  const date::year_month_day a(*earliest), b(*latest);
  if (a.year() == b.year() && a.month() == b.month()) return "3";
  return "";
}

}  // namespace

std::string csv_text_cell(std::string_view text) {
  return quoted_if_needed(needs_neutralising(text) ? "'" + std::string(text) : std::string(text));
}

std::vector<std::string> csv_event_columns() {
  std::vector<std::string> columns = {"id",          "kind",           "status",      "title",
                                      "date_edtf",   "date_earliest",  "date_latest", "inferred_earliest",
                                      "inferred_latest", "precision",  "approximate", "uncertain",
                                      "time_precision",  "date_words", "place",       "actors",
                                      "actor_names"};
  for (const DetailField& field : event_detail_fields()) {
    if (field.name == "status") continue;
    columns.push_back(field.name);
    if (field.type == DetailType::actor) columns.push_back(field.name + "_name");
    if (field.type == DetailType::figure) {
      for (const char* part : {"_low", "_high", "_estimate", "_unit"}) columns.push_back(field.name + part);
    }
  }
  for (const char* column : {"sources", "source_urls", "note", "file", "line"}) columns.push_back(column);
  return columns;
}

void export_csv_events(const Dataset& dataset, std::ostream& out) {
  Table table(out);
  table.header(csv_event_columns());
  for (const Event& event : dataset.events) {
    std::vector<std::string> cells;
    auto text = [&](std::string_view value) { cells.push_back(csv_text_cell(value)); };
    const Detail* status = event.detail("status");
    text(event.id);
    text(event.kind);
    text(status ? status->value : "");
    text(event.title);
    text(event.date ? std::string_view(event.date->text()) : "");
    cells.push_back(day_cell(event.date ? event.date->earliest() : std::nullopt));
    cells.push_back(day_cell(event.date ? event.date->latest() : std::nullopt));
    cells.push_back(day_cell(event.inferred_earliest));
    cells.push_back(day_cell(event.inferred_latest));
    text(event.date ? precision_of(*event.date) : "");
    cells.push_back(event.date ? bool_cell(event.date->approximate()) : "");
    cells.push_back(event.date ? bool_cell(event.date->uncertain()) : "");
    cells.push_back(acled_precision(event));
    text(event_date_words(event, dataset));
    text(event.place);
    std::vector<std::string> ids, names;
    for (const ActorRef& a : event.actors) {
      ids.emplace_back(a.id);
      names.emplace_back(actor_name(dataset, a.id));
    }
    cells.push_back(list_cell(ids));
    cells.push_back(list_cell(names));
    for (const DetailField& field : event_detail_fields()) {
      if (field.name == "status") continue;
      const Detail* d = event.detail(field.name);
      text(d ? d->value : "");
      if (field.type == DetailType::actor) text(d ? actor_name(dataset, d->value) : "");
      if (field.type == DetailType::figure) {
        const Figure* f = d ? d->figure : nullptr;
        cells.push_back(f && f->has_low ? number_cell(f->low) : "");
        cells.push_back(f && f->has_high ? number_cell(f->high) : "");
        cells.push_back(f && f->has_estimate ? number_cell(f->estimate) : "");
        text(f ? f->unit : "");
      }
    }
    std::vector<std::string> sources, urls;
    for (const Citation& c : event.citations) {
      if (std::find(sources.begin(), sources.end(), c.source) != sources.end()) continue;
      sources.emplace_back(c.source);
      const Source* source = dataset.source(c.source);
      if (source && !source->url.empty() && std::find(urls.begin(), urls.end(), source->url) == urls.end()) {
        urls.push_back(source->url);
      }
    }
    cells.push_back(list_cell(sources));
    cells.push_back(list_cell(urls));
    text(event.note);
    text(event.where.file < dataset.files.size() ? std::string_view(dataset.files[event.where.file]) : "");
    cells.push_back(number_cell(event.where.line));
    table.row(cells);
  }
}

void export_csv_links(const Dataset& dataset, std::ostream& out) {
  Table table(out);
  table.header({"from", "to", "type"});
  for (const Event& event : dataset.events) {
    for (const Link& link : event.links) {
      table.row({csv_text_cell(event.id), csv_text_cell(link.target), csv_text_cell(to_string(link.type))});
    }
  }
}

void export_csv_citations(const Dataset& dataset, std::ostream& out) {
  Table table(out);
  table.header({"event", "source", "url", "paragraph", "quote", "text"});
  for (const Event& event : dataset.events) {
    for (const Citation& c : event.citations) {
      const Source* source = dataset.source(c.source);
      const bool found = source && c.paragraph > 0 && c.paragraph <= source->paragraphs.size();
      table.row({csv_text_cell(event.id), csv_text_cell(c.source), csv_text_cell(source ? source->url : ""),
                 found ? number_cell(c.paragraph) : "", csv_text_cell(c.quote),
                 found ? csv_text_cell(source->paragraphs[c.paragraph - 1]) : ""});
    }
  }
}

}  // namespace strikeline
