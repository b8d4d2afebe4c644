#include "inputs.hpp"

#include <nlohmann/json.hpp>
#include <set>

#include "plugin_common/arxiv_ref.hpp"

namespace quire::seed {
namespace {

using Json = nlohmann::json;

Json parse(std::string_view json, const char* file) {
  Json value = Json::parse(json.begin(), json.end(), nullptr, false);
  if (value.is_discarded()) throw InputError(std::string(file) + ": not valid JSON");
  if (!value.is_array()) throw InputError(std::string(file) + ": expected an array");
  return value;
}

std::string where(const char* file, size_t index) {
  return std::string(file) + "[" + std::to_string(index) + "]";
}

std::string required_string(const Json& record, const char* key, const std::string& at) {
  auto it = record.find(key);
  if (it == record.end() || !it->is_string() || it->get<std::string>().empty())
    throw InputError(at + ": '" + key + "' must be a non-empty string");
  return it->get<std::string>();
}

std::string optional_string(const Json& record, const char* key, const std::string& at) {
  auto it = record.find(key);
  if (it == record.end() || it->is_null()) return "";
  if (!it->is_string()) throw InputError(at + ": '" + key + "' must be a string or null");
  return it->get<std::string>();
}

}  // namespace

std::string strip_version(std::string_view id) { return common::strip_version(id); }

std::optional<std::string> parse_anchor(std::string_view text) {
  return common::parse_arxiv_id(text);
}

std::vector<Paper> parse_papers(std::string_view json) {
  Json list = parse(json, "papers.json");
  std::vector<Paper> papers;
  for (size_t i = 0; i < list.size(); ++i) {
    const Json& record = list[i];
    std::string at = where("papers.json", i);
    if (!record.is_object()) throw InputError(at + ": expected an object");
    Paper paper;
    paper.id = required_string(record, "id", at);
    paper.base_id = optional_string(record, "base_id", at);
    if (paper.base_id.empty()) paper.base_id = strip_version(paper.id);
    paper.title = optional_string(record, "title", at);
    paper.abstract = optional_string(record, "abstract", at);
    papers.push_back(std::move(paper));
  }
  return papers;
}

std::vector<TriageEntry> parse_triage(std::string_view json) {
  Json list = parse(json, "triage.json");
  std::vector<TriageEntry> entries;
  for (size_t i = 0; i < list.size(); ++i) {
    const Json& record = list[i];
    std::string at = where("triage.json", i);
    if (!record.is_object()) throw InputError(at + ": expected an object");
    TriageEntry entry;
    entry.paper_id = required_string(record, "paper_id", at);
    entry.base_id = optional_string(record, "base_id", at);
    if (entry.base_id.empty()) entry.base_id = strip_version(entry.paper_id);
    entry.fit = required_string(record, "fit", at);
    if (entry.fit != "in-scope" && entry.fit != "weak-scope" && entry.fit != "out-of-scope")
      throw InputError(at + ": 'fit' must be in-scope, weak-scope or out-of-scope, got '" +
                       entry.fit + "'");
    auto selected = record.find("selected");
    if (selected == record.end() || !selected->is_boolean())
      throw InputError(at + ": 'selected' must be true or false");
    entry.selected = selected->get<bool>();
    auto rank = record.find("rank");
    if (rank != record.end() && !rank->is_null()) {
      if (!rank->is_number_integer()) throw InputError(at + ": 'rank' must be an integer or null");
      entry.rank = rank->get<int64_t>();
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

std::vector<std::string> parse_queue(std::string_view json) {
  Json list = parse(json, "queue.json");
  std::vector<std::string> ids;
  for (size_t i = 0; i < list.size(); ++i) {
    if (!list[i].is_string() || list[i].get<std::string>().empty())
      throw InputError(where("queue.json", i) + ": expected a paper id (a non-empty string)");
    ids.push_back(list[i].get<std::string>());
  }
  return ids;
}

Queue queue_without_triage(const std::vector<Paper>& papers) {
  Queue queue;
  for (const auto& paper : papers) queue.items.push_back({paper, "unknown", std::nullopt});
  return queue;
}

namespace {

// Finds the record for `id`: the same id, else the same base id.
template <class T, class Id, class Base>
const T* find_by_id(const std::vector<T>& list, const std::string& id, Id id_of, Base base_of) {
  for (const auto& item : list)
    if (id_of(item) == id) return &item;
  std::string base = strip_version(id);
  for (const auto& item : list)
    if (base_of(item) == base) return &item;
  return nullptr;
}

// The selected entries by rank (unranked last), ties by paper id.
std::vector<std::string> selected_by_rank(const std::vector<TriageEntry>& triage) {
  std::vector<const TriageEntry*> chosen;
  for (const auto& entry : triage)
    if (entry.selected) chosen.push_back(&entry);
  std::stable_sort(chosen.begin(), chosen.end(), [](const TriageEntry* a, const TriageEntry* b) {
    int64_t ra = a->rank.value_or(INT64_MAX), rb = b->rank.value_or(INT64_MAX);
    return ra != rb ? ra < rb : a->paper_id < b->paper_id;
  });
  std::vector<std::string> ids;
  for (const auto* entry : chosen) ids.push_back(entry->paper_id);
  return ids;
}

}  // namespace

Queue queue_from_triage(const std::vector<Paper>& papers, const std::vector<TriageEntry>& triage,
                        const std::optional<std::vector<std::string>>& queue) {
  std::vector<std::string> ids = queue ? *queue : selected_by_rank(triage);
  const char* source = queue ? "queue.json" : "triage.json";
  Queue out;
  std::set<std::string> seen;
  for (size_t i = 0; i < ids.size(); ++i) {
    const std::string& id = ids[i];
    const TriageEntry* entry = find_by_id(
        triage, id, [](const TriageEntry& e) { return e.paper_id; },
        [](const TriageEntry& e) { return e.base_id; });
    if (entry == nullptr)
      throw InputError(std::string(source) + " lists " + id + ", which triage.json does not rate");
    const Paper* paper = find_by_id(
        papers, id, [](const Paper& p) { return p.id; }, [](const Paper& p) { return p.base_id; });
    if (paper == nullptr)
      throw InputError(std::string(source) + " lists " + id + ", which is not in papers.json");
    if (!seen.insert(paper->base_id).second)
      throw InputError(std::string(source) + " lists " + paper->base_id + " more than once");
    if (paper->id != id)
      out.warnings.push_back(std::string(source) + " lists " + id + "; papers.json has " +
                             paper->id + ", which is seeded");
    if (queue && !entry->selected)
      out.warnings.push_back("queue.json lists " + id + ", which triage.json did not select");
    int64_t rank = entry->rank.value_or(static_cast<int64_t>(i) + 1);
    out.items.push_back({*paper, entry->fit, rank});
  }
  return out;
}

}  // namespace quire::seed
