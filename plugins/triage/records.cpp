#include "records.hpp"

#include <map>
#include <nlohmann/json.hpp>

#include "plugin_common/arxiv_ref.hpp"
#include "ranking.hpp"

namespace quire::triage {
namespace {

using Json = nlohmann::json;

class RecordReader {
 public:
  RecordReader(const Json& record, std::string where) : record_(record), where_(std::move(where)) {}

  std::string text(const char* key) const {
    const Json* v = field(key);
    if (v == nullptr) return "";
    if (!v->is_string()) fail(key, "a string");
    return v->get<std::string>();
  }
  int64_t integer(const char* key) const {
    const Json* v = field(key);
    if (v == nullptr) return 0;
    if (!v->is_number_integer()) fail(key, "an integer");
    return v->get<int64_t>();
  }
  std::vector<std::string> texts(const char* key) const {
    const Json* v = field(key);
    std::vector<std::string> out;
    if (v == nullptr) return out;
    if (!v->is_array()) fail(key, "an array of strings");
    for (const auto& item : *v) {
      if (!item.is_string()) fail(key, "an array of strings");
      out.push_back(item.get<std::string>());
    }
    return out;
  }

 private:
  const Json* field(const char* key) const {
    auto it = record_.find(key);
    return it == record_.end() || it->is_null() ? nullptr : &*it;
  }
  [[noreturn]] void fail(const char* key, const char* what) const {
    throw StageError(where_ + ": " + key + " must be " + what);
  }

  const Json& record_;
  std::string where_;
};

Json reason_json(const Reason& r) {
  return {
      {"term", r.term},     {"kind", r.kind},   {"matched", r.matched},          {"field", r.field},
      {"weight", r.weight}, {"count", r.count}, {"contribution", r.contribution}};
}

}  // namespace

std::vector<Paper> parse_papers(std::string_view json, const std::string& source) {
  Json array = Json::parse(json.begin(), json.end(), nullptr, false);
  if (!array.is_array()) throw StageError(source + " is not a JSON array of paper records");
  std::vector<Paper> papers;
  for (size_t i = 0; i < array.size(); ++i) {
    std::string where = source + ", record " + std::to_string(i);
    const Json& record = array[i];
    if (!record.is_object()) throw StageError(where + " is not an object");
    RecordReader read(record, where);
    Paper p;
    p.id = read.text("id");
    if (p.id.empty()) throw StageError(where + " has no id");
    RecordReader named(record, where + " (" + p.id + ")");
    p.base_id = named.text("base_id");
    if (p.base_id.empty()) p.base_id = common::strip_version(p.id);
    p.version = named.integer("version");
    p.title = named.text("title");
    p.abstract = named.text("abstract");
    p.categories = named.texts("categories");
    p.primary_category = named.text("primary_category");
    papers.push_back(std::move(p));
  }
  return papers;
}

std::vector<Paper> merge_papers(const std::vector<std::vector<Paper>>& lists,
                                std::vector<std::string>* dropped) {
  std::vector<Paper> merged;
  std::map<std::string, size_t> by_base;
  for (const auto& list : lists) {
    for (const auto& paper : list) {
      auto [it, fresh] = by_base.emplace(paper.base_id, merged.size());
      if (fresh) {
        merged.push_back(paper);
        continue;
      }
      Paper& kept = merged[it->second];
      if (paper.version > kept.version) {
        dropped->push_back(kept.id);
        kept = paper;
      } else {
        dropped->push_back(paper.id);
      }
    }
  }
  return merged;
}

std::string triage_json(const std::vector<Assessment>& ranked) {
  Json out = Json::array();
  for (const auto& a : ranked) {
    Json reasons = Json::array();
    for (const auto& r : a.reasons) reasons.push_back(reason_json(r));
    out.push_back({{"paper_id", a.paper_id},
                   {"base_id", a.base_id},
                   {"title", a.title},
                   {"score", a.score},
                   {"fit", fit_name(a.fit)},
                   {"selected", a.selected},
                   {"rank", a.rank},
                   {"reasons", std::move(reasons)},
                   {"required_matched", a.required_matched},
                   {"missing_required", a.missing_required},
                   {"excluded", a.excluded},
                   {"explanation", a.explanation}});
  }
  return out.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string queue_json(const std::vector<Assessment>& ranked) {
  return Json(queue_ids(ranked)).dump();
}

}  // namespace quire::triage
