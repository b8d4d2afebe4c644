#include "taxonomy.hpp"

#include <nlohmann/json.hpp>
#include <set>

#include "normalise.hpp"
#include "numbers.hpp"

namespace quire::triage {
namespace {

using Json = nlohmann::json;

const std::set<std::string> kTopKeys = {
    "terms",           "required", "excluded",   "categories", "excluded_penalty", "title_weight",
    "abstract_weight", "in_scope", "weak_scope", "top_n",      "min_score"};
const std::set<std::string> kTermKeys = {"term", "weight", "generic", "acronym", "variants"};

std::string type_name(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::object:
      return "a table";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::string:
      return "a string";
    case Json::value_t::boolean:
      return "a boolean";
    case Json::value_t::number_float:
      return "a number";
    default:
      return "an integer";
  }
}

std::string join(const std::set<std::string>& keys) {
  std::string out;
  for (const auto& k : keys) out += (out.empty() ? "" : ", ") + k;
  return out;
}

[[noreturn]] void fail(const std::string& path, const std::string& message) {
  throw ConfigError("config " + path + " " + message);
}

void expect(const Json& v, bool ok, const std::string& path, const char* what) {
  if (!ok) fail(path, std::string("must be ") + what + ", not " + type_name(v));
}

double number(const Json& v, const std::string& path) {
  expect(v, v.is_number(), path, "a number");
  return v.get<double>();
}

std::string text_with_words(const Json& v, const std::string& path) {
  expect(v, v.is_string(), path, "a string");
  std::string s = v.get<std::string>();
  if (words(s).empty()) fail(path, "must contain a word, got '" + s + "'");
  return s;
}

std::vector<std::string> phrases(const Json& v, const std::string& path) {
  expect(v, v.is_array(), path, "an array of strings");
  std::vector<std::string> out;
  for (size_t i = 0; i < v.size(); ++i)
    out.push_back(text_with_words(v[i], path + "[" + std::to_string(i) + "]"));
  return out;
}

TermSpec parse_term(const Json& v, const std::string& path) {
  expect(v, v.is_object(), path, "a table");
  for (const auto& [key, _] : v.items())
    if (!kTermKeys.count(key))
      fail(path, "has an unknown key '" + key + "' (a term has " + join(kTermKeys) + ")");
  if (!v.contains("term")) fail(path + ".term", "is missing: every term needs its phrase");
  if (!v.contains("weight")) fail(path + ".weight", "is missing: it must be a number");
  TermSpec term;
  term.term = text_with_words(v["term"], path + ".term");
  term.weight = number(v["weight"], path + ".weight");
  if (v.contains("generic")) {
    expect(v["generic"], v["generic"].is_boolean(), path + ".generic", "a boolean");
    term.generic = v["generic"].get<bool>();
  }
  if (v.contains("acronym")) {
    const Json& a = v["acronym"];
    expect(a, a.is_string(), path + ".acronym", "a string");
    term.acronym = a.get<std::string>();
    NormalisedText n = normalise(term.acronym);
    if (n.tokens.size() != 1 || n.text != term.acronym)
      fail(path + ".acronym", "must be one word of letters and digits, got '" + term.acronym + "'");
  }
  if (v.contains("variants")) term.variants = phrases(v["variants"], path + ".variants");
  return term;
}

void parse_terms(const Json& v, Taxonomy* t) {
  expect(v, v.is_array(), "terms", "an array of tables");
  if (v.empty()) fail("terms", "must list at least one term");
  for (size_t i = 0; i < v.size(); ++i) {
    std::string path = "terms[" + std::to_string(i) + "]";
    TermSpec term = parse_term(v[i], path);
    for (size_t j = 0; j < t->terms.size(); ++j) {
      const TermSpec& other = t->terms[j];
      std::string earlier = "terms[" + std::to_string(j) + "]";
      if (words(other.term) == words(term.term))
        fail(path + ".term", "'" + term.term + "' repeats " + earlier + ".term");
      if (!term.acronym.empty() && other.acronym == term.acronym)
        fail(path + ".acronym", "'" + term.acronym + "' repeats " + earlier + ".acronym");
    }
    t->terms.push_back(std::move(term));
  }
}

void parse_categories(const Json& v, Taxonomy* t) {
  expect(v, v.is_object(), "categories", "a table of category = weight");
  for (const auto& [key, weight] : v.items()) {
    if (key.empty() || key.find(' ') != std::string::npos)
      fail("categories", "has a key that is not a category: '" + key + "'");
    t->categories.emplace_back(key, number(weight, "categories." + key));
  }
}

double non_negative(const Json& config, const char* key, double fallback) {
  if (!config.contains(key)) return fallback;
  double value = number(config[key], key);
  if (value < 0) fail(key, "must not be negative, got " + config[key].dump());
  return value;
}

double any_number(const Json& config, const char* key, double fallback) {
  return config.contains(key) ? number(config[key], key) : fallback;
}

}  // namespace

Taxonomy parse_taxonomy(std::string_view config_json) {
  Json config = Json::parse(config_json.begin(), config_json.end(), nullptr, false);
  if (!config.is_object()) throw ConfigError("config is not a JSON object");
  for (const auto& [key, _] : config.items())
    if (!kTopKeys.count(key)) fail(key, "is not a triage setting (known: " + join(kTopKeys) + ")");
  Taxonomy t;
  if (!config.contains("terms")) fail("terms", "is missing: list the direction's terms");
  parse_terms(config["terms"], &t);
  if (config.contains("required")) t.required = phrases(config["required"], "required");
  if (config.contains("excluded")) t.excluded = phrases(config["excluded"], "excluded");
  if (config.contains("categories")) parse_categories(config["categories"], &t);
  t.excluded_penalty = non_negative(config, "excluded_penalty", t.excluded_penalty);
  t.title_weight = non_negative(config, "title_weight", t.title_weight);
  t.abstract_weight = non_negative(config, "abstract_weight", t.abstract_weight);
  t.in_scope = any_number(config, "in_scope", t.in_scope);
  t.weak_scope = any_number(config, "weak_scope", t.weak_scope);
  t.min_score = any_number(config, "min_score", t.min_score);
  if (t.in_scope < t.weak_scope)
    fail("in_scope", "(" + number_text(t.in_scope) + ") must not be below weak_scope (" +
                         number_text(t.weak_scope) + ")");
  if (config.contains("top_n")) {
    const Json& n = config["top_n"];
    expect(n, n.is_number_integer(), "top_n", "an integer");
    t.top_n = n.get<int64_t>();
    if (t.top_n < 1) fail("top_n", "must be at least 1, got " + n.dump());
  }
  return t;
}

}  // namespace quire::triage
