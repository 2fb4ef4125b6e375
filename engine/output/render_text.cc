#include "render_text.h"

#include <ostream>
#include <string>

#include "query.h"
#include "text.h"

namespace strikeline {

namespace {

std::string day_range(const Event& event) {
  if (event.date) return event.date->text();
  return "(no date)";
}

}  // namespace

void render_query_text(std::string_view, const QueryResult& result, const Dataset& dataset, const DisputeGraph& graph,
                       std::ostream& out) {
  out << printable(result.heading) << '\n';
  auto line = [&](std::uint32_t i) {
    const Event& e = dataset.events[i];
    std::string date = day_range(e);
    if (date.size() < 22) date.resize(22, ' ');
    std::string kind(e.kind);
    if (kind.size() < 15) kind.resize(15, ' ');
    out << "  " << printable(date) << ' ' << kind << ' ' << e.id << "  " << printable(e.title) << '\n';
  };
  for (std::size_t k = 0; k < result.events.size(); ++k) {
    line(result.events[k]);
    // A chain is told whole up to a few links, else by its ends and length: output stays linear.
    if (const auto told = chain_told(result, result.events[k], graph); !told.empty()) {
      std::string chain;
      for (std::int64_t v : told) {
        if (!chain.empty()) chain += " → ";
        chain += v < 0 ? std::string("…") : std::string(dataset.events[static_cast<std::size_t>(v)].id);
      }
      if (told.size() != chain_links(result, result.events[k]) + 1) {
        chain += " (" + std::to_string(chain_links(result, result.events[k])) + " links)";
      }
      out << "      via " << chain << '\n';
    }
    if (k < result.because.size() && !result.because[k].empty()) {
      out << "      because " << printable(result.because[k]) << '\n';
    }
  }
  if (result.events.empty()) out << "  (none)\n";
  if (!result.possibly.empty()) {
    out << "Possibly (the dates overlap, so the order is not known)\n";
    for (std::uint32_t i : result.possibly) line(i);
  }
  for (const std::string& note : result.notes) out << "note: " << printable(note) << '\n';
}


void date_text(std::string_view input, const Edtf& date, std::ostream& out) {
  if (!date.ok()) return;
  auto day = [](const std::optional<date::sys_days>& d) { return d ? iso_day(*d) : std::string("none"); };
  out << printable(input) << ": " << describe(date) << '\n'
      << "  earliest " << day(date.earliest()) << ", latest " << day(date.latest()) << ", precision "
      << precision_of(date);
  const auto qualifiers = qualifiers_of(date);
  for (std::size_t i = 0; i < qualifiers.size(); ++i) out << ", " << qualifiers[i];
  out << '\n';
}

}  // namespace strikeline
