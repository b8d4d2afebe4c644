// gpu-probe's LibTorch half: runs the configured probes (core/probes.hpp) on CUDA or the CPU,
// judges the workflow's claims against what they measured, and writes probes.json (one record per
// probe, every verdict with its numbers) and probe_evidence.json (one ledger row per claim). Each
// probe's result is memoised under its configuration, seed and device, so editing one probe
// reruns only that one.
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <quire/context.hpp>

#include "claims.hpp"
#include "probe_plan.hpp"
#include "records.hpp"
#include "torch_half.hpp"

namespace quire::gpu_probe {
namespace {

using Json = nlohmann::json;
using namespace quire::probe;

struct Outcome {
  std::optional<ProbeResult> result;  // empty when the probe failed
  std::string error;
};

std::string memo_key(const PlannedProbe& p, const ProbeEnv& env) {
  Json key = {{"what", "gpu-probe/1"},
              {"plugin", QUIRE_GPU_PROBE_VERSION},
              {"kind", p.kind},
              {"config", p.config},
              {"seed", env.seed},
              {"device", env.device.name},
              {"libtorch", env.device.libtorch_version},
              {"threads", env.device.threads},
              {"bf16", env.device.bf16}};
  return key.dump();
}

// A configuration error is the user's to fix: it fails the stage naming the key. Anything
// else a probe throws (out of memory, a LibTorch error) is recorded and the other probes run.
Outcome run_one(Context& ctx, const PlannedProbe& p, const ProbeEnv& env, ModelZoo& zoo) {
  std::string key = memo_key(p, env);
  std::string cached;
  if (ctx.memo_get(key, &cached)) {
    try {
      return {result_from_json(Json::parse(cached)), ""};
    } catch (const Json::exception&) {
      ctx.warn(p.id + ": memoised result unreadable; measuring again");
    }
  }
  auto start = std::chrono::steady_clock::now();
  Outcome outcome;
  try {
    outcome.result = run_planned(p, env, zoo);
  } catch (const std::invalid_argument& e) {
    throw StageError(std::string("config ") + e.what());
  } catch (const StageError&) {
    throw;  // cancellation
  } catch (const std::exception& e) {
    outcome.error = e.what();
    ctx.warn(p.id + " failed: " + outcome.error);
    return outcome;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ctx.info(p.id + ": measured in " + std::to_string(seconds) + " s");
  std::string error;
  if (!ctx.memo_put(key, result_json(*outcome.result).dump(), &error)) throw StageError(error);
  return outcome;
}

Json claim_json(const Claim& c) {
  Json j = {{"id", c.id},
            {"probe", c.probe},
            {"statement", c.statement},
            {"paper", c.paper},
            {"source", c.source},
            {"expectation", c.expect.text()},
            {"metric", c.expect.metric},
            {"threshold", c.expect.threshold},
            {"than", c.expect.than.empty() ? Json(nullptr) : Json(c.expect.than)},
            {"margin", c.margin}};
  j["precondition"] = c.precondition ? Json(c.precondition->text()) : Json(nullptr);
  return j;
}

Json verdict_json(const Claim& c, const Verdict& v) {
  Json j = claim_json(c);
  j["verdict"] = verdict_name(v.kind);
  j["measured"] = v.measured ? Json(*v.measured) : Json(nullptr);
  j["reason"] = v.reason;
  return j;
}

Json evidence_row(const Claim& c, const Verdict& v, const Json& device) {
  Json row = verdict_json(c, v);
  row.erase("id");
  row["row_id"] = "PR-" + c.id;
  row["claim_id"] = c.id;
  row["paper_id"] = c.paper.empty() ? Json(nullptr) : Json(c.paper);
  row["claim"] = c.statement;
  row["source_depth"] = "probe";
  row["status"] = verdict_name(v.kind);
  row["device"] = device.at("name");
  return row;
}

ProbeEnv make_env(Context& ctx, const Json& config) {
  ProbeEnv env;
  env.device = select_device(config.value("device", "auto"), config.value("threads", 1),
                             config.value("precision", "fp32"));
  env.seed = ctx.seed();
  env.log = [&ctx](const std::string& line) { ctx.info(line); };
  env.check_cancelled = [&ctx] { ctx.check_cancelled(); };
  return env;
}

class GpuProbeStage {
 public:
  static void run(Context& ctx) {
    Json config = Json::parse(ctx.config_json());
    std::vector<PlannedProbe> probes;
    std::vector<Claim> claims;
    ProbeEnv env;
    try {
      probes = plan_probes(config.value("probes", Json()));
      for (const auto& p : probes) check_planned(p);  // every typo before any training
      std::vector<std::string> ids;
      for (const auto& p : probes) ids.push_back(p.id);
      claims = parse_claims(config.value("claims", Json()), "claims", ids);
      if (config.value("threads", 1) < 1) throw std::invalid_argument("threads must be at least 1");
      env = make_env(ctx, config);
    } catch (const std::invalid_argument& e) {
      throw StageError(std::string("config ") + e.what());
    } catch (const std::runtime_error& e) {
      throw StageError(e.what());
    }
    ctx.info("gpu-probe on " + env.device.name + " (LibTorch " + env.device.libtorch_version +
             ", " + std::to_string(probes.size()) + " probes, " + std::to_string(claims.size()) +
             " claims)");

    ModelZoo zoo;
    std::map<std::string, Outcome> outcomes;
    for (size_t i = 0; i < probes.size(); ++i) {
      ctx.check_cancelled();
      outcomes[probes[i].id] = run_one(ctx, probes[i], env, zoo);
      ctx.progress(i + 1, probes.size());
    }
    write_records(ctx, probes, claims, outcomes, env);
  }

 private:
  static void write_records(Context& ctx, const std::vector<PlannedProbe>& probes,
                            const std::vector<Claim>& claims,
                            const std::map<std::string, Outcome>& outcomes, const ProbeEnv& env) {
    Json device = device_json(env.device);
    Json records = Json::array();
    Json verdicts = Json::array();
    Json rows = Json::array();
    std::map<std::string, int> counts = {
        {"corroborated", 0}, {"contradicted", 0}, {"inconclusive", 0}};
    std::map<std::string, Json> verdicts_by_probe;
    for (const Claim& c : claims) {
      const Outcome& o = outcomes.at(c.probe);
      Verdict v = judge(c, o.result ? &*o.result : nullptr, o.error);
      verdicts.push_back(verdict_json(c, v));
      verdicts_by_probe[c.probe].push_back(verdicts.back());
      rows.push_back(evidence_row(c, v, device));
      ++counts[verdict_name(v.kind)];
    }
    for (const PlannedProbe& p : probes) {
      const Outcome& o = outcomes.at(p.id);
      Json record = {{"id", p.id},
                     {"probe", p.kind},
                     {"config", p.config},
                     {"seed", env.seed},
                     {"device", device},
                     {"status", o.result ? "ok" : "failed"},
                     {"error", o.result ? Json(nullptr) : Json(o.error)}};
      record["claims"] = verdicts_by_probe.count(p.id) ? verdicts_by_probe[p.id] : Json::array();
      if (o.result) record.update(result_json(*o.result));
      records.push_back(record);
    }
    Json out = {{"schema", "quire.probes/1"}, {"device", device},     {"seed", env.seed},
                {"probes", records},          {"verdicts", verdicts}, {"summary", counts}};
    ctx.write_json("probes.json", out.dump());
    ctx.write_json("probe_evidence.json", rows.dump());
    ctx.info(std::to_string(probes.size()) +
             " probes; claims: " + std::to_string(counts["corroborated"]) + " corroborated, " +
             std::to_string(counts["contradicted"]) + " contradicted, " +
             std::to_string(counts["inconclusive"]) + " inconclusive");
  }
};

}  // namespace

// The one symbol the light plugin (gpu_probe_stage.cpp) looks up: runs the stage and reports
// how it ended as a value, so no exception crosses between the two libraries.
extern "C" __attribute__((visibility("default"))) int quire_gpu_probe_torch_run(Context* ctx,
                                                                                char* message,
                                                                                size_t capacity) {
  auto fail = [&](int code, const char* what) {
    std::snprintf(message, capacity, "%s", what);
    return code;
  };
  try {
    GpuProbeStage::run(*ctx);
    return kTorchRunOk;
  } catch (const CacheMiss& e) {
    return fail(kTorchRunCacheMiss, e.what());
  } catch (const Cancelled& e) {
    return fail(kTorchRunCancelled, e.what());
  } catch (const std::exception& e) {
    return fail(kTorchRunFailed, e.what());
  } catch (...) {
    return fail(kTorchRunFailed, "gpu-probe: unknown exception");
  }
}

}  // namespace quire::gpu_probe
