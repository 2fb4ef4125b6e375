// Writes a synthetic dispute for benchmarks: N events over several files, with
// realistic kinds, EDTF dates of mixed precision, actors, links to earlier events,
// and sources whose paragraphs hold every quote, each published on the last day of
// the events it reports (a source bounds when what it reports began).
//   build/bench_generate N FOLDER [FILES] [chain|nearmiss]
// With `chain`, every event is dated a day after the one before and led to the next:
// one causal chain N events long, for `query 'causes event-(N-1)'`. With `nearmiss`,
// N quotes of 100 KB that a 10 MB source nearly holds (see below).
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

const char* const kKinds[] = {"strike", "talks", "offer", "statement", "position", "ballot", "data", "announcement"};
const char* const kWords[] = {"union", "ministers", "pay", "talks", "strike", "offer", "doctors", "nurses",
                              "hospital", "government", "ballot", "deadline", "patients", "conditions", "review"};

std::string sentence(std::mt19937& random, int words) {
  std::string out = "The";
  for (int i = 0; i < words; ++i) out += std::string(" ") + kWords[random() % std::size(kWords)];
  return out;
}

std::string day(int offset) {
  const int year = 2000 + offset / 336, month = 1 + (offset / 28) % 12, d = 1 + offset % 28;
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, d);
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: bench_generate N FOLDER [FILES] [chain|nearmiss]\n");
    return 2;
  }
  const long n = std::strtol(argv[1], nullptr, 10);
  const fs::path folder = argv[2];
  const long files = argc > 3 ? std::strtol(argv[3], nullptr, 10) : 8;
  const bool chain = argc > 4 && std::string(argv[4]) == "chain";
  if (argc > 4 && std::string(argv[4]) == "nearmiss") {
    // One 10 MB source of 50 paragraphs, and N events each quoting 100 KB of one of
    // them with a word changed halfway: N quotes not found, each searched for the
    // nearest miss.
    std::mt19937 words(11);
    fs::remove_all(folder);
    fs::create_directories(folder);
    std::ofstream(folder / "actors.yaml") << "actors:\n  - id: union\n    name: The Union\n    kind: union\n";
    std::ofstream(folder / "sources.yaml") << "sources:\n  - id: big\n    title: Big\n    publisher: News\n"
                                              "    published: 2023-12-31\n    dated_by: Its own date.\n    path: big.txt\n";
    std::vector<std::string> paragraphs;
    std::ofstream text(folder / "big.txt");
    for (int p = 0; p < 50; ++p) {
      std::string paragraph;
      while (paragraph.size() < 200'000) paragraph += sentence(words, 12) + " ";
      paragraphs.push_back(paragraph);
      text << paragraph << "\n\n";
    }
    std::ofstream events(folder / "events.yaml");
    events << "events:\n";
    for (long i = 0; i < n; ++i) {
      std::string quote = paragraphs[static_cast<std::size_t>(i % 50)].substr(0, 100'000);
      quote.resize(quote.rfind(' '));
      quote.insert(quote.find(' ', 50'000) + 1, "xyzzy ");
      events << "  - id: event-" << i << "\n    kind: announcement\n    title: Event " << i
             << "\n    actors: [union]\n    sources:\n      - source: big\n        quote: \"" << quote << "\"\n";
    }
    return 0;
  }
  const long per_source = 200;  // events quoting each source text
  std::mt19937 random(7);
  fs::remove_all(folder);
  fs::create_directories(folder / "sources");

  std::ofstream actors(folder / "actors.yaml");
  actors << "actors:\n";
  for (int a = 0; a < 50; ++a) {
    actors << "  - id: actor-" << a << "\n    name: Actor number " << a << "\n    kind: "
           << (a % 3 == 0 ? "union" : a % 3 == 1 ? "government" : "official") << "\n";
  }

  const long source_count = (n + per_source - 1) / per_source;
  std::ofstream sources(folder / "sources.yaml");
  sources << "sources:\n";
  std::vector<std::vector<std::string>> paragraphs(static_cast<std::size_t>(source_count));
  for (long s = 0; s < source_count; ++s) {
    sources << "  - id: source-" << s << "\n    title: Report " << s << "\n    publisher: Example News\n"
            << "    published: " << day(static_cast<int>((s * per_source + per_source - 1) / (chain ? 1 : 4) + 3))
            << "\n    dated_by: Generated.\n"
            << "    path: sources/source-" << s << ".txt\n";
    std::ofstream text(folder / "sources" / ("source-" + std::to_string(s) + ".txt"));
    for (long p = 0; p < per_source; ++p) {
      paragraphs[static_cast<std::size_t>(s)].push_back(sentence(random, 12) + " in paragraph " + std::to_string(p) + ".");
      text << paragraphs[static_cast<std::size_t>(s)].back() << "\n\n";
    }
  }

  std::vector<std::ofstream> outputs;
  for (long f = 0; f < files; ++f) {
    outputs.emplace_back(folder / ("events-" + std::to_string(f) + ".yaml"));
    outputs.back() << "events:\n";
  }
  for (long i = 0; i < n; ++i) {
    std::ofstream& out = outputs[static_cast<std::size_t>(i % files)];
    const char* kind = kKinds[random() % std::size(kKinds)];
    const int offset = static_cast<int>(i / 4);
    out << "  - id: event-" << i << "\n    kind: " << kind << "\n    title: " << sentence(random, 8) << "\n";
    switch (chain ? 3 : random() % 4) {
      case 0: out << "    date: \"" << day(offset).substr(0, 7) << "\"\n"; break;
      case 1: out << "    date: \"" << day(offset) << "/" << day(offset + 3) << "\"\n"; break;
      case 2: out << "    date: \"" << day(offset) << "~\"\n"; break;
      default: out << "    date: \"" << day(chain ? static_cast<int>(i) : offset) << "\"\n";
    }
    const std::string actor = "actor-" + std::to_string(random() % 50);
    if (std::string(kind) == "strike") out << "    status: held\n    strikers: " << actor << "\n";
    if (std::string(kind) == "talks" || std::string(kind) == "ballot") out << "    status: under-way\n";
    if (std::string(kind) == "offer") out << "    amount: around 3%\n";
    if (std::string(kind) == "statement") out << "    speaker: " << actor << "\n";
    if (std::string(kind) == "position") out << "    holder: " << actor << "\n";
    if (std::string(kind) == "data") out << "    figure: more than 100,000 appointments\n";
    const long actor_number = std::stol(actor.substr(6));
    out << "    actors: [" << actor << ", actor-" << (actor_number + 1 + random() % 49) % 50 << "]\n";  // two different
    const long source = i / per_source;
    const std::string& paragraph = paragraphs[static_cast<std::size_t>(source)][static_cast<std::size_t>(i % per_source)];
    // Whole words, as a curator copies them: from the second word, about 40 characters.
    const std::size_t from = paragraph.find(' ') + 1;
    const std::size_t to = paragraph.rfind(' ', from + 40);
    out << "    sources:\n      - source: source-" << source << "\n        quote: \"" << paragraph.substr(from, to - from)
        << "\"\n";
    // Links back in time, to events dated well before this one.
    if (chain && i + 1 < n) {
      out << "    links:\n      - type: led-to\n        event: event-" << (i + 1) << "\n";
    } else if (!chain && i > 40 && random() % 2) {
      out << "    links:\n      - type: response-to\n        event: event-" << (i - 20 - random() % 20) << "\n";
    }
    if (random() % 5 == 0) out << "    note: Generated for a benchmark; the date comes from nowhere.\n";
  }
  return 0;
}
