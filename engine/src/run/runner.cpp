#include "run/runner.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <quire/version.hpp>

#include "exec/local_executor.hpp"
#include "run/engine_context.hpp"
#include "run/materialise.hpp"
#include "util/digest.hpp"
#include "util/suggest.hpp"

namespace quire {

namespace fs = std::filesystem;

namespace {

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

StageStatus status_for_code(int code) {
  switch (code) {
    case QUIRE_RUN_OK:
      return StageStatus::kRan;
    case QUIRE_RUN_CACHE_MISS:
      return StageStatus::kCacheMiss;
    case QUIRE_RUN_CANCELLED:
      return StageStatus::kCancelled;
    default:
      return StageStatus::kFailed;
  }
}

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

}  // namespace

Runner::Runner(const Workflow& workflow, const StageGraph& graph,
               const std::vector<ResolvedStage>& stages, const Cache& cache, RunOptions options,
               RunObserver& observer, const std::atomic<bool>& interrupted)
    : workflow_(workflow),
      graph_(graph),
      stages_(stages),
      cache_(cache),
      options_(std::move(options)),
      observer_(observer),
      interrupted_(interrupted) {}

Status Runner::select() {
  std::vector<std::string> ids;
  for (const auto& s : workflow_.stages) ids.push_back(s.id);
  auto check = [&](const std::string& flag, const std::string& id) {
    if (workflow_.find(id) != nullptr) return Status();
    return Status::bad_workflow(flag + " " + id + ": no such stage" + suggestion_suffix(id, ids));
  };
  for (const auto& id : options_.force)
    if (auto s = check("--force", id); !s.ok()) return s;
  for (const auto& id : options_.only)
    if (auto s = check("--only", id); !s.ok()) return s;
  if (!options_.until.empty())
    if (auto s = check("--until", options_.until); !s.ok()) return s;

  size_t n = workflow_.stages.size();
  slots_.assign(n, Slot());
  std::vector<bool> run(n, true), needed(n, true);
  if (!options_.until.empty()) run = graph_.upstream_closure({workflow_.index_of(options_.until)});
  if (!options_.only.empty()) {
    std::vector<size_t> roots;
    for (const auto& id : options_.only) roots.push_back(workflow_.index_of(id));
    needed = graph_.upstream_closure(roots);
    for (size_t i = 0; i < n; ++i)
      run[i] = run[i] && contains(options_.only, workflow_.stages[i].id);
  }
  for (size_t i = 0; i < n; ++i) {
    auto& slot = slots_[i];
    if (run[i])
      slot.mode = Mode::kRun;
    else if (!options_.only.empty() && needed[i])
      slot.mode = Mode::kCacheOnly;
    else
      slot.mode = Mode::kExcluded;
    slot.deps_left = graph_.deps(i).size();
    slot.report.index = i;
    slot.report.id = workflow_.stages[i].id;
    slot.report.plugin = workflow_.stages[i].plugin;
    if (slot.mode != Mode::kExcluded) ++selected_;
  }
  return {};
}

std::vector<DepOutputs> Runner::inputs_of(size_t i) const {
  std::vector<DepOutputs> inputs;
  for (size_t d : graph_.deps(i)) inputs.push_back({slots_[d].report.id, slots_[d].report.outputs});
  return inputs;
}

StageHistory Runner::history_of(size_t i, const std::vector<DepOutputs>& inputs) const {
  const auto& stage = stages_[i];
  return {stage.plugin->info().version, stage.plugin->digest(),
          std::to_string(seed_for(stage.spec->id)), stage.config, inputs_summary(inputs)};
}

uint64_t Runner::seed_for(const std::string& stage_id) const {
  std::string base = workflow_.params.contains("seed") ? canonical(workflow_.params["seed"]) : "0";
  auto hex = sha256_hex("seed:" + base + ":" + stage_id);
  return std::stoull(hex.substr(0, 16), nullptr, 16);
}

bool Runner::try_cache_hit(size_t i, const StageKey& key, std::string* reason) {
  auto& slot = slots_[i];
  // Same key as last time and the files untouched: nothing to read (ninja trusts its log).
  const auto* prev = previous_.find(slot.report.id);
  if (prev != nullptr && prev->key == key.key &&
      outputs_untouched(*prev, options_.run_dir / slot.report.id, &slot.files)) {
    slot.report.outputs = prev->outputs;
    slot.unchanged = true;
    return true;
  }
  auto entry = cache_.get_action(key.key);
  if (!entry) return false;
  if (options_.dry_run) {
    slot.report.outputs = entry->outputs;
    return true;
  }
  const auto& id = slot.report.id;
  auto error =
      materialise_outputs(cache_, options_.run_dir / id, entry->outputs, previous_.find(id),
                          options_.run_dir / ".quire" / "tmp", &slot.files);
  if (!error.empty()) {
    *reason = error + "; recomputing";
    return false;
  }
  slot.report.outputs = entry->outputs;
  return true;
}

// Dry run below a stage that would run: its key cannot be known, so say what is known.
void Runner::dry_run_unknown(size_t i) {
  auto& slot = slots_[i];
  const auto* prev = previous_.find(slot.report.id);
  auto before = prev ? StageHistory::from_text(prev->history) : std::nullopt;
  std::string own;
  if (!before) {
    own = "new";
  } else {
    // Inputs are unknown until upstream runs: compare everything else.
    auto now = history_of(i, {});
    now.inputs = before->inputs;
    auto reason = explain_miss(prev, now);
    if (reason.rfind("no cached result", 0) != 0) own = reason;
  }
  std::string upstream;
  for (size_t d : graph_.deps(i))
    if (slots_[d].outputs_unknown) upstream += (upstream.empty() ? "" : ", ") + slots_[d].report.id;
  StageOutcome outcome;
  outcome.status = own.empty() ? StageStatus::kMayRun : StageStatus::kWouldRun;
  slot.report.reason = own.empty() ? "if upstream " + upstream + " changes its outputs" : own;
  slot.outputs_unknown = true;
  finish(i, outcome);
}

void Runner::decide(size_t i) {
  auto& slot = slots_[i];
  const auto& stage = stages_[i];
  const auto& id = slot.report.id;
  for (size_t d : graph_.deps(i))
    if (slots_[d].outputs_unknown) return dry_run_unknown(i);

  auto inputs = inputs_of(i);
  StageKey key = compute_stage_key(*stage.plugin, stage.config_text, inputs, seed_for(id));
  slot.report.key = key.key;
  slot.report.inputs = inputs;

  bool forced = contains(options_.force, id);
  const auto& info = stage.plugin->info();
  bool rereads = info.reads_local_files() && slot.mode == Mode::kRun;
  bool refresh = rereads || (info.is_volatile() && options_.fresh && slot.mode == Mode::kRun);
  std::string reason;
  if (forced) {
    reason = "forced (--force)";
  } else if (rereads) {
    // Its key cannot see the files' contents; its outputs' digests can, so stages below rerun
    // only when a file changed.
    reason = "reads local files: re-read on every run";
  } else if (refresh) {
    reason = "volatile: refreshed on every fresh run (--no-fresh replays it)";
  } else {
    if (try_cache_hit(i, key, &reason))
      return finish(i, {StageStatus::kCached, "", slot.report.outputs, 0});
    if (reason.empty()) reason = explain_miss(previous_.find(id), history_of(i, inputs));
  }
  slot.report.reason = reason;
  if (slot.mode == Mode::kCacheOnly) {
    StageOutcome outcome{StageStatus::kFailed, "", {}, 0};
    outcome.message = "needed by --only but has no cached result (" + reason + "); run it first";
    return finish(i, outcome);
  }
  if (options_.dry_run) {
    slot.outputs_unknown = true;
    return finish(i, {StageStatus::kWouldRun, "", {}, 0});
  }
  Job job;
  job.stage = i;
  job.stage_id = id;
  job.key = key.key;
  job.spec = {{"stage", id}, {"key", key.key}, {"workflow", workflow_.source.path()}};
  bool reuse = !forced && !refresh;
  job.run_here = [this, i, key, inputs, reuse] { return execute(i, key, inputs, reuse); };
  slot.phase = Phase::kQueued;
  queued_.push_back(std::move(job));
}

// Hands queued stages to the executor only as slots free up, so that after a failure nothing
// new starts (without --keep-going).
void Runner::submit_queued(Executor& executor) {
  while (!queued_.empty() && in_flight_ < executor.slots()) {
    Job job = std::move(queued_.front());
    queued_.pop_front();
    slots_[job.stage].phase = Phase::kRunning;
    slots_[job.stage].job_id = executor.submit(std::move(job));
    ++in_flight_;
  }
}

// Runs in an executor thread: everything it touches is const, thread-safe, or under a mutex.
StageOutcome Runner::execute(size_t i, const StageKey& key, const std::vector<DepOutputs>& inputs,
                             bool reuse_allowed) {
  const auto& stage = stages_[i];
  const auto& id = stage.spec->id;
  auto start = std::chrono::steady_clock::now();
  if (cancelled_) return {StageStatus::kCancelled, "cancelled before it started", {}, 0};
  FileLock lock = cache_.lock_key(key.key);  // another run computing this key finishes first
  if (reuse_allowed)
    if (auto entry = cache_.get_action(key.key)) {
      bool complete =
          std::all_of(entry->outputs.begin(), entry->outputs.end(),
                      [&](const OutputRecord& o) { return cache_.has_object(o.digest); });
      if (complete)
        return {StageStatus::kCached, "computed meanwhile by another run", entry->outputs, 0};
    }
  {
    std::lock_guard<std::mutex> guard(observer_mutex_);
    if (auto marker = cache_.incomplete(key.key))
      observer_.stage_log(id, LogLevel::kWarning,
                          "an earlier attempt (pid " + canonical(marker->value("pid", Json())) +
                              " on " + marker->value("host", std::string("?")) +
                              ") was interrupted; running again");
    observer_.stage_started(slots_[i].report);
  }
  cache_.mark_incomplete(key.key, {{"stage", id},
                                   {"pid", ::getpid()},
                                   {"host", host_name()},
                                   {"run_clock", options_.run_clock}});
  ContextSetup setup;
  setup.stage_id = id;
  setup.config = stage.config;
  setup.inputs = inputs;
  const auto& info = stage.plugin->info();
  setup.memo_namespace = info.name + "@" + info.version + "#" + stage.plugin->digest();
  setup.may_use_network = options_.fresh && info.network();
  setup.run_clock = options_.run_clock;
  setup.seed = seed_for(id);
  setup.run_dir = options_.run_dir;
  setup.http = http_.get();
  setup.workflow_dir = workflow_.dir;
  setup.invocation_dir = workflow_.invocation_dir;
  setup.keys_set_on_command_line = stage.spec->keys_set_on_command_line;
  EngineContext context(std::move(setup), cache_, cancelled_, observer_, observer_mutex_);

  auto result = stage.plugin->run_stage(context);
  StageOutcome outcome{status_for_code(result.code), result.message, {}, 0};
  if (outcome.status == StageStatus::kRan) {
    ActionEntry entry{key.key, id, info.name, info.version, context.outputs()};
    auto status = cache_.put_action(entry);
    if (!status.ok())
      outcome = {StageStatus::kFailed, status.message(), {}, 0};
    else
      outcome.outputs = entry.outputs;
  }
  cache_.clear_incomplete(key.key);
  outcome.wall_ms = ms_since(start);
  return outcome;
}

void Runner::finish(size_t i, StageOutcome outcome) {
  auto& slot = slots_[i];
  slot.phase = Phase::kDone;
  slot.report.status = outcome.status;
  slot.report.wall_ms = outcome.wall_ms;
  if (outcome.status == StageStatus::kCached && !outcome.message.empty())
    slot.report.reason = outcome.message;
  bool ok = outcome.status == StageStatus::kRan || outcome.status == StageStatus::kCached;
  if (ok && !options_.dry_run) {
    slot.report.outputs = outcome.outputs;
    if (outcome.status == StageStatus::kRan || !outcome.message.empty()) {
      auto error = materialise_outputs(cache_, options_.run_dir / slot.report.id,
                                       slot.report.outputs, previous_.find(slot.report.id),
                                       options_.run_dir / ".quire" / "tmp", &slot.files);
      if (!error.empty()) {
        slot.report.status = StageStatus::kFailed;
        outcome.message = error;
        ok = false;
      }
    }
  }
  if (outcome.status == StageStatus::kSkipped)
    slot.report.reason = outcome.message;
  else if (!ok && !outcome.message.empty() && outcome.status != StageStatus::kCached)
    slot.report.error = outcome.message;
  if (ok && !options_.dry_run && !slot.unchanged) {
    next_.set(slot.report.id, {slot.report.key, slot.report.outputs, slot.files,
                               history_of(i, slot.report.inputs).to_text()});
    state_changed_ = true;
  }
  ++finished_;
  {
    std::lock_guard<std::mutex> guard(observer_mutex_);
    observer_.stage_finished(slot.report, finished_, selected_);
  }
  if (slot.report.status == StageStatus::kFailed || slot.report.status == StageStatus::kCacheMiss)
    failed_ = true;
  bool passes = ok || slot.report.status == StageStatus::kWouldRun ||
                slot.report.status == StageStatus::kMayRun;
  if (!passes)
    return skip_downstream(i,
                           "upstream '" + slot.report.id + "' " + status_name(slot.report.status));
  for (size_t d : graph_.dependents(i))
    if (--slots_[d].deps_left == 0 && slots_[d].mode != Mode::kExcluded && !stopped_)
      ready_.insert(d);
}

void Runner::skip_downstream(size_t i, const std::string& why) {
  auto below = graph_.downstream_closure({i});
  for (size_t d = 0; d < below.size(); ++d) {
    if (!below[d] || d == i || slots_[d].mode == Mode::kExcluded ||
        slots_[d].phase != Phase::kWaiting)
      continue;
    slots_[d].phase = Phase::kDone;
    slots_[d].report.status = StageStatus::kSkipped;
    slots_[d].report.reason = why;
    ready_.erase(d);
    ++finished_;
    std::lock_guard<std::mutex> guard(observer_mutex_);
    observer_.stage_finished(slots_[d].report, finished_, selected_);
  }
}

void Runner::stop_launching(const std::string& why) {
  if (stopped_) return;
  stopped_ = true;
  ready_.clear();
  queued_.clear();
  for (auto& slot : slots_) {
    bool not_started = slot.phase == Phase::kWaiting || slot.phase == Phase::kQueued;
    if (slot.mode == Mode::kExcluded || !not_started) continue;
    slot.phase = Phase::kDone;
    slot.report.status = StageStatus::kSkipped;
    slot.report.reason = why;
    ++finished_;
    std::lock_guard<std::mutex> guard(observer_mutex_);
    observer_.stage_finished(slot.report, finished_, selected_);
  }
}

StatusOr<RunResult> Runner::run() {
  if (auto status = select(); !status.ok()) return status;
  std::set<const LoadedPlugin*> plugins;
  for (const auto& stage : stages_) plugins.insert(stage.plugin);
  for (const auto* plugin : plugins) plugin->set_digest(cache_.file_digest(plugin->info().path));
  HttpSettings http;
  http.user_agent = std::string("quire/") + QUIRE_VERSION_STRING + " (research workflow engine)";
  http.run_clock = options_.run_clock;
  http_ = std::make_unique<HttpService>(cache_, http);
  previous_ = RunState::load(options_.run_dir / ".quire" / "state");
  next_ = previous_;
  {
    std::lock_guard<std::mutex> guard(observer_mutex_);
    observer_.run_started(workflow_.name, selected_, options_.dry_run);
  }
  LocalExecutor executor(options_.dry_run ? 1 : options_.jobs);
  for (size_t i : graph_.order())
    if (slots_[i].mode != Mode::kExcluded && slots_[i].deps_left == 0) ready_.insert(i);

  for (;;) {
    while (!ready_.empty()) {
      size_t i = *ready_.begin();
      ready_.erase(ready_.begin());
      decide(i);
    }
    if (interrupted_ && !cancelled_) {
      cancelled_ = true;
      stop_launching("run interrupted");
    }
    if (failed_ && !options_.keep_going)
      stop_launching("not started: an earlier stage failed (--keep-going runs independent stages)");
    submit_queued(executor);
    if (in_flight_ == 0) break;
    for (auto& completion : executor.poll(std::chrono::milliseconds(100))) {
      --in_flight_;
      finish(completion.stage, std::move(completion.outcome));
    }
  }

  RunResult result;
  for (const auto& slot : slots_) {
    if (slot.mode == Mode::kExcluded) continue;
    result.summary.count(slot.report.status);
    result.stages.push_back(slot.report);
  }
  auto& s = result.summary;
  s.exit = interrupted_   ? ExitCode::kInterrupted
           : s.not_cached ? ExitCode::kCacheMiss
           : s.failed     ? ExitCode::kStageFailed
                          : ExitCode::kOk;
  if (!options_.dry_run && s.ran > 0) cache_.sync();  // one flush for everything written
  if (!options_.dry_run && state_changed_) {
    auto error =
        next_.save(options_.run_dir / ".quire" / "state", options_.run_dir / ".quire" / "tmp");
    if (!error.empty()) {
      std::lock_guard<std::mutex> guard(observer_mutex_);
      observer_.stage_log("quire", LogLevel::kWarning, "cannot save run state: " + error);
    }
  }
  if (!options_.dry_run) write_record(s);
  {
    std::lock_guard<std::mutex> guard(observer_mutex_);
    observer_.run_finished(s);
  }
  return result;
}

}  // namespace quire
