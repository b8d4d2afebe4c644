#include "rows.hpp"

#include <cstdio>
#include <ctime>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace quire::verify {
namespace {

using Json = nlohmann::json;

Json parse(const std::string& text, const char* name) {
  try {
    Json value = Json::parse(text);
    if (!value.is_array()) throw RowsError(std::string(name) + " is not a JSON array");
    return value;
  } catch (const Json::exception& e) {
    throw RowsError(std::string(name) + ": " + e.what());
  }
}

std::string string_field(const Json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string dump(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string score_text(const Json& score) {
  if (!score.is_number()) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", score.get<double>());
  return buf;
}

// seed's rendering of triggers: "numeric: a | b; comparative: c".
std::string triggers_text(const Json& triggers) {
  std::string out;
  if (!triggers.is_object()) return out;
  for (const char* kind : {"numeric", "comparative", "result"}) {
    auto it = triggers.find(kind);
    if (it == triggers.end() || !it->is_array() || it->empty()) continue;
    if (!out.empty()) out += "; ";
    out += std::string(kind) + ": ";
    bool first = true;
    for (const auto& t : *it) {
      if (!first) out += " | ";
      first = false;
      out += t.is_string() ? t.get<std::string>() : dump(t);
    }
  }
  return out;
}

std::string text_of(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return "";
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  return dump(value);
}

std::string flag(const Json& row, const char* kind) {
  auto flags = row.find("flags");
  if (flags == row.end() || !flags->is_object()) return "false";
  auto it = flags->find(kind);
  return it != flags->end() && it->is_boolean() && it->get<bool>() ? "true" : "false";
}

std::string normalise_sentence(const std::string& sentence) {
  std::string out;
  bool gap = false;
  for (char c : sentence) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      gap = !out.empty();
      continue;
    }
    if (gap) out += ' ';
    gap = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

}  // namespace

std::string iso8601_utc(int64_t seconds) {
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::vector<PaperPlan> plan_papers(const std::string& papers_json,
                                   const std::string& evidence_json) {
  Json papers = parse(papers_json, "papers.json");
  Json rows = parse(evidence_json, "evidence.json");
  std::map<std::string, const Json*> by_id;
  for (const auto& p : papers)
    if (p.is_object()) by_id.emplace(string_field(p, "id"), &p);

  std::vector<PaperPlan> plan;
  std::map<std::string, size_t> index;
  std::vector<std::set<std::string>> quotes;
  for (const auto& row : rows) {
    if (!row.is_object() || !row.contains("paper_id") || !row["paper_id"].is_string() ||
        !row.contains("source_quote") || !row["source_quote"].is_string())
      throw RowsError("evidence.json: every row needs a string paper_id and source_quote");
    std::string id = row["paper_id"];
    auto [it, added] = index.emplace(id, plan.size());
    if (added) {
      PaperPlan p;
      p.paper_id = id;
      auto paper = by_id.find(id);
      p.known = paper != by_id.end();
      if (!p.known) {
        p.no_pdf_reason = "paper not in papers.json";
      } else {
        p.pdf_output = string_field(*paper->second, "pdf_output");
        p.pdf_digest = string_field(*paper->second, "pdf_digest");
        p.has_pdf = !p.pdf_output.empty();
        if (!p.has_pdf) {
          std::string status = string_field(*paper->second, "pdf_status");
          std::string error = string_field(*paper->second, "pdf_error");
          p.no_pdf_reason = "no PDF (pdf_status " + (status.empty() ? "unknown" : status) + ")" +
                            (error.empty() ? "" : ": " + error);
        }
      }
      plan.push_back(std::move(p));
      quotes.emplace_back();
    }
    quotes[it->second].insert(row["source_quote"].get<std::string>());
  }
  for (size_t i = 0; i < plan.size(); ++i)
    plan[i].quotes.assign(quotes[i].begin(), quotes[i].end());
  return plan;
}

Outputs assemble(const std::string& evidence_json, const std::vector<PaperPlan>& plan,
                 const std::vector<std::string>& results, const AssembleInfo& info) {
  Json rows = parse(evidence_json, "evidence.json");
  std::map<std::string, size_t> index;
  std::vector<Json> parsed(plan.size());
  for (size_t i = 0; i < plan.size(); ++i) {
    index[plan[i].paper_id] = i;
    if (plan[i].has_pdf) parsed[i] = Json::parse(results.at(i));
  }
  std::map<std::string, size_t> last_row;
  for (size_t r = 0; r < rows.size(); ++r) last_row[rows[r]["paper_id"].get<std::string>()] = r;

  struct Counts {
    size_t rows = 0, supported = 0, not_found = 0, mined = 0;
  };
  std::vector<Counts> counts(plan.size());
  std::vector<const Json*> first_row(plan.size(), nullptr);
  std::set<std::string> ids;
  for (const auto& row : rows) ids.insert(string_field(row, "row_id"));

  Json out = Json::array();
  auto supported_fields = [&](Json& row, const Json& match, const PaperPlan& p) {
    row["status"] = "supported";
    row["source_depth"] = "full-text";
    row["locators"] = {
        {"page", match["page"]}, {"section", match["section"]}, {"boxes", match["boxes"]}};
    row["match_method"] = match["method"];
    row["match_score"] = match["score"];
    row["pdf_digest"] = p.pdf_digest;
    row["full_text_checked_at"] = info.checked_at;
  };

  for (size_t r = 0; r < rows.size(); ++r) {
    Json row = rows[r];
    size_t i = index.at(row["paper_id"].get<std::string>());
    const PaperPlan& p = plan[i];
    if (!first_row[i]) first_row[i] = &rows[r];
    ++counts[i].rows;
    if (!p.has_pdf) {
      row["status"] = "not-checked";
      row["not_checked_reason"] = p.no_pdf_reason;
    } else if (parsed[i]["failure"] != "") {
      row["status"] = "pdf-failed";
      row["pdf_failure"] = {{"kind", parsed[i]["failure"]}, {"message", parsed[i]["message"]}};
      row["pdf_digest"] = p.pdf_digest;
      row["full_text_checked_at"] = info.checked_at;
    } else {
      const Json& match = parsed[i]["quotes"].at(row["source_quote"].get<std::string>());
      if (match["method"] != "none") {
        supported_fields(row, match, p);
        ++counts[i].supported;
      } else {
        row["status"] = "not-found";
        row["match_method"] = "none";
        row["match_score"] = match["candidate"]["score"];
        row["best_candidate"] = match["candidate"];
        row["pdf_digest"] = p.pdf_digest;
        row["full_text_checked_at"] = info.checked_at;
        ++counts[i].not_found;
      }
    }
    out.push_back(std::move(row));

    if (r != last_row[p.paper_id] || !p.has_pdf || parsed[i]["failure"] != "") continue;
    const Json& model = *first_row[i];
    std::string base = string_field(model, "base_id");
    for (const auto& m : parsed[i]["mined"]) {
      std::string sentence = m["sentence"];
      std::string hash = sha256_hex(normalise_sentence(sentence));
      std::string prefix = "FT-";
      for (char c : base) prefix += c == '/' ? '_' : c;
      std::string id = prefix + "-" + hash.substr(0, 8);
      if (ids.count(id)) id = prefix + "-" + hash.substr(0, 16);
      if (!ids.insert(id).second) continue;
      Json numeric = Json::array(), comparative = Json::array();
      {
        size_t pos = 0;
        while (pos < sentence.size()) {
          size_t end = sentence.find(' ', pos);
          if (end == std::string::npos) end = sentence.size();
          std::string word = sentence.substr(pos, end - pos);
          pos = end + 1;
          while (!word.empty() && std::string(",.;:)").find(word.back()) != std::string::npos)
            word.pop_back();
          if (word.empty()) continue;
          bool digit = word[0] != '[' && word.find_first_of("0123456789") != std::string::npos;
          if (digit) numeric.push_back(word);
          std::string lower;
          for (char c : word) lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
          for (const char* stem :
               {"outperform", "better", "worse", "higher", "lower", "improv", "reduc"})
            if (lower.rfind(stem, 0) == 0) comparative.push_back(word);
        }
      }
      Json row = {{"row_id", id},
                  {"paper_id", p.paper_id},
                  {"base_id", base},
                  {"title", model.value("title", Json())},
                  {"role", "full-text"},
                  {"claim", sentence},
                  {"source_quote", sentence},
                  {"sentence_index", nullptr},
                  {"elided", false},
                  {"taxonomy_fit", model.value("taxonomy_fit", Json("unknown"))},
                  {"triage_rank", model.value("triage_rank", Json())},
                  {"flags",
                   {{"numeric", !numeric.empty()},
                    {"comparative", !comparative.empty()},
                    {"result", false}}},
                  {"triggers",
                   {{"numeric", numeric}, {"comparative", comparative}, {"result", Json::array()}}},
                  {"claim_class", "finding"},
                  {"class_trigger", nullptr}};
      supported_fields(row, m, p);
      out.push_back(std::move(row));
      ++counts[i].mined;
    }
  }

  // evidence_matrix.csv
  common::CsvWriter csv({"row_id",       "paper_id",    "role",
                         "taxonomy_fit", "status",      "source_depth",
                         "claim_class",  "numeric",     "comparative",
                         "result",       "triggers",    "claim",
                         "source_quote", "page",        "section",
                         "match_method", "match_score", "full_text_checked_at",
                         "pdf_digest",   "pdf_output"});
  for (const auto& row : out) {
    Json none;
    const Json& loc = row.contains("locators") ? row["locators"] : none;
    // The last three columns let `quire proof` find and re-hash each row's PDF from the matrix
    // alone; pdf_output is papers.json's name for the PDF blob, empty when the paper has none.
    auto paper = index.find(text_of(row.value("paper_id", Json())));
    std::string pdf_output = paper != index.end() ? plan[paper->second].pdf_output : "";
    csv.add({text_of(row.value("row_id", Json())),
             text_of(row.value("paper_id", Json())),
             text_of(row.value("role", Json())),
             text_of(row.value("taxonomy_fit", Json())),
             text_of(row.value("status", Json())),
             text_of(row.value("source_depth", Json())),
             text_of(row.value("claim_class", Json())),
             flag(row, "numeric"),
             flag(row, "comparative"),
             flag(row, "result"),
             triggers_text(row.value("triggers", Json())),
             text_of(row.value("claim", Json())),
             text_of(row.value("source_quote", Json())),
             loc.is_object() ? text_of(loc["page"]) : "",
             loc.is_object() ? text_of(loc["section"]) : "",
             text_of(row.value("match_method", Json())),
             score_text(row.value("match_score", Json())),
             text_of(row.value("full_text_checked_at", Json())),
             text_of(row.value("pdf_digest", Json())),
             pdf_output});
  }

  // verify_report.json
  Json papers = Json::array();
  size_t verified = 0, failed = 0, not_checked = 0, memoised = 0, computed = 0;
  Counts total;
  size_t failed_rows = 0, not_checked_rows = 0;
  for (size_t i = 0; i < plan.size(); ++i) {
    const PaperPlan& p = plan[i];
    const Counts& c = counts[i];
    Json entry = {{"paper_id", p.paper_id},     {"rows", c.rows},
                  {"supported", c.supported},   {"not_found", c.not_found},
                  {"mined", c.mined},           {"pdf_output", nullptr},
                  {"pdf_digest", nullptr},      {"failure_kind", nullptr},
                  {"failure_message", nullptr}, {"pages", nullptr}};
    if (!p.has_pdf) {
      entry["status"] = "not-checked";
      entry["failure_message"] = p.no_pdf_reason;
      ++not_checked;
      not_checked_rows += c.rows;
    } else {
      entry["pdf_output"] = p.pdf_output;
      entry["pdf_digest"] = p.pdf_digest;
      entry["pages"] = parsed[i]["pages"];
      // Memo hits go to the log only: the report must not depend on what the cache held.
      bool memo = i < info.memoised.size() && info.memoised[i];
      memo ? ++memoised : ++computed;
      if (parsed[i]["failure"] != "") {
        entry["status"] = "pdf-failed";
        entry["failure_kind"] = parsed[i]["failure"];
        entry["failure_message"] = parsed[i]["message"];
        ++failed;
        failed_rows += c.rows;
      } else {
        entry["status"] = "verified";
        ++verified;
      }
    }
    total.rows += c.rows;
    total.supported += c.supported;
    total.not_found += c.not_found;
    total.mined += c.mined;
    papers.push_back(std::move(entry));
  }
  Json report = {{"papers", papers},
                 {"full_text_checked_at", info.checked_at},
                 {"totals",
                  {{"papers", plan.size()},
                   {"papers_verified", verified},
                   {"papers_pdf_failed", failed},
                   {"papers_not_checked", not_checked},
                   {"rows", total.rows},
                   {"supported", total.supported},
                   {"not_found", total.not_found},
                   {"pdf_failed", failed_rows},
                   {"not_checked", not_checked_rows},
                   {"mined", total.mined}}}};

  auto n = [](size_t v) { return std::to_string(v); };
  Outputs result;
  result.evidence_json = dump(out) + "\n";
  result.matrix_csv = csv.text();
  result.report_json = dump(report) + "\n";
  result.summary = n(total.rows) + " rows of " + n(plan.size()) +
                   " papers checked: " + n(total.supported) + " supported, " + n(total.not_found) +
                   " not found, " + n(failed_rows) + " pdf-failed, " + n(not_checked_rows) +
                   " not checked; " + n(total.mined) +
                   " full-text rows mined; PDFs: " + n(computed) + " processed, " + n(memoised) +
                   " from the memo";
  return result;
}

}  // namespace quire::verify
