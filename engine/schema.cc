#include "schema.h"

#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/constraint_builder.hpp>
#include <valijson/constraints/concrete_constraints.hpp>
#include <valijson/internal/basic_adapter.hpp>
#include <valijson/internal/frozen_value.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <unordered_set>

#include "spelling.h"
#include "text.h"

namespace strikeline {

using Json = nlohmann::json;

std::string_view schema_name(FileKind kind) {
  switch (kind) {
    case FileKind::dataset: return "dataset";
    case FileKind::actors: return "actors";
    case FileKind::sources: return "sources";
    case FileKind::events: return "events";
  }
  return "events";
}

std::string_view SchemaChecker::text(FileKind kind) {
  for (std::size_t i = 0; i < detail::kEmbeddedSchemaCount; ++i) {
    if (schema_name(kind) == detail::kEmbeddedSchemas[i].name) return detail::kEmbeddedSchemas[i].text;
  }
  return {};
}

const std::vector<DetailField>& event_detail_fields() {
  static const std::vector<DetailField> fields = [] {
    static constexpr std::string_view kCommon[] = {"id",     "kind",    "title", "date", "place",
                                                   "actors", "sources", "links", "note"};
    std::vector<DetailField> out;
    // Ordered, so that details are shown in the order the schema gives them.
    const auto schema = nlohmann::ordered_json::parse(SchemaChecker::text(FileKind::events));
    for (const auto& [name, property] : schema.at("definitions").at("event").at("properties").items()) {
      if (std::find(std::begin(kCommon), std::end(kCommon), name) != std::end(kCommon)) continue;
      const std::string ref = property.value("$ref", "");
      const DetailType type = ref == "#/definitions/actor-ref" ? DetailType::actor
                              : ref == "#/definitions/figure"  ? DetailType::figure
                              : ref == "#/definitions/edtf"    ? DetailType::date
                                                               : DetailType::text;
      out.push_back(DetailField{name, type});
    }
    return out;
  }();
  return fields;
}

namespace {

struct Timing {
  std::set<std::string, std::less<>> one_act_kinds;
  std::set<std::pair<std::string, std::string>, std::less<>> one_act_statuses, future_statuses;  // (kind, status)
};

const Timing& timing() {
  static const Timing t = [] {
    Timing out;
    const auto schema = Json::parse(SchemaChecker::text(FileKind::events));
    const Json& event = schema.at("definitions").at("event");
    for (const Json& kind : event.at("properties").at("kind").value("x-one-act", Json::array())) {
      out.one_act_kinds.insert(kind.get<std::string>());
    }
    for (const Json& rule : event.value("allOf", Json::array())) {
      const std::string kind = rule.at("if").at("properties").at("kind").value("const", "");
      const Json status = rule.at("then").value("properties", Json::object()).value("status", Json::object());
      for (const Json& s : status.value("x-one-act", Json::array())) {
        out.one_act_statuses.emplace(kind, s.get<std::string>());
      }
      for (const Json& s : status.value("x-future", Json::array())) out.future_statuses.emplace(kind, s.get<std::string>());
    }
    return out;
  }();
  return t;
}

bool has(const std::set<std::pair<std::string, std::string>, std::less<>>& set, const Event& event) {
  const Detail* status = event.detail("status");
  if (!status) return false;
  // Few entries: a scan compares views without building strings.
  return std::any_of(set.begin(), set.end(),
                     [&](const auto& entry) { return entry.first == event.kind && entry.second == status->value; });
}

}  // namespace

bool is_one_act(const Event& event) {
  const Timing& t = timing();
  return t.one_act_kinds.find(event.kind) != t.one_act_kinds.end() || has(t.one_act_statuses, event);
}

bool is_future_facing(const Event& event) { return has(timing().future_statuses, event); }

struct SchemaChecker::Compiled {
  Json document;
  valijson::Schema schema;
};

// The events schema gives each kind rules of its own, as `allOf` entries of the
// shape `{if: {properties: {kind: {const: K}}, required: [kind]}, then: RULES}`,
// and valijson tries every `if` on every record: about half of what checking a
// record cost. A record whose `kind` is the text K must meet exactly the `then`s of
// the entries for K (an `if` on any other value, or on a missing or non-text kind,
// does not hold), so the schema without the entries, and those `then`s checked on
// the record, give the same verdict; a file's own shape, with no records in it,
// meets no rule at all. Both are checked that way first, for the verdict alone; what
// fails is checked again against the whole schema, so that its diagnostics are as
// they always were, and a dataset that checks clean never compiles the whole one.
// (The `then`s are small schemas of their own: a whole schema per kind would cost
// more memory than a large dataset's events save.)
struct SchemaChecker::Narrowed {
  std::string list;   // the file's key for its records ("events")
  std::string field;  // the field the rules depend on ("kind")
  // valijson's schemas keep copies of all they need, so their documents are not kept.
  std::unique_ptr<valijson::Schema> without_rules;
  std::map<std::string, std::unique_ptr<valijson::Schema>, std::less<>> rules;  // by value: the `then`s, as `allOf`
};

namespace {

// The pattern every id and reference to one must match. libstdc++'s std::regex
// takes thousands of instructions to match it, and a record has an id and several
// references. The narrowed schemas, which only give a verdict, check it by hand
// (`x-id-pattern`); the whole schema keeps the `pattern`, so diagnostics are unchanged.
constexpr std::string_view kIdPattern = "^[a-z0-9]+(-[a-z0-9]+)*$";

bool is_id_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// What std::regex_search finds for kIdPattern (ECMAScript: `^` and `$` match only at
// the ends of the text): runs of [a-z0-9] joined by single hyphens.
bool matches_id_pattern(std::string_view text) {
  if (text.empty() || !is_id_char(text.front()) || !is_id_char(text.back())) return false;
  for (std::size_t i = 1; i + 1 < text.size(); ++i) {
    if (is_id_char(text[i])) continue;
    if (text[i] != '-' || text[i + 1] == '-') return false;
  }
  return true;
}

// `x-id-pattern`: kIdPattern as valijson's `pattern` applies it (to text only).
class IdPatternConstraint : public valijson::constraints::PolyConstraint {
 public:
  bool validate(const valijson::adapters::Adapter& target, const std::vector<std::string>& context,
                valijson::ValidationResults* results) const override {
    if (!target.isString()) return true;
    std::string value;
    target.getString(value);
    if (matches_id_pattern(value)) return true;
    if (results) results->pushError(context, "Failed to match regex specified by 'pattern' constraint.");
    return false;
  }

 private:
  Constraint* cloneInto(void* memory) const override { return new (memory) IdPatternConstraint(*this); }
  std::size_t sizeOf() const override { return sizeof(IdPatternConstraint); }
};

struct IdPatternBuilder : valijson::ConstraintBuilder {
  valijson::constraints::Constraint* make(const valijson::adapters::Adapter&) const override {
    return new IdPatternConstraint();
  }
};

// Every `pattern: kIdPattern` in a schema document becomes `x-id-pattern: true`.
void use_fast_id_pattern(Json& schema) {
  if (schema.is_array()) {
    for (Json& item : schema) use_fast_id_pattern(item);
    return;
  }
  if (!schema.is_object()) return;
  if (auto p = schema.find("pattern"); p != schema.end() && p->is_string() && *p == kIdPattern) {
    schema.erase(p);
    schema["x-id-pattern"] = true;
  }
  for (auto& [key, value] : schema.items()) use_fast_id_pattern(value);
}

// A schema that does not compile is a defect of the build, not of the user's data.
void populate(const Json& document, valijson::Schema& schema) {
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  // The parser takes ownership of the builder.
  parser.addConstraintBuilder("x-id-pattern", new IdPatternBuilder());
  valijson::adapters::NlohmannJsonAdapter adapter(document);
  parser.populateSchema(adapter, schema);
}

std::unique_ptr<SchemaChecker::Compiled> compile(Json document) {
  auto compiled = std::make_unique<SchemaChecker::Compiled>();
  compiled->document = std::move(document);
  populate(compiled->document, compiled->schema);
  return compiled;
}

std::unique_ptr<valijson::Schema> schema_of(const Json& document) {
  auto schema = std::make_unique<valijson::Schema>();
  populate(document, *schema);
  return schema;
}

// The field and value of a rule `{if: {properties: {F: {const: V}}, required: [F]},
// then: …}` whose `then` refers to nothing outside itself, or nothing when the rule
// has any other shape.
std::optional<std::pair<std::string, std::string>> rule_condition(const Json& rule) {
  if (!rule.is_object() || rule.size() != 2 || !rule.contains("then")) return std::nullopt;
  if (rule.at("then").dump().find("\"$ref\"") != std::string::npos) return std::nullopt;
  const auto condition = rule.find("if");
  if (condition == rule.end() || !condition->is_object() || condition->size() != 2) return std::nullopt;
  const auto properties = condition->find("properties");
  const auto required = condition->find("required");
  if (properties == condition->end() || required == condition->end() || !properties->is_object() ||
      properties->size() != 1 || !required->is_array() || required->size() != 1) {
    return std::nullopt;
  }
  const std::string& field = properties->begin().key();
  const Json& test = properties->begin().value();
  if (!test.is_object() || test.size() != 1 || !test.contains("const") || !test.at("const").is_string() ||
      required->at(0) != field) {
    return std::nullopt;
  }
  return std::pair{field, test.at("const").get<std::string>()};
}

// The narrowed schemas of a file whose records' rules all have that shape and test
// one field, or null.
std::unique_ptr<SchemaChecker::Narrowed> narrow(Json document, std::string_view list) {
  const Json* items = nullptr;
  if (auto p = document.find("properties"); p != document.end() && p->contains(list) && p->at(list).contains("items")) {
    items = &p->at(list).at("items");
  }
  if (!items || !items->contains("$ref") || !items->at("$ref").is_string()) return nullptr;
  const std::string ref = items->at("$ref").get<std::string>();
  if (ref.rfind("#/", 0) != 0) return nullptr;
  const Json::json_pointer record_at(ref.substr(1));
  if (!document.contains(record_at)) return nullptr;
  Json& record = document.at(record_at);
  const auto rules = record.find("allOf");
  if (rules == record.end() || !rules->is_array() || rules->empty()) return nullptr;
  auto out = std::make_unique<SchemaChecker::Narrowed>();
  out->list = std::string(list);
  std::map<std::string, Json, std::less<>> then_by_value;  // each value's `then`s, in order
  for (const Json& rule : *rules) {
    const auto condition = rule_condition(rule);
    if (!condition || (!out->field.empty() && condition->first != out->field)) return nullptr;
    out->field = condition->first;
    then_by_value.try_emplace(condition->second, Json::array()).first->second.push_back(rule.at("then"));
  }
  record.erase("allOf");
  use_fast_id_pattern(document);
  out->without_rules = schema_of(document);
  for (auto& [value, thens] : then_by_value) {
    Json rules_of_value{{"allOf", std::move(thens)}};
    use_fast_id_pattern(rules_of_value);
    out->rules.emplace(value, schema_of(rules_of_value));
  }
  return out;
}

}  // namespace

SchemaChecker::SchemaChecker() {
  for (FileKind kind : {FileKind::dataset, FileKind::actors, FileKind::sources, FileKind::events}) {
    narrowed_[static_cast<int>(kind)] = narrow(Json::parse(text(kind)), schema_name(kind));
    if (!narrowed_[static_cast<int>(kind)]) whole(kind);
  }
}

SchemaChecker::~SchemaChecker() = default;

const SchemaChecker::Compiled& SchemaChecker::whole(FileKind kind) const {
  const auto k = static_cast<int>(kind);
  std::call_once(compiled_once_[k], [&] { compiled_[k] = compile(Json::parse(text(kind))); });
  return *compiled_[k];
}

namespace {

// libstdc++'s std::regex, which valijson uses for `pattern`, recurses once per
// character and overflows the stack on long strings. Every patterned field also has
// a maxLength far below this, so cutting strings here never changes a verdict.
constexpr std::size_t kLongestStringValidated = 1000;

Json to_json(const YamlNode& node) {
  switch (node.type) {
    case YamlNode::Type::null: return nullptr;
    case YamlNode::Type::sequence: {
      Json array = Json::array();
      array.get_ref<Json::array_t&>().reserve(node.children.size());
      for (const YamlNode& item : node.children) array.push_back(to_json(item));
      return array;
    }
    case YamlNode::Type::mapping: {
      Json object = Json::object();
      auto& members = object.get_ref<Json::object_t&>();
      for (std::size_t i = 0; i < node.entries(); ++i) {
        // Duplicate keys were reported by the parser; the first one counts. One
        // look-up a key: the place it goes, or the member already there.
        const std::string& key = node.key_at(i).value;
        if (const auto at = members.lower_bound(key); at == members.end() || at->first != key) {
          members.emplace_hint(at, key, to_json(node.value_at(i)));
        }
      }
      return object;
    }
    case YamlNode::Type::scalar: break;
  }
  const std::string& v = node.value;
  switch (scalar_kind(node)) {
    case ScalarKind::null: return nullptr;
    case ScalarKind::boolean: return v[0] == 't' || v[0] == 'T';
    case ScalarKind::integer: {
      std::int64_t number = 0;
      const char* begin = v.data() + (v[0] == '+' ? 1 : 0);
      int base = 10;
      if (v.size() > 2 && v[0] == '0' && (v[1] == 'x' || v[1] == 'o')) {
        base = v[1] == 'x' ? 16 : 8;
        begin += 2;
      }
      auto [end, error] = std::from_chars(begin, v.data() + v.size(), number, base);
      if (error == std::errc() && end == v.data() + v.size()) return number;
      // Too large for 64 bits: still a whole number of the same sign. No schema
      // bounds a number, so only its type matters.
      return v[0] == '-' ? INT64_MIN : INT64_MAX;
    }
    case ScalarKind::number: return 0.0;  // only its type is ever checked
    case ScalarKind::text: break;
  }
  return v.size() > kLongestStringValidated ? v.substr(0, kLongestStringValidated) : v;
}

// What valijson's default-constructed values stand for: an empty mapping, as for
// its json adapter.
const YamlNode& empty_node() {
  static const YamlNode node = [] {
    YamlNode mapping;
    mapping.type = YamlNode::Type::mapping;
    return mapping;
  }();
  return node;
}

// valijson's view of a YamlNode, for the verdict alone (see Narrowed). Converting
// each record to nlohmann::json first built a map for each of its mappings and copied
// every string in it, then freed them all again. The adapter shows each value as
// to_json makes it (that is its contract): scalars typed by scalar_kind, text cut at
// kLongestStringValidated. Only the verdict is taken from it, so the order in which
// it lists a mapping's keys (as written, where json sorts them) does not matter; what
// fails is checked again as json, so diagnostics come from to_json as before. A tree
// with a repeated key (which the parser reported, and of which to_json keeps the
// first) is checked as json alone.
class YamlAdapter;
class YamlArrayIterator;
class YamlMemberIterator;
using YamlMember = std::pair<std::string, YamlAdapter>;

class YamlArray {
 public:
  using const_iterator = YamlArrayIterator;
  using iterator = YamlArrayIterator;
  YamlArray() : node_(&empty_node()) {}
  explicit YamlArray(const YamlNode& node) : node_(&node) {}
  YamlArrayIterator begin() const;
  YamlArrayIterator end() const;
  std::size_t size() const { return node_->children.size(); }

 private:
  const YamlNode* node_;
};

class YamlObject {
 public:
  using const_iterator = YamlMemberIterator;
  using iterator = YamlMemberIterator;
  YamlObject() : node_(&empty_node()) {}
  explicit YamlObject(const YamlNode& node) : node_(&node) {}
  YamlMemberIterator begin() const;
  YamlMemberIterator end() const;
  YamlMemberIterator find(const std::string& key) const;
  std::size_t size() const { return node_->entries(); }

 private:
  const YamlNode* node_;
};

class YamlValue {
 public:
  YamlValue() : node_(&empty_node()) {}
  explicit YamlValue(const YamlNode& node)
      : node_(&node), kind_(node.is_scalar() || node.is_null() ? scalar_kind(node) : ScalarKind::text) {}

  valijson::adapters::FrozenValue* freeze() const {
    return new valijson::adapters::NlohmannJsonFrozenValue(to_json(*node_));
  }
  std::optional<YamlArray> getArrayOptional() const {
    if (isArray()) return std::make_optional(YamlArray(*node_));
    return {};
  }
  bool getArraySize(std::size_t& result) const {
    if (!isArray()) return false;
    result = node_->children.size();
    return true;
  }
  bool getBool(bool& result) const {
    if (!isBool()) return false;
    result = node_->value[0] == 't' || node_->value[0] == 'T';
    return true;
  }
  bool getDouble(double& result) const {
    if (!isDouble()) return false;
    result = to_json(*node_).get<double>();
    return true;
  }
  bool getInteger(std::int64_t& result) const {
    if (!isInteger()) return false;
    result = to_json(*node_).get<std::int64_t>();
    return true;
  }
  std::optional<YamlObject> getObjectOptional() const {
    if (isObject()) return std::make_optional(YamlObject(*node_));
    return {};
  }
  bool getObjectSize(std::size_t& result) const {
    if (!isObject()) return false;
    result = YamlObject(*node_).size();
    return true;
  }
  bool getString(std::string& result) const {
    if (!isString()) return false;
    result.assign(node_->value, 0, kLongestStringValidated);
    return true;
  }
  static bool hasStrictTypes() { return true; }
  bool isArray() const { return node_->is_sequence(); }
  bool isBool() const { return is_scalar_of(ScalarKind::boolean); }
  bool isDouble() const { return is_scalar_of(ScalarKind::number); }
  bool isInteger() const { return is_scalar_of(ScalarKind::integer); }
  bool isNull() const { return node_->is_null() || is_scalar_of(ScalarKind::null); }
  bool isNumber() const { return isInteger() || isDouble(); }
  bool isObject() const { return node_->is_mapping(); }
  bool isString() const { return is_scalar_of(ScalarKind::text); }

 private:
  bool is_scalar_of(ScalarKind kind) const { return node_->is_scalar() && kind_ == kind; }
  const YamlNode* node_;
  ScalarKind kind_ = ScalarKind::text;
};

class YamlAdapter : public valijson::adapters::BasicAdapter<YamlAdapter, YamlArray, YamlMember, YamlObject, YamlValue> {
 public:
  YamlAdapter() = default;
  explicit YamlAdapter(const YamlNode& node) : BasicAdapter(YamlValue(node)) {}
};

class YamlArrayIterator {
 public:
  using iterator_category = std::bidirectional_iterator_tag;
  using value_type = YamlAdapter;
  using difference_type = YamlAdapter;
  using pointer = YamlAdapter*;
  using reference = YamlAdapter&;
  explicit YamlArrayIterator(const YamlNode* at) : at_(at) {}
  YamlAdapter operator*() const { return YamlAdapter(*at_); }
  valijson::adapters::DerefProxy<YamlAdapter> operator->() const {
    return valijson::adapters::DerefProxy<YamlAdapter>(**this);
  }
  bool operator==(const YamlArrayIterator& other) const { return at_ == other.at_; }
  bool operator!=(const YamlArrayIterator& other) const { return at_ != other.at_; }
  const YamlArrayIterator& operator++() {
    ++at_;
    return *this;
  }
  YamlArrayIterator operator++(int) { return YamlArrayIterator(at_++); }
  const YamlArrayIterator& operator--() {
    --at_;
    return *this;
  }
  void advance(std::ptrdiff_t n) { at_ += n; }

 private:
  const YamlNode* at_;
};

class YamlMemberIterator {
 public:
  using iterator_category = std::bidirectional_iterator_tag;
  using value_type = YamlMember;
  using difference_type = YamlMember;
  using pointer = YamlMember*;
  using reference = YamlMember&;
  YamlMemberIterator(const YamlNode* mapping, std::size_t entry) : mapping_(mapping), entry_(entry) {}
  YamlMember operator*() const {
    return YamlMember(mapping_->key_at(entry_).value, YamlAdapter(mapping_->value_at(entry_)));
  }
  valijson::adapters::DerefProxy<YamlMember> operator->() const {
    return valijson::adapters::DerefProxy<YamlMember>(**this);
  }
  bool operator==(const YamlMemberIterator& other) const { return entry_ == other.entry_; }
  bool operator!=(const YamlMemberIterator& other) const { return entry_ != other.entry_; }
  const YamlMemberIterator& operator++() {
    ++entry_;
    return *this;
  }
  YamlMemberIterator operator++(int) {
    YamlMemberIterator before = *this;
    ++*this;
    return before;
  }
  const YamlMemberIterator& operator--() {
    --entry_;
    return *this;
  }

 private:
  const YamlNode* mapping_;
  std::size_t entry_;
};

// Whether a mapping in the tree repeats a key (see YamlAdapter).
bool has_repeated_key(const YamlNode& node) {
  if (node.is_mapping() && node.entries() > 1) {
    if (node.entries() <= 16) {
      // A record's dozen keys compare faster than they hash.
      for (std::size_t i = 1; i < node.entries(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
          if (node.key_at(i).value == node.key_at(j).value) return true;
        }
      }
    } else {
      std::unordered_set<std::string_view> keys;
      for (std::size_t i = 0; i < node.entries(); ++i) {
        if (!keys.insert(node.key_at(i).value).second) return true;
      }
    }
  }
  return std::any_of(node.children.begin(), node.children.end(), has_repeated_key);
}

YamlArrayIterator YamlArray::begin() const { return YamlArrayIterator(node_->children.data()); }
YamlArrayIterator YamlArray::end() const { return YamlArrayIterator(node_->children.data() + node_->children.size()); }
YamlMemberIterator YamlObject::begin() const { return YamlMemberIterator(node_, 0); }
YamlMemberIterator YamlObject::end() const { return YamlMemberIterator(node_, node_->entries()); }
YamlMemberIterator YamlObject::find(const std::string& key) const {
  for (std::size_t i = 0; i < node_->entries(); ++i) {
    if (node_->key_at(i).value == key) return YamlMemberIterator(node_, i);
  }
  return end();
}

// One step of a valijson context: "[events]" or "[3]".
std::string step_text(const std::string& step) {
  if (step.size() >= 2 && step.front() == '[' && step.back() == ']') return step.substr(1, step.size() - 2);
  return step;
}

bool is_wrapper(const std::string& description) {
  // valijson reports each failure once where it happens and again at every level
  // above it; only the innermost says anything the user can act on.
  static const char* const kWrappers[] = {
      "Failed to validate item #",
      "Failed to validate against schema associated with property name",
      "Failed to validate against a conditional schema",
      "Failed to validate against child schema",
      "Failed to validate against any schemas allowed by anyOf",
      "Failed to validate against exactly one child schema",
      "Failed to validate against additional properties schema",
      "Failed to validate against dependent schema",
      "Cannot validate item #",
  };
  for (const char* prefix : kWrappers) {
    if (description.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

// The schema nodes that apply to an instance, following $ref, allOf and if/then.
class SchemaWalk {
 public:
  explicit SchemaWalk(const Json& document) : document_(document) {}

  std::vector<const Json*> at_root(const YamlNode& instance) const {
    std::vector<const Json*> out;
    expand(document_, instance, out, 0);
    return out;
  }

  // The schemas of a child: a property by key, or an item of a list.
  std::vector<const Json*> child(const std::vector<const Json*>& schemas, const YamlNode& parent,
                                 const std::string& key, const YamlNode& instance) const {
    std::vector<const Json*> out;
    for (const Json* s : schemas) {
      if (parent.is_mapping()) {
        if (auto p = s->find("properties"); p != s->end() && p->contains(key)) {
          expand(p->at(key), instance, out, 0);
        }
      } else if (parent.is_sequence()) {
        if (auto items = s->find("items"); items != s->end() && items->is_object()) {
          expand(*items, instance, out, 0);
        }
      }
    }
    return out;
  }

  static const Json* first_with(const std::vector<const Json*>& schemas, const char* keyword) {
    for (const Json* s : schemas) {
      if (s->contains(keyword)) return &s->at(keyword);
    }
    return nullptr;
  }

  static std::string text_of(const std::vector<const Json*>& schemas, const char* keyword) {
    const Json* value = first_with(schemas, keyword);
    return value && value->is_string() ? value->get<std::string>() : std::string();
  }

 private:
  void expand(const Json& schema, const YamlNode& instance, std::vector<const Json*>& out, int depth) const {
    if (depth > 16 || !schema.is_object()) return;
    out.push_back(&schema);
    if (auto ref = schema.find("$ref"); ref != schema.end() && ref->is_string()) {
      const std::string pointer = ref->get<std::string>();
      if (pointer.rfind("#", 0) == 0) {
        try {
          expand(document_.at(Json::json_pointer(pointer.substr(1))), instance, out, depth + 1);
        } catch (const Json::exception&) {
        }
      }
    }
    if (auto all = schema.find("allOf"); all != schema.end() && all->is_array()) {
      for (const Json& part : *all) expand(part, instance, out, depth + 1);
    }
    if (auto condition = schema.find("if"); condition != schema.end() && schema.contains("then")) {
      if (holds(*condition, instance)) expand(schema.at("then"), instance, out, depth + 1);
    }
  }

  // Enough of `if` for this project's schemas: properties with `const`.
  static bool holds(const Json& condition, const YamlNode& instance) {
    auto properties = condition.find("properties");
    if (properties == condition.end()) return false;
    for (auto it = properties->begin(); it != properties->end(); ++it) {
      const YamlNode* value = instance.find(it.key());
      auto constant = it->find("const");
      if (constant == it->end() || !constant->is_string()) return false;
      if (!value || !value->is_scalar() || value->value != constant->get<std::string>()) return false;
    }
    return true;
  }

  const Json& document_;
};

std::string expected_type(const Json* type) {
  auto word = [](const std::string& t) -> std::string {
    if (t == "string") return "text";
    if (t == "array") return "a list";
    if (t == "object") return "a mapping";
    if (t == "integer") return "a whole number";
    if (t == "number") return "a number";
    if (t == "boolean") return "true or false";
    if (t == "null") return "null";
    return t;
  };
  if (!type) return "another type";
  if (type->is_string()) return word(type->get<std::string>());
  std::string out;
  for (std::size_t i = 0; i < type->size(); ++i) {
    if (i > 0) out += i + 1 == type->size() ? " or " : ", ";
    out += word((*type)[i].get<std::string>());
  }
  return out;
}

// Schema descriptions are sentences; in a `help:` line they follow a colon.
std::string as_help(std::string description) {
  if (!description.empty() && description.back() == '.') description.pop_back();
  if (description.size() > 1 && std::isupper(static_cast<unsigned char>(description[0])) &&
      !std::isupper(static_cast<unsigned char>(description[1]))) {
    description[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(description[0])));
  }
  return description;
}

std::string quoted_list(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", `" : "`") + names[i] + "`";
  return out;
}

// Everything known about the place an error points at.
struct ErrorSite {
  const YamlNode* node = nullptr;    // the instance value
  const YamlNode* key = nullptr;     // its key, when it is a mapping value
  const YamlNode* record = nullptr;  // the item of the top-level list it is in
  std::string field;                 // the key or the list's key
  std::vector<const Json*> schemas;
  std::size_t record_index = SIZE_MAX;
};

class Explainer {
 public:
  Explainer(const Json& document, std::string_view list_key, const YamlNode& root, std::uint32_t file,
            Diagnostics& diagnostics)
      : walk_(document), list_key_(list_key), root_(root), file_(file), diagnostics_(diagnostics) {}

  ErrorSite locate(const std::vector<std::string>& context) const {
    ErrorSite site;
    site.node = &root_;
    site.schemas = walk_.at_root(root_);
    for (std::size_t i = 1; i < context.size(); ++i) {
      const std::string step = step_text(context[i]);
      const YamlNode& parent = *site.node;
      const YamlNode* next = nullptr;
      const YamlNode* key = nullptr;
      if (parent.is_mapping()) {
        for (std::size_t k = 0; k < parent.entries(); ++k) {
          if (parent.key_at(k).value == step) {
            next = &parent.value_at(k);
            key = &parent.key_at(k);
            break;
          }
        }
      } else if (parent.is_sequence()) {
        std::size_t index = 0;
        auto [end, error] = std::from_chars(step.data(), step.data() + step.size(), index);
        if (error == std::errc() && end == step.data() + step.size() && index < parent.children.size()) {
          next = &parent.children[index];
          if (i == 2) site.record_index = index;
        }
      }
      if (!next) break;
      site.schemas = walk_.child(site.schemas, parent, step, *next);
      if (key) {
        site.key = key;
        site.field = step;
      }
      site.node = next;
      if (i == 2) site.record = next;
    }
    return site;
  }

  void explain(const std::string& description, const ErrorSite& site) {
    const YamlNode& node = *site.node;
    const bool about_fields = description.rfind("Missing required property '", 0) == 0 ||
                              description.rfind("Object contains a property that could not be validated", 0) == 0;
    // Where the parse stage already reported a fault (an alias, a tag), a schema
    // error is a consequence of it, not news.
    if (!about_fields && node.faulted) return;
    // One error for each value: `kind: {a: b}` is neither text nor an event kind,
    // and saying so twice does not help.
    if (!about_fields && !value_reported_.insert(&node).second) return;
    if (description.rfind("Missing required property '", 0) == 0) {
      missing(description.substr(27, description.size() - 29), site);
    } else if (description.rfind("Object contains a property that could not be validated", 0) == 0) {
      // valijson names only the first unknown property (in its own order, not the
      // file's); every one of them is reported, each at its key, in file order.
      if (!unknown_reported_.insert(&node).second) return;
      const std::vector<std::string> known = known_fields(site);
      for (std::size_t k = 0; node.is_mapping() && k < node.entries(); ++k) {
        const YamlNode& key = node.key_at(k);
        if (std::find(known.begin(), known.end(), key.value) == known.end()) unknown_field(key, known, site);
      }
    } else if (description.rfind("Failed to match against any enum values", 0) == 0) {
      unknown_value(site);
    } else if (description.rfind("Value type not permitted", 0) == 0) {
      wrong_type(site);
    } else if (description.rfind("Failed to match regex", 0) == 0) {
      Diagnostic& d = report(location_of(file_, node),
                             "`" + shown(node) + "` is not a valid " + title(site, "value"));
      d.help = SchemaWalk::text_of(site.schemas, "x-help");
    } else if (description.rfind("String should be no fewer than", 0) == 0) {
      report(location_of(file_, node), "`" + site.field + "` is empty" + in_record(site)).help =
          "`" + site.field + "` is " + as_help(SchemaWalk::text_of(site.schemas, "description"));
    } else if (description.rfind("String should be no more than", 0) == 0) {
      const Json* limit = SchemaWalk::first_with(site.schemas, "maxLength");
      report(location_of(file_, node), "`" + site.field + "` is too long: " + std::to_string(character_count(node)) +
                                           " characters" + in_record(site))
          .help = "at most " + (limit ? limit->dump() : std::string("a few hundred")) + " characters are allowed";
    } else if (description.rfind("Array should contain no fewer than", 0) == 0) {
      report(location_of(file_, node), "`" + site.field + "` is empty" + in_record(site)).help =
          "`" + site.field + "` lists " + as_help(SchemaWalk::text_of(site.schemas, "description"));
    } else {
      std::string text = description;
      if (!text.empty() && text.back() == '.') text.pop_back();
      if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
      report(location_of(file_, node), text + in_record(site));
    }
  }

 private:
  Diagnostic& report(Location where, std::string message) {
    return diagnostics_.error(Check::schema, where, std::move(message));
  }

  static std::string shown(const YamlNode& node) { return shortened(node.value); }

  // The fix that writes `text` (a field name or a schema value: never needs
  // quoting) over a scalar's value, where its bytes are its value (YamlNode::verbatim).
  std::vector<Fix> replace_value(const YamlNode& node, const std::string& text) const {
    if (!node.is_scalar() || !node.verbatim || node.line == 0 || node.column == 0) return {};
    Location where = location_of(file_, node);
    where.column += node.quoted ? 1 : 0;
    where.length = static_cast<std::uint32_t>(node.value.size());
    return {Fix{where, text}};
  }

  // A root key that looks like a misspelling of the file's list key.
  const YamlNode* misspelled_list_key() const {
    if (!root_.is_mapping() || root_.find(list_key_)) return nullptr;
    for (std::size_t k = 0; k < root_.entries(); ++k) {
      const YamlNode& key = root_.key_at(k);
      if (key.is_scalar() && closest(key.value, {std::string(list_key_)})) return &key;
    }
    return nullptr;
  }

  static std::size_t character_count(const YamlNode& node) {
    std::size_t count = 0;
    for (char c : node.value) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return count;
  }

  static std::string title(const ErrorSite& site, const char* fallback) {
    std::string t = SchemaWalk::text_of(site.schemas, "title");
    return t.empty() ? fallback : t;
  }

  // " in event `talks-collapse`", naming the record so the user finds it in a long file.
  std::string in_record(const ErrorSite& site) const {
    if (!site.record || site.record == site.node || !site.record->is_mapping()) return {};
    const std::string noun = record_noun(site);
    const YamlNode* id = site.record->find("id");
    if (id && id->is_scalar() && !id->value.empty() && id->value.size() <= 100) {
      return " in " + noun + " `" + id->value + "`";
    }
    return {};
  }

  std::string record_noun(const ErrorSite& site) const {
    ErrorSite record_site = site;
    if (site.record) {
      // The record's own schema title ("event", "actor", "source").
      record_site = locate({"<root>", "[" + key_of_list() + "]", "[" + std::to_string(site.record_index) + "]"});
    }
    return title(record_site, "record");
  }

  std::string key_of_list() const { return std::string(list_key_); }

  void missing(const std::string& name, const ErrorSite& site) {
    const YamlNode& node = *site.node;
    // Fields may be hiding behind a merge key, which the parse stage reported.
    for (std::size_t k = 0; node.is_mapping() && k < node.entries(); ++k) {
      if (node.key_at(k).value == "<<" && !node.key_at(k).quoted) return;
    }
    const std::string noun = title(site, "record");
    std::string message;
    std::string kind_note;
    if (&node == &root_) {
      message = "the file has no `" + name + "` list";
    } else {
      if (misspelt_in(node, name, site)) return;  // reported as an unknown field, with "did you mean"
      message = "missing field `" + name + "`";
      const YamlNode* id = node.find("id");
      const YamlNode* kind = node.find("kind");
      // A field the record's base schema requires is missing from any record; one
      // that only a kind's `then` branch requires is worth naming with the kind.
      bool kind_specific = kind && kind->is_scalar();
      for (const Json* s : site.schemas) {
        auto required = s->find("required");
        // The record's own schema is the one that closes it to unknown fields.
        if (required == s->end() || !s->contains("additionalProperties")) continue;
        if (std::find(required->begin(), required->end(), name) != required->end()) {
          kind_specific = false;
          break;
        }
      }
      if (id && id->is_scalar() && !id->value.empty() && name != "id" && id->value.size() <= 100) {
        message += " in " + noun + " `" + id->value + "`";
      } else {
        message += " in this " + noun;
      }
      if (kind_specific) kind_note = "every `" + kind->value + "` " + noun + " needs `" + name + "`";
    }
    const YamlNode* misspelled = &node == &root_ ? misspelled_list_key() : nullptr;
    const YamlNode& place = misspelled ? *misspelled : node.is_mapping() && node.entries() > 0 ? node.key_at(0) : node;
    Diagnostic& d = report(location_of(file_, place), message);
    if (!kind_note.empty()) d.notes.push_back(Note{{}, kind_note});
    if (misspelled) {
      d.notes.push_back(Note{{}, "`" + misspelled->value + "` is not a field of this file; did you mean `" + name + "`?"});
    }
    // The property's own description says what to write.
    std::vector<const Json*> field_schemas;
    for (const Json* s : site.schemas) {
      if (auto p = s->find("properties"); p != s->end() && p->contains(name)) field_schemas.push_back(&p->at(name));
    }
    const Json* values = SchemaWalk::first_with(field_schemas, "enum");
    if (&node == &root_) {
      d.help = "start the file with `" + name + ":` followed by a list of its records";
    } else if (values && values->is_array()) {
      // The values this kind allows say more, and more briefly, than a description
      // that covers every kind.
      std::vector<std::string> allowed;
      for (const Json& v : *values) {
        if (v.is_string()) allowed.push_back(v.get<std::string>());
      }
      d.help = "add `" + name + ":`, one of " + quoted_list(allowed);
    } else if (const std::string description = SchemaWalk::text_of(field_schemas, "description"); !description.empty()) {
      d.help = "add `" + name + ":`, " + as_help(description);
    }
  }

  // The fields the schemas that apply to a mapping name, in their order.
  static std::vector<std::string> known_fields(const ErrorSite& site) {
    std::vector<std::string> known;
    for (const Json* s : site.schemas) {
      if (auto p = s->find("properties"); p != s->end() && p->is_object()) {
        for (auto it = p->begin(); it != p->end(); ++it) {
          if (std::find(known.begin(), known.end(), it.key()) == known.end()) known.push_back(it.key());
        }
      }
    }
    return known;
  }

  // Whether the mapping has a key that is not one of its fields but a misspelling
  // of `name`: then "unknown field" says it all, and "missing field" would not be true.
  static bool misspelt_in(const YamlNode& node, const std::string& name, const ErrorSite& site) {
    if (!node.is_mapping()) return false;
    const std::vector<std::string> known = known_fields(site);
    for (std::size_t k = 0; k < node.entries(); ++k) {
      const YamlNode& key = node.key_at(k);
      if (key.faulted || std::find(known.begin(), known.end(), key.value) != known.end()) continue;
      if (closest(key.value, known) == name) return true;
    }
    return false;
  }

  void unknown_field(const YamlNode& key_node, const std::vector<std::string>& known, const ErrorSite& site) {
    const YamlNode& node = *site.node;
    const YamlNode* key = &key_node;
    const std::string& name = key->value;
    // Said once, by missing(): "the file has no `events` list", at this key.
    if (&node == &root_ && misspelled_list_key() && misspelled_list_key()->value == name) return;
    if (key->faulted) return;  // a merge key, reported as such
    const std::string noun = title(site, "record");
    std::string message = "unknown field `" + shown(*key) + "`";
    const YamlNode* id = node.find("id");
    if (&node == &root_) {
      message += " at the top of the file";
    } else if (id && id->is_scalar() && !id->value.empty() && id->value.size() <= 100) {
      message += " in " + noun + " `" + id->value + "`";
    } else {
      message += " in this " + noun;
    }
    Diagnostic& d = report(location_of(file_, *key), message);
    if (auto suggestion = closest(name, known)) {
      d.notes.push_back(Note{{}, "did you mean `" + *suggestion + "`?"});
      d.fixes = replace_value(*key, *suggestion);
    } else {
      d.help = "the fields of " + article(noun) + " are " + quoted_list(known);
    }
  }

  static std::string article(const std::string& noun) {
    const bool vowel = !noun.empty() && std::string_view("aeiou").find(noun[0]) != std::string_view::npos;
    return (vowel ? "an " : "a ") + noun;
  }

  void unknown_value(const ErrorSite& site) {
    const YamlNode& node = *site.node;
    std::vector<std::string> allowed;
    if (const Json* values = SchemaWalk::first_with(site.schemas, "enum")) {
      for (const Json& v : *values) {
        if (v.is_string()) allowed.push_back(v.get<std::string>());
      }
    }
    // The most specific title: the `then` branch's "strike status" over "status".
    std::string noun;
    for (const Json* s : site.schemas) {
      if (s->contains("enum") && s->contains("title")) noun = s->at("title").get<std::string>();
    }
    if (noun.empty()) noun = title(site, "value");
    Diagnostic& d = report(location_of(file_, node), "unknown " + noun + " `" + shown(node) + "`" + in_record(site));
    if (!node.is_scalar()) {
      d.message = "expected one " + noun + ", found " + describe_found(node) + in_record(site);
    } else if (auto suggestion = closest(node.value, allowed)) {
      d.notes.push_back(Note{{}, "did you mean `" + *suggestion + "`?"});
      d.fixes = replace_value(node, *suggestion);
    }
    d.help = "expected one of " + quoted_list(allowed);
  }

  void wrong_type(const ErrorSite& site) {
    const YamlNode& node = *site.node;
    const std::string expected = expected_type(SchemaWalk::first_with(site.schemas, "type"));
    std::string message;
    if (&node == &root_) {
      message = "expected a mapping at the top of the file, found " + describe_found(node);
    } else {
      message = "expected " + expected + " for `" + site.field + "`, found " + describe_found(node) + in_record(site);
    }
    Diagnostic& d = report(location_of(file_, node), message);
    if (&node == &root_) {
      d.help = "start the file with `" + std::string(list_key_) + ":` followed by a list of its records";
      return;
    }
    if (const Json* examples = SchemaWalk::first_with(site.schemas, "examples");
        examples && examples->is_array() && !examples->empty()) {
      const Json& example = examples->front();
      d.help = "for example `" + site.field + ": " + (example.is_string() ? example.get<std::string>() : example_text(example)) + "`";
    }
    if (scalar_kind(node) == ScalarKind::boolean || scalar_kind(node) == ScalarKind::integer ||
        scalar_kind(node) == ScalarKind::number) {
      if (expected == "text") d.help = "put it in quotes to make it text: `" + site.field + ": \"" + shown(node) + "\"`";
    }
    if (d.help.empty() && expected == "a list") {
      d.help = node.is_mapping() ? "start each item of `" + site.field + "` on a line of its own with `- `"
                                 : "a list is written `[a, b]`, or as lines that start with `- `";
    }
  }

  static std::string example_text(const Json& example) {
    if (!example.is_array()) return example.dump();
    std::string out = "[";
    for (std::size_t i = 0; i < example.size(); ++i) {
      out += (i ? ", " : "") + (example[i].is_string() ? example[i].get<std::string>() : example[i].dump());
    }
    return out + "]";
  }

 private:
  SchemaWalk walk_;
  std::set<const YamlNode*> value_reported_;
  std::set<const YamlNode*> unknown_reported_;  // mappings whose unknown fields have all been reported
  std::string_view list_key_;
  const YamlNode& root_;
  std::uint32_t file_;
  Diagnostics& diagnostics_;
};

}  // namespace

std::vector<bool> SchemaChecker::check(FileKind kind, const YamlNode& root, std::uint32_t file,
                                       Diagnostics& diagnostics) const {
  // valijson compiles each `pattern` once per Validator and keeps it: one validator
  // a thread, reused for every record, instead of recompiling for each.
  thread_local valijson::Validator validator;
  const YamlNode* list = root.find(schema_name(kind));
  std::vector<bool> broken(list && list->is_sequence() ? list->children.size() : 0, false);

  // One record (as the loader checks them) of a file with narrowed schemas, or the
  // file's own shape with no records in it (which no rule reaches): the verdict
  // first, from the rules of the record's own kind alone (see Narrowed), read
  // straight from the tree (see YamlAdapter).
  if (const Narrowed* narrowed = narrowed_[static_cast<int>(kind)].get()) {
    const YamlNode* records = root.find(narrowed->list);  // the first, as in to_json
    const bool no_records = !records || !records->is_sequence() || records->children.empty();
    const bool one_record = !no_records && records->children.size() == 1 && records->children[0].is_mapping();
    if ((no_records || one_record) && !has_repeated_key(root)) {
      bool passes = validator.validate(*narrowed->without_rules, YamlAdapter(root), nullptr);
      if (passes && one_record) {
        const YamlNode& record = records->children[0];
        const YamlNode* value = record.find(narrowed->field);
        const auto rules = value && YamlValue(*value).isString()
                               ? narrowed->rules.find(std::string_view(value->value).substr(0, kLongestStringValidated))
                               : narrowed->rules.end();
        if (rules != narrowed->rules.end()) passes = validator.validate(*rules->second, YamlAdapter(record), nullptr);
      }
      if (passes) {
        if (!list || !list->is_sequence()) return {};
        return broken;
      }
    }
  }

  const Json instance = to_json(root);
  const valijson::adapters::NlohmannJsonAdapter adapter(instance);
  const Compiled& compiled = whole(kind);
  valijson::ValidationResults results;
  validator.validate(compiled.schema, adapter, &results);
  Explainer explainer(compiled.document, schema_name(kind), root, file, diagnostics);
  std::set<std::pair<std::vector<std::string>, std::string>> seen;
  bool top_level_broken = !list || !list->is_sequence();
  for (const auto& error : results) {
    if (is_wrapper(error.description)) continue;
    if (!seen.emplace(error.context, error.description).second) continue;
    const ErrorSite site = explainer.locate(error.context);
    explainer.explain(error.description, site);
    if (site.record_index < broken.size()) {
      broken[site.record_index] = true;
    } else {
      top_level_broken = true;
    }
  }
  if (top_level_broken) return {};
  return broken;
}

}  // namespace strikeline
