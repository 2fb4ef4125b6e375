#include "cli.h"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <fstream>
#include <optional>
#include <sstream>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>

#include <nlohmann/json.hpp>

#include "dataset_folder.h"
#include "diagnostic.h"
#include "edtf.h"
#include "export_contract.h"
#include "analysis.h"
#include "export_json.h"
#include "formats.h"
#include "graph.h"
#include "loader.h"
#include "lsp_server.h"
#include "output_file.h"
#include "query.h"
#include "read_file.h"
#include "render_markdown.h"
#include "schema.h"
#include "spelling.h"
#include "text.h"

namespace strikeline {

namespace {

namespace fs = std::filesystem;

// `text` broken at spaces into lines of at most 80 columns, each line after the
// first starting with `rest` (for a shape that reads as one expression).
std::string wrapped(std::string_view text, std::string_view first, std::string_view rest) {
  constexpr std::size_t kWidth = 80;
  std::string lines;
  std::string line(first);
  std::size_t words = 0;
  while (!text.empty()) {
    const std::size_t space = text.find(' ');
    const std::string_view word = text.substr(0, space);
    text = space == std::string_view::npos ? std::string_view() : text.substr(space + 1);
    if (words > 0 && display_width(line) + 1 + display_width(word) > kWidth) {
      lines += line + "\n";
      line = std::string(rest);
      words = 0;
    }
    if (words > 0) line += ' ';
    line += word;
    ++words;
  }
  return lines + line + "\n";
}

// A document's shape as help shows it: each member with fields of its own on lines
// of its own, wrapped; plain members share a line.
std::string shape_for_help(std::span<const JsonField> fields, bool events_spelled_out = true) {
  const std::vector<std::string> members = json_shape(fields, events_spelled_out);
  std::string text;
  std::string line = "{";
  bool empty = true;  // `line` holds no member yet
  auto flush = [&] {
    text += wrapped(line, "  ", "    ");
    line = " ";
    empty = true;
  };
  for (std::size_t i = 0; i < members.size(); ++i) {
    const bool nested = members[i].find_first_of("{[") != std::string::npos;
    if (nested && !empty) flush();
    if (!empty) line += ' ';
    line += members[i] + (i + 1 < members.size() ? "," : "}");
    empty = false;
    if (nested) flush();
  }
  if (!empty) flush();
  return text;
}

const char* const kMainHelp = R"(strikeline: timelines of industrial disputes, every event quoting its source

usage: strikeline COMMAND [ARGS]

commands:
  init DIR [--title TITLE]      start a new dataset in DIR: registries, an events
                                file, the schemas for your editor, sources/
  check [DIR] [--format text|json|sarif]
                                check the dataset in DIR; json and sarif for CI
  render [DIR] [--format markdown|html] [-o FILE]
                                write the timeline for people to read: Markdown,
                                or one self-contained web page
  export [DIR] [--format NAME] [-o FILE]
                                write the dataset for programs: JSON, CSV tables,
                                iCalendar and more (strikeline export --help)
  query QUERY [DIR] [--format text|markdown|json]
                                answer a question: before, after, during, between,
                                causes, effects, path; filters kind:, actor:, source:
  brief QUESTIONS [DIR] [-o FILE] [--timeline LINK]
                                answer a file of questions as one Markdown briefing
  date [--format json] EXPR...  explain EDTF dates: their reading in words and bounds
  schema NAME                   print a JSON Schema: events, actors, sources, dataset
  lsp                           serve an editor: every check as you type, and
                                completion, hover, definitions (Language Server
                                Protocol on standard input and output)

DIR is a dataset folder. Without one, a command reads the current folder if it
holds actors.yaml, sources.yaml or dataset.yaml, else ./events.

options:
  -h, --help     show this help, or a command's help: strikeline check --help
  --version      show the version

exit codes:
  0  the data is sound (warnings may have been shown)
  1  the data has errors, or an output file could not be written
  2  the command line is wrong

examples:
  strikeline init rail-dispute --title "The 2022 rail dispute"
  strikeline check rail-dispute
  strikeline render events/nhs-junior-doctors-2023 -o timeline.md
  strikeline render --format html events/wga-2023 -o timeline.html
  strikeline export --format json events/wga-2023 > dispute.json
  strikeline query 'before "talks collapsed"' events/nhs-junior-doctors-2023
  strikeline date 2023-12-01/2023-12-21 '2023-11~'
)";

const char* const kInitHelp = R"(usage: strikeline init DIR [--title TITLE]

Starts a new dataset in DIR (created if need be): dataset.yaml with the title,
actors.yaml, sources.yaml and events.yaml (empty lists, with commented examples
of how to fill them), the JSON Schemas in DIR/schemas/ (so that editors with the
YAML language server check and complete as you type, wherever DIR is), and the
folder DIR/sources/ for the source texts. The new dataset checks clean. Nothing
that exists is ever overwritten: if any of these files is already there, nothing
is written. TITLE defaults to DIR's name.

examples:
  strikeline init rail-dispute --title "The 2022-23 rail dispute in Great Britain"
  strikeline check rail-dispute
)";

const char* const kSchemaHelp = R"(usage: strikeline schema NAME

Prints the JSON Schema (draft-07) that strikeline checks a dataset's files with:
events (event files), actors (actors.yaml), sources (sources.yaml) or dataset
(dataset.yaml). Each kind and field has a description there; editors show them.

example:
  strikeline schema events > events.schema.json
)";

// What a command writes, and so which rows of the format table (formats.h) it takes:
// render the whole dataset for people, export it for programs, query an answer,
// check its diagnostics.
enum class FormatUse { render, export_dataset, query, date, check };

bool takes(FormatUse use, const Format& format) {
  switch (use) {
    case FormatUse::render: return format.timeline && format.for_whom == kForPeople;
    case FormatUse::export_dataset: return format.timeline && format.for_whom == kForPrograms;
    case FormatUse::query: return format.answer != nullptr;
    case FormatUse::date: return format.date != nullptr;
    case FormatUse::check: return format.report != nullptr;
  }
  return false;
}

std::vector<std::string> format_names(FormatUse use) {
  std::vector<std::string> names;
  for (const Format& format : formats()) {
    if (takes(use, format)) names.emplace_back(format.name);
  }
  return names;
}

std::string formats_for_help(FormatUse use) {
  std::string out;
  bool first = true;
  std::size_t width = 10;  // the names in one column, however long the longest
  for (const Format& format : formats()) {
    if (takes(use, format)) width = std::max(width, format.name.size() + 2);
  }
  for (const Format& format : formats()) {
    if (!takes(use, format)) continue;
    std::string name(format.name);
    name.resize(width, ' ');
    const std::string_view writes = use == FormatUse::check ? format.reports : format.writes;
    out += "  " + name + std::string(writes) + (first ? " (the default)" : "") + "\n";
    first = false;
  }
  return out;
}

// The format list comes from the one table (formats.h).
std::string render_help() {
  return R"(usage: strikeline render [DIR] [--format NAME] [-o FILE] [--stats]

Writes the timeline of the dataset in DIR for people to read: events by month,
each with its date in words, its actors, the source paragraph it comes from and
its links. Nothing is written when the data has errors; FILE is replaced only
once the whole timeline has been written, keeping its mode. A symlink is
followed; a device or FIFO is written in place; a read-only file or one of the
dataset's own files is refused.

formats:
)" + formats_for_help(FormatUse::render) +
         R"(
examples:
  strikeline render
  strikeline render events/wga-2023 -o timeline.md
  strikeline render --format html events/wga-2023 -o timeline.html
)";
}

// The field list comes from export_contract.h, so that the help cannot drift from
// what export writes.
std::string export_help() {
  return "usage: strikeline export [--format NAME] [DIR] [-o FILE]\n\nWrites the dataset in DIR for programs to read, to standard output or to FILE\n(replaced as render replaces it). The formats:\n" +
         formats_for_help(FormatUse::export_dataset) + "\nThe json format is one object:\n" +
         shape_for_help(kExportFields) +
         R"(Events are in timeline order; days are YYYY-MM-DD, null for an open or unknown
end, and "date" is null for an undated event. "details" holds each detail's
words by its key, "figures" the numbers of those that are figures. "inferred" is
what dates, links and publication allow together; each bound's origin is
{"by": "date", "event"} or {"by": "link", "from", "to", "type"}, or for
"latest_from" also {"by": "publication", "event", "source"}, or null where there
is no bound. "paragraph" is 1-based, and "text" is that paragraph verbatim.

example:
  strikeline export --format json events/wga-2023 > dispute.json
)";
}

const char* const kDateHelp = R"(usage: strikeline date [--format text|json] EXPR...

Explains each EDTF date (levels 0 and 1): its reading in words, its earliest
and latest day, precision and qualifiers. With --format json, one object per
line: {"input", "valid", "earliest", "latest", "precision", "qualifiers", "text"}.
Exits 1 if any date is invalid, after explaining all of them.

examples:
  strikeline date 2023-12-20/2023-12-23 2023-11-XX '2023-12~' 1985-04-12/..
  strikeline date --format json 2024-01-15/
)";

// The json format's field list comes from export_contract.h, as export's does.
std::string query_help() {
  return R"(usage: strikeline query QUERY [DIR] [--format text|markdown|json]

Answers a question about the dataset in DIR. Put the whole
query in quotes. X and Y are event ids or phrases matched against titles,
ids, kinds and dates ("collapsed" finds "collapse", "December strike" the
strike in December; quote a phrase of several words).

  before X, after X      what certainly happened before/after X by the dates
                         and links, each with the reason; the rest apart, as
                         "possibly"
  during X               what happened within X's dates, or is linked to it
  between DATE DATE      what happened between two EDTF dates
  causes X               everything that led to X, each with its chain of links
  effects X              everything X led to
  path X Y               how X led to Y, or why the sources do not say it did
  kind:K actor:A source:S   filters, joined to the rest with `and`; actor:A
                         also takes in the actors that are part of A

formats:
)" + formats_for_help(FormatUse::query) + "\nThe json answer is\n" + shape_for_help(kQueryFields, false) +
         R"(where <event> is an event's fields as `strikeline export --help` lists them;
for causes, effects and path, "via" is the id one link nearer X, "links" how
many links away and "chain" the ids along it (null when it is long: follow
"via"); for before and after, "because" is the reason.
Exits 2 when the query cannot be read or a phrase fits several events equally
well, or none (the candidates, or the closest, are listed).

examples:
  strikeline query 'before "talks collapsed"' events/nhs-junior-doctors-2023
  strikeline query 'causes "January walkouts"' events/nhs-junior-doctors-2023
  strikeline query 'kind:statement and actor:victoria-atkins' --format markdown
  strikeline query 'between 2023-12-01 2023-12-21' --format json
)";
}

// The formats come from the one table (formats.h), the json fields from
// export_contract.h and the codes from the check catalog (diagnostic.h).
std::string check_help() {
  std::vector<std::string> codes;
  for (const CheckInfo& check : check_catalog()) codes.emplace_back(check.code);
  return R"(usage: strikeline check [DIR] [--format NAME] [--stats]

Checks the dataset in DIR (see `strikeline --help` for the default): every YAML
file against its schema, then across records: unique ids, known actors, sources
and events, each quote found in its source text, dates in strict EDTF. Reports
every problem, and a count at the end. Exits 1 when there are errors, in every
format. --stats adds a line of timings and peak memory (for benchmarks).

formats:
)" + formats_for_help(FormatUse::check) +
         R"(
With json or sarif, the report is all of standard output; the count goes to
standard error. Each json line is
)" + shape_for_help(kCheckFields) +
         R"(where line and column are 1-based, columns in bytes, and end is where the
underlined span ends (the column after it); a whole file's problem has null
line, column and end. The sarif log gives each place relative to DIR, its
columns in UTF-16 code units, and a rule for each code (see the README).

)" + wrapped("codes: " + listed_in_code(codes, ", "), "", "  ") +
         R"(
examples:
  strikeline check
  strikeline check path/to/dataset
  strikeline check --format sarif path/to/dataset > strikeline.sarif
)";
}

const char* const kBriefHelp = R"(usage: strikeline brief QUESTIONS [DIR] [-o FILE] [--timeline LINK]

Answers every question in the file QUESTIONS about the dataset in DIR and writes
one Markdown briefing: each question, the command that asks it (with DIR, so it
can be copied and run), and its answer. A question is a line `Question? | query` (see `strikeline
query --help` for queries); blank lines and lines starting with # are skipped.
QUESTIONS is a regular UTF-8 file of at most 1 MiB, its lines at most 4096 bytes.
With --timeline, events link to their place in that timeline file. Nothing is
written if the data has errors or a query cannot be answered.

example:
  strikeline brief questions.txt events/wga-2023 -o queries.md --timeline timeline.md
)";

const char* const kLspHelp = R"(usage: strikeline lsp

Serves an editor over the Language Server Protocol (JSON-RPC on standard input and
output; `--stdio`, which some clients add, is accepted and changes nothing). For
each file the editor opens it finds the dataset folder that holds it, the nearest
folder at or above it with sources.yaml or actors.yaml, not above the editor's
workspace root, and reports every problem `strikeline check` finds on the text as
it is being typed, saved or not: YAML, schemas, references, quotes against their
source texts, dates, causal cycles and clashes, each with its place and its code.
It also answers completion, hover, go to definition, find references, quick fixes
and the outline of a file. Files outside any dataset get no diagnostics. Nothing
is ever written. The README's "Editor setup" shows how to use it in Neovim,
Helix, Emacs and VS Code.

exit codes (as the protocol has them):
  0  the editor sent `shutdown`, then `exit`
  1  the editor sent `exit` without `shutdown`, or went away without `exit`

example:
  nvim --cmd 'lua vim.lsp.start({name = "strikeline", cmd = {"strikeline", "lsp"}})' events.yaml
)";

struct Usage {
  std::string message;
  std::string hint;
};

int usage_error(std::ostream& err, const Usage& usage) {
  err << "strikeline: " << printable(usage.message) << '\n';
  if (!usage.hint.empty()) err << printable(usage.hint) << '\n';
  err << "run `strikeline --help` for usage\n";
  return kExitUsage;
}

// The format `name` for `use`, or why not: unknown (with "did you mean"), or one
// that another command writes (with that command).
const Format* choose_format(const std::optional<std::string>& name, FormatUse use, std::ostream& err) {
  const std::vector<std::string> names = format_names(use);
  const std::string wanted = name.value_or(names.front());
  const Format* format = find_format(wanted);
  if (format && takes(use, *format)) return format;
  Usage usage{"unknown format `" + wanted + "`", "the formats here are " + listed_in_code(names, " and ")};
  if (format && use == FormatUse::date) {
    usage = {"`" + wanted + "` does not explain dates", "the formats here are " + listed_in_code(names, " and ")};
  } else if (format && !format->timeline && !format->answer && format->report) {
    usage = {"`" + wanted + "` reports what a check finds", "write it with `strikeline check --format " + wanted + "`"};
  } else if (format && use == FormatUse::query) {
    usage = {"`" + wanted + "` writes whole timelines, not answers",
             "answers are " + listed_in_code(names, " or ") + "; the whole timeline: `strikeline render --format " +
                 wanted + "`"};
  } else if (format && takes(FormatUse::render, *format)) {
    usage = {"`" + wanted + "` is a format for people", "write it with `strikeline render --format " + wanted + "`"};
  } else if (format && takes(FormatUse::export_dataset, *format)) {
    usage = {"`" + wanted + "` is a format for programs", "write it with `strikeline export --format " + wanted + "`"};
  } else if (format) {
    usage = {"`" + wanted + "` writes query answers only", "ask with `strikeline query QUERY --format " + wanted + "`"};
  } else if (auto suggestion = closest(wanted, names)) {
    usage.hint = "did you mean `" + *suggestion + "`? " + usage.hint;
  }
  usage_error(err, usage);
  return nullptr;
}

// A command's arguments once read: options and positionals.
struct Parsed {
  std::vector<std::string> positional;
  std::optional<std::string> output;  // -o FILE
  std::optional<std::string> format;  // --format NAME
  std::string timeline;               // --timeline LINK
  std::string title;                  // --title TITLE
  bool stats = false;                 // --stats
  bool help = false;
};

std::optional<Usage> parse_args(const std::vector<std::string>& args, const std::vector<std::string>& allowed,
                                Parsed& parsed) {
  std::vector<std::string> seen;  // options already given, -o for --output
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    // The next argument, taken as the current option's value.
    auto next_value = [&]() -> std::optional<std::string> {
      if (i + 1 >= args.size()) return std::nullopt;
      return args[++i];
    };
    if (arg == "-h" || arg == "--help") {
      parsed.help = true;
    } else if (arg == "--stats" && std::find(allowed.begin(), allowed.end(), arg) != allowed.end()) {
      if (parsed.stats) return Usage{"option `--stats` is given more than once", "give it once"};
      parsed.stats = true;
    } else if (arg == "--") {
      parsed.positional.insert(parsed.positional.end(), args.begin() + static_cast<std::ptrdiff_t>(i) + 1, args.end());
      break;
    } else if (arg.size() > 1 && arg[0] == '-' && !(arg[1] >= '0' && arg[1] <= '9')) {
      // (A number such as -0044, a year BC, is an argument, not an option.)
      std::string name = arg;
      std::optional<std::string> inline_value;
      if (const std::size_t eq = arg.find('='); eq != std::string::npos && arg.rfind("--", 0) == 0) {
        name = arg.substr(0, eq);
        inline_value = arg.substr(eq + 1);
      }
      if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
        Usage usage{"unknown option `" + arg + "`", ""};
        if (auto suggestion = closest(name, allowed)) usage.hint = "did you mean `" + *suggestion + "`?";
        return usage;
      }
      std::optional<std::string> v = inline_value ? inline_value : next_value();
      if (!v) return Usage{"option `" + name + "` needs a value", ""};
      const std::string same = name == "--output" ? "-o" : name;
      if (std::find(seen.begin(), seen.end(), same) != seen.end()) {
        return Usage{"option `" + name + "` is given more than once", "give it once"};
      }
      seen.push_back(same);
      if (name == "-o" || name == "--output") parsed.output = *v;
      if (name == "--format") parsed.format = *v;
      if (name == "--timeline") parsed.timeline = *v;
      if (name == "--title") parsed.title = *v;
    } else {
      parsed.positional.push_back(arg);
    }
  }
  return std::nullopt;
}

struct Loaded {
  Analysis analysis;
  Diagnostics diagnostics;
  LoadStats stats;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// One line of figures for benchmarks: where the time went and the peak memory.
void print_stats(std::ostream& err, const Loaded& loaded, double render_seconds) {
  struct rusage usage {};
  ::getrusage(RUSAGE_SELF, &usage);
  const LoadStats& s = loaded.stats;
  char line[512];
  std::snprintf(line, sizeof line,
                "stats: files=%zu events=%zu threads=%zu read_parse_s=%.3f validate_s=%.3f model_s=%.3f "
                "check_s=%.3f link_reason_s=%.3f render_s=%.3f total_s=%.3f peak_mb=%.1f\n",
                s.files, loaded.analysis.dataset.events.size(), s.threads, s.parse_seconds, s.validate_seconds,
                s.model_seconds, s.cross_check_seconds, s.link_reason_seconds, render_seconds,
                seconds_since(loaded.started), static_cast<double>(usage.ru_maxrss) / 1024.0);
  err << line;
}

// Loads and shows every diagnostic; true when the data has no errors.
bool load_and_report(const std::string& folder, Loaded& loaded, std::ostream& err) {
  loaded.analysis = analyse(folder, loaded.diagnostics, &loaded.stats);
  err << format_all(loaded.diagnostics);
  return loaded.diagnostics.errors() == 0;
}

// The dataset folder named at `index` of the positionals, or the default one; empty
// after saying why there is none to read.
std::string choose_folder(const Parsed& parsed, std::size_t index, const std::string& command, std::ostream& err) {
  std::optional<fs::path> named;
  if (parsed.positional.size() > index) named = parsed.positional[index];
  const FolderChoice choice = choose_dataset_folder(named, command);
  if (choice.problem.empty()) return choice.folder.generic_string();
  err << "strikeline: " << printable(choice.problem) << '\n';
  for (std::size_t i = 0; i < choice.help.size(); ++i) err << (i == 0 ? "help: " : "") << printable(choice.help[i]) << '\n';
  return {};
}

std::optional<Usage> at_most_one_folder(const Parsed& parsed) {
  if (parsed.positional.size() <= 1) return std::nullopt;
  return Usage{"expected one dataset folder, got " + std::to_string(parsed.positional.size()) +
                   " (`" + parsed.positional[1] + "` is extra)",
               ""};
}

int run_check(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Parsed parsed;
  if (auto usage = parse_args(args, {"--stats", "--format"}, parsed)) return usage_error(err, *usage);
  if (parsed.help) return out << check_help(), kExitOk;
  const Format* format = choose_format(parsed.format, FormatUse::check, err);
  if (!format) return kExitUsage;
  if (auto usage = at_most_one_folder(parsed)) return usage_error(err, *usage);
  const std::string folder = choose_folder(parsed, 0, "check", err);
  if (folder.empty()) return kExitUsage;
  Loaded loaded;
  loaded.analysis = analyse(folder, loaded.diagnostics, &loaded.stats);
  // A report for people goes to standard error, as every command's diagnostics do,
  // and a sound dataset's count to standard output. A report for programs is the
  // whole of standard output, so both counts go to standard error.
  const bool for_people = format->for_whom == kForPeople;
  std::ostream& count_to = for_people ? out : err;
  format->report(loaded.diagnostics, folder, for_people ? err : out);
  if (parsed.stats) print_stats(err, loaded, 0.0);
  const Dataset& d = loaded.analysis.dataset;
  if (loaded.diagnostics.errors() > 0) {
    err << printable(folder) << ": " << summarize(loaded.diagnostics) << '\n';
    return kExitProblems;
  }
  auto count = [](std::size_t n, const char* noun) { return std::to_string(n) + " " + noun + (n == 1 ? "" : "s"); };
  count_to << printable(folder) << ": " << count(d.events.size(), "event") << ", " << count(d.actors.size(), "actor")
           << " and " << count(d.sources.size(), "source") << " in " << count(loaded.stats.files, "file") << ": "
           << summarize(loaded.diagnostics) << '\n';
  return kExitOk;
}

// A document to standard output, or to -o FILE (see output_file.h). Standard
// output's errors are found by `run`, after every command.
int emit(const std::function<void(std::ostream&)>& write, const std::optional<std::string>& output,
         const std::string& what, std::ostream& out, std::ostream& err) {
  if (!output || *output == "-") {
    write(out);
    return kExitOk;
  }
  if (const std::string why = write_output_file(*output, write); !why.empty()) {
    err << "strikeline: cannot write " << printable(*output) << ": " << printable(why) << '\n';
    return kExitProblems;
  }
  out << what << " written to " << printable(*output) << '\n';
  return kExitOk;
}

// Whether -o FILE may be written: not a file the dataset (or `inputs`) is read
// from. Called before loading, and again once the registry names the source texts.
bool output_allowed(const std::optional<std::string>& output, const std::string& folder,
                    std::vector<fs::path> inputs, const Dataset* dataset, std::ostream& err) {
  if (!output) return true;
  if (dataset) {
    for (const Source& source : dataset->sources) {
      if (!source.path.empty()) inputs.push_back(fs::path(folder) / source.path);
    }
  }
  const std::string why = output_clash(*output, folder, inputs);
  if (why.empty()) return true;
  err << "strikeline: will not write " << printable(*output) << ": " << printable(why) << "; nothing was written\n"
      << "help: choose an output file outside the dataset's files\n";
  return false;
}


// render and export: the whole dataset in one format of the table, to standard
// output or -o FILE; they differ only in the formats they take.
int write_dataset(const std::vector<std::string>& args, FormatUse use, std::ostream& out, std::ostream& err) {
  const char* const command = use == FormatUse::render ? "render" : "export";
  Parsed parsed;
  if (auto usage = parse_args(args, {"-o", "--output", "--stats", "--format"}, parsed)) return usage_error(err, *usage);
  if (parsed.help) return out << (use == FormatUse::render ? render_help() : export_help()), kExitOk;
  const Format* format = choose_format(parsed.format, use, err);
  if (!format) return kExitUsage;
  if (auto usage = at_most_one_folder(parsed)) return usage_error(err, *usage);
  const std::string folder = choose_folder(parsed, 0, std::string(command) + " --format " + std::string(format->name), err);
  if (folder.empty()) return kExitUsage;
  if (!output_allowed(parsed.output, folder, {}, nullptr, err)) return kExitProblems;
  Loaded loaded;
  if (!load_and_report(folder, loaded, err)) {
    err << printable(folder) << ": " << summarize(loaded.diagnostics)
        << (use == FormatUse::render ? "; no timeline written\n" : "; nothing exported\n");
    return kExitProblems;
  }
  if (!output_allowed(parsed.output, folder, {}, &loaded.analysis.dataset, err)) return kExitProblems;
  const auto write_started = std::chrono::steady_clock::now();
  const int status = emit([&](std::ostream& stream) { format->timeline(loaded.analysis.dataset, stream); }, parsed.output,
                          std::string(format->name) + " of " + std::to_string(loaded.analysis.dataset.events.size()) + " events",
                          out, err);
  if (parsed.stats) print_stats(err, loaded, seconds_since(write_started));
  return status;
}

int run_render(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return write_dataset(args, FormatUse::render, out, err);
}

int run_export(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return write_dataset(args, FormatUse::export_dataset, out, err);
}

int run_date(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Parsed parsed;
  if (auto usage = parse_args(args, {"--format"}, parsed)) return usage_error(err, *usage);
  if (parsed.help) return out << kDateHelp, kExitOk;
  const Format* format = choose_format(parsed.format, FormatUse::date, err);
  if (!format) return kExitUsage;
  if (parsed.positional.empty()) return usage_error(err, {"no date to explain", "for example: strikeline date 2023-12~"});
  bool all_valid = true;
  for (const std::string& input : parsed.positional) {
    const Edtf date = Edtf::parse(input);
    if (!date.ok()) {
      all_valid = false;
      const EdtfError& e = date.error();
      err << "error: `" << printable(input) << "` is not a valid date: " << printable(e.message) << '\n';
      const std::size_t column = display_width(printable(input.substr(0, std::min(e.offset, input.size()))));
      err << "  " << printable(input) << "\n  " << std::string(column, ' ') << '^'
          << std::string(std::max<std::size_t>(e.length, 1) - 1, '~') << '\n';
      if (!e.help.empty()) err << "help: " << printable(e.help) << '\n';
    }
    format->date(input, date, out);
  }
  return all_valid ? kExitOk : kExitProblems;
}

int run_query_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Parsed parsed;
  if (auto usage = parse_args(args, {"--format"}, parsed)) return usage_error(err, *usage);
  if (parsed.help) return out << query_help(), kExitOk;
  const Format* format = choose_format(parsed.format, FormatUse::query, err);
  if (!format) return kExitUsage;
  if (parsed.positional.empty()) {
    return usage_error(err, {"no query", "for example: strikeline query 'before \"talks collapsed\"'"});
  }
  if (parsed.positional.size() > 2) {
    return usage_error(err, {"expected a query and at most one dataset folder, got " +
                                 std::to_string(parsed.positional.size()) + " arguments",
                             "put the whole query in quotes: strikeline query 'before talks-collapse'"});
  }
  const std::string& query = parsed.positional[0];
  const std::string folder = choose_folder(parsed, 1, "query " + shell_quoted(query), err);
  if (folder.empty()) return kExitUsage;
  Loaded loaded;
  if (!load_and_report(folder, loaded, err)) {
    err << printable(folder) << ": " << summarize(loaded.diagnostics) << "; the query was not run\n";
    return kExitProblems;
  }
  const DisputeGraph& graph = loaded.analysis.graph;
  const QueryResult result = run_query(query, loaded.analysis.dataset, graph);
  if (!result.ok) {
    err << "strikeline: query: " << printable(result.error) << '\n';
    const std::size_t column = display_width(printable(query.substr(0, std::min(result.error_offset, query.size()))));
    err << "  " << printable(query) << "\n  " << std::string(column, ' ') << "^\n";
    if (!result.candidates.empty()) {
      err << "note: the candidates are:\n";
      for (const std::string& id : result.candidates) {
        err << "  " << id << "  " << printable(loaded.analysis.dataset.event(id)->title) << '\n';
      }
      if (result.more_candidates > 0) err << "  … and " << result.more_candidates << " more\n";
      err << "help: name one by its id\n";
    }
    return kExitUsage;
  }
  format->answer(query, result, loaded.analysis.dataset, graph, out);
  return kExitOk;
}

int run_brief(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Parsed parsed;
  if (auto usage = parse_args(args, {"-o", "--output", "--timeline"}, parsed)) return usage_error(err, *usage);
  if (parsed.help) return out << kBriefHelp, kExitOk;
  if (parsed.positional.empty()) return usage_error(err, {"no questions file", "for example: strikeline brief questions.txt"});
  if (parsed.positional.size() > 2) return usage_error(err, {"expected a questions file and at most one dataset folder", ""});
  const std::string folder = choose_folder(parsed, 1, "brief " + shell_quoted(parsed.positional[0]), err);
  if (folder.empty()) return kExitUsage;
  const std::vector<fs::path> questions_file = {fs::path(parsed.positional[0])};
  if (!output_allowed(parsed.output, folder, questions_file, nullptr, err)) return kExitProblems;
  Loaded loaded;
  if (!load_and_report(folder, loaded, err)) {
    err << printable(folder) << ": " << summarize(loaded.diagnostics) << "; no briefing written\n";
    return kExitProblems;
  }
  if (!output_allowed(parsed.output, folder, questions_file, &loaded.analysis.dataset, err)) return kExitProblems;
  Diagnostics diagnostics;
  const std::string& path = parsed.positional[0];
  const std::uint32_t file = diagnostics.add_file(path);
  // A regular file under kQuestionsFileLimit: never a FIFO, device or folder.
  std::string text, why;
  if (!read_regular_file(path, kQuestionsFileLimit, text, why)) {
    err << "strikeline: cannot read questions file " << printable(path) << ": " << why << '\n';
    return kExitProblems;
  }
  const std::vector<Question> questions = parse_questions(text, file, diagnostics);
  const DisputeGraph& graph = loaded.analysis.graph;
  const PhraseIndex phrases(loaded.analysis.dataset);
  std::vector<QueryResult> results;
  for (const Question& q : questions) {
    results.push_back(run_query(q.query, loaded.analysis.dataset, graph, &phrases));
    const QueryResult& r = results.back();
    if (r.ok) continue;
    Location where = q.query_where;
    where.column += static_cast<std::uint32_t>(std::min(r.error_offset, q.query.size()));
    where.length = 1;
    Diagnostic& d = diagnostics.error(Check::schema, where, "query: " + r.error);
    for (const std::string& id : r.candidates) d.notes.push_back(Note{{}, "it could be `" + id + "`"});
    if (r.more_candidates > 0) d.notes.push_back(Note{{}, "and " + std::to_string(r.more_candidates) + " more"});
  }
  err << format_all(diagnostics);
  if (diagnostics.errors() > 0) {
    err << printable(path) << ": " << summarize(diagnostics) << "; no briefing written\n";
    return kExitProblems;
  }
  const std::string markdown = render_brief_markdown(questions, results, loaded.analysis.dataset, graph, parsed.timeline, folder);
  return emit([&](std::ostream& stream) { stream << markdown; }, parsed.output,
              "briefing of " + std::to_string(questions.size()) + " questions", out, err);
}

// Writes a new file, never replacing one: the check that nothing is there and the
// creation are one step (O_EXCL), so a file made meanwhile is not overwritten either.
bool create_new_file(const fs::path& path, const std::string& text, std::string& why) {
  std::FILE* file = std::fopen(path.c_str(), "wbx");
  if (!file) {
    why = std::strerror(errno);
    return false;
  }
  const bool written = std::fwrite(text.data(), 1, text.size(), file) == text.size();
  if (std::fclose(file) != 0 || !written) {
    why = "the disk refused the write";
    return false;
  }
  return true;
}

int run_init(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Parsed parsed;
  if (auto usage = parse_args(args, {"--title"}, parsed)) return usage_error(err, *usage);
  if (parsed.help) return out << kInitHelp, kExitOk;
  if (parsed.positional.size() != 1) {
    return usage_error(err, {parsed.positional.empty() ? "init needs the folder to create"
                                                       : "init takes one folder, got " + std::to_string(parsed.positional.size()),
                             "for example: strikeline init rail-dispute --title \"The 2022 rail dispute\""});
  }
  const fs::path folder = parsed.positional[0];
  std::string title = parsed.title;
  if (title.empty()) {
    title = fs::absolute(folder).lexically_normal().filename().string();
    if (title.empty()) title = fs::absolute(folder).lexically_normal().parent_path().filename().string();
    std::replace(title.begin(), title.end(), '-', ' ');
    std::replace(title.begin(), title.end(), '_', ' ');
    if (!title.empty()) title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
  }
  if (title.empty() || title.size() > 200 || printable(title) != title) {
    return usage_error(err, {"the title must be 1 to 200 characters of printable text", "give one with --title \"...\""});
  }
  const std::vector<StarterFile> files = starter_files(title);
  std::error_code ec;
  // Everything is checked before anything is written: a half-made dataset helps no one.
  std::vector<std::string> existing;
  for (const StarterFile& file : files) {
    if (!file.path.ends_with('/') && fs::exists(fs::symlink_status(folder / file.path, ec))) {
      existing.push_back((folder / file.path).generic_string());
    }
  }
  if (!existing.empty()) {
    err << "strikeline: init would overwrite what is there, so nothing was written:\n";
    for (const std::string& path : existing) err << "  " << printable(path) << " exists\n";
    err << "help: choose a new folder, or move these files away first\n";
    return kExitProblems;
  }
  for (const StarterFile& file : files) {
    const fs::path path = folder / file.path;
    fs::create_directories(file.path.ends_with('/') ? path : path.parent_path(), ec);
    std::string why = ec ? ec.message() : std::string();
    if (ec || (!file.path.ends_with('/') && !create_new_file(path, file.text, why))) {
      err << "strikeline: cannot create " << printable(path.generic_string()) << ": " << printable(why) << '\n';
      return kExitProblems;
    }
  }
  const std::string shown = shell_quoted(folder.generic_string());
  out << "started a dataset in " << printable(folder.generic_string()) << "/\n"
      << "next:\n"
      << "  1. save each source's text in " << printable(folder.generic_string()) << "/sources/, one paragraph a line\n"
      << "  2. list the sources in sources.yaml and the people and bodies in actors.yaml\n"
      << "  3. add events to events.yaml, each quoting its source word for word\n"
      << "  4. strikeline check " << printable(shown) << "\n"
      << "  5. strikeline render " << printable(shown) << " -o timeline.md\n";
  return kExitOk;
}

int run_schema(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Parsed parsed;
  if (auto usage = parse_args(args, {}, parsed)) return usage_error(err, *usage);
  if (parsed.help) return out << kSchemaHelp, kExitOk;
  const std::vector<std::string> names = {"events", "actors", "sources", "dataset"};
  if (parsed.positional.size() != 1) {
    return usage_error(err, {"schema takes one name", "one of `events`, `actors`, `sources`, `dataset`"});
  }
  for (FileKind kind : {FileKind::events, FileKind::actors, FileKind::sources, FileKind::dataset}) {
    if (parsed.positional[0] == schema_name(kind)) return out << SchemaChecker::text(kind), kExitOk;
  }
  Usage usage{"unknown schema `" + parsed.positional[0] + "`", "one of `events`, `actors`, `sources`, `dataset`"};
  if (auto suggestion = closest(parsed.positional[0], names)) usage.hint = "did you mean `" + *suggestion + "`?";
  return usage_error(err, usage);
}

int run_lsp(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Parsed parsed;
  std::vector<std::string> rest;
  for (const std::string& arg : args)
    if (arg != "--stdio") rest.push_back(arg);
  if (auto usage = parse_args(rest, {}, parsed)) return usage_error(err, *usage);
  if (parsed.help) return out << kLspHelp, kExitOk;
  if (!parsed.positional.empty()) {
    return usage_error(err, {"lsp takes no arguments (got `" + parsed.positional[0] + "`)",
                             "the editor says which files to check; run it as `strikeline lsp`"});
  }
  return serve_lsp(STDIN_FILENO, out, err);
}

struct Command {
  const char* name;
  int (*run)(const std::vector<std::string>&, std::ostream&, std::ostream&);
};

const Command kCommands[] = {
    {"init", run_init},
    {"check", run_check},
    {"render", run_render},
    {"export", run_export},
    {"query", run_query_command},
    {"brief", run_brief},
    {"date", run_date},
    {"schema", run_schema},
    {"lsp", run_lsp},
};

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) {
    err << kMainHelp;
    return kExitUsage;
  }
  const std::string& command = args.front();
  if (command == "-h" || command == "--help" || command == "help") return out << kMainHelp, kExitOk;
  if (command == "--version") return out << "strikeline " << STRIKELINE_VERSION << '\n', kExitOk;
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  try {
    for (const Command& c : kCommands) {
      if (command != c.name) continue;
      const int status = c.run(rest, out, err);
      // Every write to standard output is checked: a full disk is not a success.
      if (const std::string why = stream_failure(out); !why.empty()) {
        err << "strikeline: cannot write standard output: " << printable(why) << '\n';
        return kExitProblems;
      }
      return status;
    }
  } catch (const std::exception& e) {
    // A defect, not a problem in the data: say so plainly rather than crash.
    err << "strikeline: internal error: " << printable(e.what()) << '\n';
    return kExitProblems;
  }
  std::vector<std::string> names;
  for (const Command& c : kCommands) names.emplace_back(c.name);
  Usage usage{"unknown command `" + command + "`", ""};
  if (auto suggestion = closest(command, names)) usage.hint = "did you mean `" + *suggestion + "`?";
  return usage_error(err, usage);
}

}  // namespace strikeline
