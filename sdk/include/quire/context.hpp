// The context a stage runs in: its config, inputs, outputs, per-item memo, clock, RNG and
// logging. The engine implements the virtual functions; the inline helpers below them are
// compiled into the plugin and are what stage code normally calls.
//
// Boundary contract: every virtual function is noexcept and reports failure by return value,
// so no exception ever travels from engine to plugin. The helpers turn failures into
// quire::StageError exceptions *inside the plugin*; the boundary in plugin.hpp catches them
// before control returns to the engine. Only standard-library types cross; the engine refuses
// plugins built against another standard library (see abi.h).
#pragma once

#include <quire/abi.h>

#include <cstdint>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace quire {

// A failure the stage reports; its message becomes the stage's error in the run record.
class StageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The stage needed something that only the network has while the run is `--no-fresh`.
// The engine ends the run with exit code 3 and names the stage and `what()`.
class CacheMiss : public StageError {
 public:
  using StageError::StageError;
};

// The run was cancelled (Ctrl-C, or another stage failed without --keep-going).
class Cancelled : public StageError {
 public:
  using StageError::StageError;
};

enum class LogLevel { kDebug = 0, kInfo = 1, kWarning = 2, kError = 3 };

// JSON outputs are checked and canonicalised by the engine; blobs are stored as given.
enum class OutputKind { kJson = 0, kBlob = 1 };

// One output of an upstream stage that this stage may read.
struct InputRef {
  std::string stage;  // the upstream stage id (a name in this stage's `needs`)
  std::string name;   // the output's name, e.g. "papers.json"
  OutputKind kind = OutputKind::kJson;
  std::string digest;  // "sha256:<hex>" of the bytes
};

// A config value as the engine hands it over; which member is set depends on the type asked.
struct ConfigValue {
  std::string text;
  int64_t integer = 0;
  double number = 0.0;
  bool boolean = false;
  std::vector<std::string> strings;
};

// One GET through the engine's HTTP client (libcurl): politeness per host, retries with backoff
// honouring Retry-After, bounded redirects, gzip, size and time limits, and a record of every
// response in the cache so that a --no-fresh run replays it byte for byte. Zero / -1 fields take
// the engine's defaults (docs/http.md).
struct HttpRequest {
  std::string url;                                           // http:// or https://
  std::vector<std::pair<std::string, std::string>> headers;  // extra request headers
  // The resource never changes (a versioned PDF): a recorded good response is reused without
  // asking the network, even on a fresh run.
  bool immutable = false;
  // The body must be a complete PDF (starts with "%PDF-", has "%%EOF" near its end); anything
  // else is an error and is not recorded as good.
  bool expect_pdf = false;
  uint64_t max_bytes = 0;  // 0: engine default (256 MiB)
  int64_t timeout_ms = 0;  // whole transfer; 0: engine default (120 s)
  int64_t min_interval_ms =
      -1;                // between calls to this host; -1: default (3000 for export.arxiv.org)
  int max_retries = -1;  // on 429, 5xx, timeouts, resets; -1: default (4)
  int64_t retry_base_ms = -1;  // first backoff, doubled each retry, with jitter; -1: default (1000)
};

struct HttpResponse {
  int status = 0;   // HTTP status; 0 when no response arrived
  std::string url;  // final URL after redirects
  std::string content_type;
  std::string body;
  std::string body_digest;    // "sha256:<hex>" of body
  bool replayed = false;      // served from the recorded response, not the network
  int attempts = 0;           // requests made (0 when replayed)
  std::string error;          // why there is no usable response (empty when there is one)
  bool not_recorded = false;  // the network was not allowed and nothing was recorded for it
};

class Context {
 public:
  virtual ~Context() = default;

  // ---- Implemented by the engine. All noexcept; failures come back as values. ----

  // The stage id from the workflow, e.g. "fetch".
  virtual const std::string& stage_id() const noexcept = 0;
  // False under --no-fresh: the stage must not open any network connection.
  virtual bool may_use_network() const noexcept = 0;
  // True once the run is being cancelled; long loops should check it.
  virtual bool cancelled() const noexcept = 0;
  // The run clock, seconds since the Unix epoch: SOURCE_DATE_EPOCH when set, else the run's
  // start. The same value for every stage of a run.
  virtual int64_t run_clock() const noexcept = 0;
  // A seed derived from the workflow's `params.seed` and the stage id; stable across runs.
  virtual uint64_t seed() const noexcept = 0;
  // The stage's resolved config (defaults filled in) as canonical JSON.
  virtual const std::string& config_json() const noexcept = 0;
  // Looks up a dotted key ("a.b") as `type`. On failure returns false and sets `error` to a
  // message naming the stage and the key.
  virtual bool config_get(std::string_view key, quire_config_type type, ConfigValue* out,
                          std::string* error) const noexcept = 0;
  // True when the key is present (after defaults).
  virtual bool config_has(std::string_view key) const noexcept = 0;

  // Every output of every stage in `needs`, ordered by stage (as listed) then output name.
  virtual std::vector<InputRef> inputs() const noexcept = 0;
  // Reads one upstream output; the engine verifies its digest first.
  virtual bool read_input(std::string_view stage, std::string_view name, std::string* bytes,
                          std::string* error) const noexcept = 0;
  // Publishes an output. Names are plain file names ([A-Za-z0-9._-], no leading dot).
  // Writing the same name twice replaces the earlier bytes.
  virtual bool write_output(std::string_view name, OutputKind kind, std::string_view bytes,
                            std::string* error) noexcept = 0;

  // Per-item memo: values survive across runs, keyed by this plugin's identity plus `key`.
  // The key must contain everything the value depends on (e.g. a PDF digest and settings).
  virtual bool memo_get(std::string_view key, std::string* value) const noexcept = 0;
  virtual bool memo_put(std::string_view key, std::string_view value,
                        std::string* error) noexcept = 0;

  virtual void log(LogLevel level, std::string_view message) noexcept = 0;
  // Items done out of total, for the progress line.
  virtual void progress(uint64_t done, uint64_t total) noexcept = 0;

  // GET `request.url`. Returns true when a response arrived or was replayed (any status: the
  // caller judges it); false with `response->error` when none could be had. Under --no-fresh
  // only recorded responses are served (`not_recorded` when there is none). Thread-safe: a
  // stage may download in parallel; politeness is kept per host. (ABI 1.1)
  virtual bool http_get(const HttpRequest& request, HttpResponse* response) noexcept = 0;

  // ---- Helpers compiled into the plugin. They throw StageError (or a subclass). ----

  std::string get_string(std::string_view key) const { return get(key, QUIRE_CONFIG_STRING).text; }
  int64_t get_int(std::string_view key) const { return get(key, QUIRE_CONFIG_INT).integer; }
  double get_float(std::string_view key) const { return get(key, QUIRE_CONFIG_FLOAT).number; }
  bool get_bool(std::string_view key) const { return get(key, QUIRE_CONFIG_BOOL).boolean; }
  std::vector<std::string> get_strings(std::string_view key) const {
    return get(key, QUIRE_CONFIG_STRING_LIST).strings;
  }
  // A path setting made usable from anywhere: relative to the workflow file when written there,
  // to the current directory when given with --set; absolute paths, URLs ("scheme://...") and
  // the empty string come back as written. get_string() gives the text as written, which is
  // what a stage should record in its outputs. (ABI 1.2)
  std::string get_path(std::string_view key) const { return get(key, QUIRE_CONFIG_PATH).text; }

  // Reads an upstream output or throws.
  std::string read(std::string_view stage, std::string_view name) const {
    std::string bytes, error;
    if (!read_input(stage, name, &bytes, &error)) throw StageError(error);
    return bytes;
  }
  // The upstream outputs called `name`, one per upstream stage that produced it.
  std::vector<InputRef> inputs_named(std::string_view name) const {
    std::vector<InputRef> found;
    for (auto& ref : inputs())
      if (ref.name == name) found.push_back(ref);
    return found;
  }

  void write_json(std::string_view name, std::string_view json) {
    write(name, OutputKind::kJson, json);
  }
  void write_blob(std::string_view name, std::string_view bytes) {
    write(name, OutputKind::kBlob, bytes);
  }

  // Returns the memoised value for `key`, computing and storing it on a miss.
  template <class Compute>
  std::string memoize(std::string_view key, Compute&& compute) {
    std::string value;
    if (memo_get(key, &value)) return value;
    value = compute();
    std::string error;
    if (!memo_put(key, value, &error)) throw StageError(error);
    return value;
  }

  // A generator for one named stream of randomness; same seed, same numbers, every run.
  std::mt19937_64 rng(std::string_view stream = "") const {
    uint64_t h = 1469598103934665603ull;  // FNV-1a, so streams differ but stay stable
    for (unsigned char c : stream) h = (h ^ c) * 1099511628211ull;
    return std::mt19937_64(seed() ^ h);
  }

  // http_get that throws: CacheMiss when --no-fresh has no record of the request, StageError
  // naming the URL when no response could be had. Any HTTP status is returned.
  HttpResponse get(const HttpRequest& request) {
    HttpResponse response;
    if (http_get(request, &response)) return response;
    // The engine's messages name the request ("GET <url>: ..."); the prefix is added only to one
    // that does not.
    std::string what = response.error.find(request.url) != std::string::npos
                           ? response.error
                           : "GET " + request.url + ": " + response.error;
    if (response.not_recorded) throw CacheMiss(what);
    throw StageError(what);
  }
  HttpResponse get(const std::string& url) {
    HttpRequest request;
    request.url = url;
    return get(request);
  }

  void check_cancelled() const {
    if (cancelled()) throw Cancelled("stage '" + stage_id() + "' cancelled");
  }
  [[noreturn]] void cache_miss(const std::string& what) const { throw CacheMiss(what); }

  void debug(std::string_view message) { log(LogLevel::kDebug, message); }
  void info(std::string_view message) { log(LogLevel::kInfo, message); }
  void warn(std::string_view message) { log(LogLevel::kWarning, message); }

 private:
  ConfigValue get(std::string_view key, quire_config_type type) const {
    ConfigValue value;
    std::string error;
    if (!config_get(key, type, &value, &error)) throw StageError(error);
    return value;
  }
  void write(std::string_view name, OutputKind kind, std::string_view bytes) {
    std::string error;
    if (!write_output(name, kind, bytes, &error)) throw StageError(error);
  }
};

}  // namespace quire
