// test-source: a network-facing source stage for engine tests. It "fetches" each item from a
// directory standing in for a server (config `remote`), memoising every item so that a
// --no-fresh run can replay it, and fails with a cache miss for an item it never fetched.
#include <fstream>
#include <quire/plugin.hpp>
#include <sstream>

namespace {

std::string json_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

class TestSource final : public quire::Stage {
 public:
  void run(quire::Context& ctx) override {
    int64_t count = ctx.get_int("count");
    std::string prefix = ctx.get_string("prefix");
    std::string remote = ctx.get_string("remote");
    std::string json = "[";
    for (int64_t i = 0; i < count; ++i) {
      ctx.check_cancelled();
      std::string id = prefix + "-" + std::to_string(i);
      std::string text = remote.empty() ? "text of " + id : fetch(ctx, remote, id);
      json += (i ? "," : "") + std::string("{\"id\":\"") + json_escape(id) + "\",\"text\":\"" +
              json_escape(text) + "\"}";
      ctx.progress(static_cast<uint64_t>(i + 1), static_cast<uint64_t>(count));
    }
    ctx.write_json("items.json", json + "]");
  }

 private:
  // Reads <remote>/<id>.txt when the network is allowed; otherwise replays the memo.
  static std::string fetch(quire::Context& ctx, const std::string& remote, const std::string& id) {
    std::string key = "fetch:" + remote + ":" + id;
    std::string text;
    if (!ctx.may_use_network()) {
      if (ctx.memo_get(key, &text)) return text;
      ctx.cache_miss("item " + id + " was never fetched from " + remote +
                     " (run without --no-fresh)");
    }
    std::ifstream in(remote + "/" + id + ".txt");
    if (!in) throw quire::StageError("cannot fetch " + id + " from " + remote);
    std::stringstream body;
    body << in.rdbuf();
    text = body.str();
    std::string error;
    if (!ctx.memo_put(key, text, &error)) throw quire::StageError(error);
    return text;
  }
};

constexpr quire_config_field kFields[] = {
    {"count", QUIRE_CONFIG_INT, 0, "3", "how many items"},
    {"prefix", QUIRE_CONFIG_STRING, 0, "\"item\"", "item ids are <prefix>-<n>"},
    {"remote", QUIRE_CONFIG_STRING, 0, "\"\"",
     "directory standing in for a server; empty: make text up"},
};

}  // namespace

QUIRE_PLUGIN(TestSource, "test-source", "1.0.0",
             "test items, optionally fetched from a fake remote", kFields, QUIRE_STAGE_NETWORK)
