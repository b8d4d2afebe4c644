// verify: proves evidence quotes against the PDFs. Reads papers.json and the PDF blobs (fetch)
// and evidence.json (seed); writes evidence.json with each row supported, not-found, pdf-failed or
// not-checked, plus mined full-text rows, evidence_matrix.csv and verify_report.json. The work
// per paper is memoised, so adding a paper to a run verifies only that paper.
#include <atomic>
#include <exception>
#include <mutex>
#include <nlohmann/json.hpp>
#include <quire/plugin.hpp>
#include <thread>

#include "rows.hpp"
#include "verify_paper.hpp"

namespace quire::verify {
namespace {

using Json = nlohmann::json;

int64_t int_in_range(Context& ctx, const char* key, int64_t low, int64_t high) {
  int64_t value = ctx.get_int(key);
  if (value < low || value > high)
    throw StageError("config key '" + std::string(key) + "' must be between " +
                     std::to_string(low) + " and " + std::to_string(high) + ", got " +
                     std::to_string(value));
  return value;
}

struct Settings {
  VerifySettings verify;
  Json passwords = Json::object();  // paper id (versioned or base) -> password
  size_t workers = 2;
};

Settings read_settings(Context& ctx) {
  Settings s;
  s.verify.extract.max_pages = static_cast<int>(int_in_range(ctx, "max_pages", 1, 1000000));
  s.verify.extract.max_bytes = static_cast<size_t>(int_in_range(ctx, "max_pdf_mb", 1, 4096)) << 20;
  double jaccard = ctx.get_float("jaccard");
  if (!(jaccard > 0.0 && jaccard <= 1.0))
    throw StageError("config key 'jaccard' must be in (0, 1], got " + std::to_string(jaccard));
  s.verify.match.jaccard = jaccard;
  s.verify.match.min_tokens = static_cast<size_t>(int_in_range(ctx, "min_tokens", 1, 10000));
  s.verify.max_mined = static_cast<size_t>(int_in_range(ctx, "max_mined_per_paper", 0, 1000));
  s.workers = static_cast<size_t>(int_in_range(ctx, "workers", 1, 256));
  Json config = Json::parse(ctx.config_json());
  if (config.contains("passwords")) {
    const Json& table = config["passwords"];
    if (!table.is_object()) throw StageError("config key 'passwords' must be a table");
    for (const auto& [id, password] : table.items())
      if (!password.is_string())
        throw StageError("config key 'passwords." + id + "' must be a string");
    s.passwords = table;
  }
  return s;
}

std::string password_for(const Settings& s, const std::string& paper_id) {
  if (s.passwords.contains(paper_id)) return s.passwords[paper_id];
  std::string base = paper_id;
  size_t v = base.rfind('v');
  if (v != std::string::npos && v + 1 < base.size() &&
      base.find_first_not_of("0123456789", v + 1) == std::string::npos)
    base.erase(v);
  if (s.passwords.contains(base)) return s.passwords[base];
  return "";
}

// Everything a paper's result depends on: the PDF, the quotes, the matcher and extraction
// settings, the mining limit and (hashed) the password.
std::string memo_key(const PaperPlan& p, const VerifySettings& v) {
  Json key = {{"what", "verify-paper/1"},
              {"pdf_digest", p.pdf_digest},
              {"quotes", p.quotes},
              {"jaccard", v.match.jaccard},
              {"min_tokens", v.match.min_tokens},
              {"min_order_share", v.match.min_order_share},
              {"max_ignorable_run", v.match.max_ignorable_run},
              {"max_pages", v.extract.max_pages},
              {"max_bytes", v.extract.max_bytes},
              {"max_mined", v.max_mined},
              {"password_sha256", sha256_hex(v.extract.password)}};
  return key.dump();
}

std::string single_input(Context& ctx, const char* name, const char* hint) {
  auto refs = ctx.inputs_named(name);
  if (refs.empty()) throw StageError(std::string("no ") + name + " among the inputs: " + hint);
  if (refs.size() > 1)
    throw StageError(std::string("two upstream stages produce ") + name + " ('" + refs[0].stage +
                     "' and '" + refs[1].stage + "'); verify needs exactly one");
  return refs[0].stage;
}

class Verify final : public Stage {
 public:
  void run(Context& ctx) override {
    Settings settings = read_settings(ctx);
    std::string fetch = single_input(ctx, "papers.json", "list the fetch stage in 'needs'");
    std::string seed = single_input(ctx, "evidence.json", "list the seed stage in 'needs'");
    std::string evidence = ctx.read(seed, "evidence.json");
    std::vector<PaperPlan> plan;
    try {
      plan = plan_papers(ctx.read(fetch, "papers.json"), evidence);
    } catch (const RowsError& e) {
      throw StageError(e.what());
    }

    // Memo lookups first (on this thread), then the misses in parallel, then the memo writes.
    std::vector<std::string> results(plan.size()), keys(plan.size());
    std::vector<VerifySettings> per_paper(plan.size(), settings.verify);
    std::vector<bool> memoised(plan.size(), false);
    std::vector<size_t> todo;
    for (size_t i = 0; i < plan.size(); ++i) {
      if (!plan[i].has_pdf) continue;
      per_paper[i].extract.password = password_for(settings, plan[i].paper_id);
      keys[i] = memo_key(plan[i], per_paper[i]);
      if (ctx.memo_get(keys[i], &results[i]))
        memoised[i] = true;
      else
        todo.push_back(i);
    }

    std::atomic<size_t> next{0}, done{0};
    std::atomic<bool> stop{false};
    std::mutex io;
    std::exception_ptr failure;
    auto worker = [&] {
      for (;;) {
        size_t t = next++;
        if (t >= todo.size() || stop) return;
        size_t i = todo[t];
        try {
          std::string pdf;
          {
            std::lock_guard<std::mutex> lock(io);
            if (ctx.cancelled()) {
              stop = true;
              return;
            }
            pdf = ctx.read(fetch, plan[i].pdf_output);
          }
          results[i] = verify_paper(pdf, plan[i].quotes, per_paper[i]);
          std::lock_guard<std::mutex> lock(io);
          ctx.progress(++done, todo.size());
        } catch (...) {
          std::lock_guard<std::mutex> lock(io);
          if (!failure) failure = std::current_exception();
          stop = true;
          return;
        }
      }
    };
    std::vector<std::thread> threads;
    size_t count = std::min(settings.workers, todo.size());
    for (size_t w = 0; w < count; ++w) threads.emplace_back(worker);
    for (auto& t : threads) t.join();
    if (failure) std::rethrow_exception(failure);
    ctx.check_cancelled();
    for (size_t i : todo) {
      std::string error;
      if (!ctx.memo_put(keys[i], results[i], &error)) throw StageError(error);
    }

    AssembleInfo info;
    info.checked_at = iso8601_utc(ctx.run_clock());
    info.memoised = memoised;
    Outputs out;
    try {
      out = assemble(evidence, plan, results, info);
    } catch (const std::exception& e) {
      throw StageError(std::string("assembling the verified rows: ") + e.what());
    }
    ctx.write_json("evidence.json", out.evidence_json);
    ctx.write_blob("evidence_matrix.csv", out.matrix_csv);
    ctx.write_json("verify_report.json", out.report_json);
    for (size_t i = 0; i < plan.size(); ++i) {
      if (!plan[i].has_pdf) {
        ctx.warn(plan[i].paper_id + ": rows not checked, " + plan[i].no_pdf_reason);
        continue;
      }
      Json r = Json::parse(results[i]);
      if (r["failure"] != "")
        ctx.warn(plan[i].paper_id + ": PDF failed (" + r["failure"].get<std::string>() +
                 "): " + r["message"].get<std::string>());
    }
    ctx.info(out.summary);
  }
};

constexpr quire_config_field kFields[] = {
    {"jaccard", QUIRE_CONFIG_FLOAT, 0, "0.6",
     "fuzzy rung: least token-set Jaccard between a quote and a window of the text"},
    {"min_tokens", QUIRE_CONFIG_INT, 0, "8", "fuzzy rung: shortest quote, in tokens"},
    {"max_pages", QUIRE_CONFIG_INT, 0, "2000", "a PDF with more pages fails (too_many_pages)"},
    {"max_pdf_mb", QUIRE_CONFIG_INT, 0, "100", "a larger PDF fails (too_large)"},
    {"passwords", QUIRE_CONFIG_TABLE, 0, "{}",
     "paper id (versioned or base) = password of its encrypted PDF"},
    {"max_mined_per_paper", QUIRE_CONFIG_INT, 0, "5",
     "most full-text sentences mined per paper from results/conclusion sections"},
    {"workers", QUIRE_CONFIG_INT, 0, "2", "papers verified in parallel"},
};

}  // namespace
}  // namespace quire::verify

QUIRE_PLUGIN(quire::verify::Verify, "verify", "1.0.0",
             "proves evidence quotes against the PDFs (page, section and box locators)",
             quire::verify::kFields, 0)
