// test-transform: rewrites every item of every upstream items.json, memoising per item, with
// knobs tests need (a delay to kill it mid-stage, a forced failure).
#include <algorithm>
#include <cctype>
#include <chrono>
#include <quire/plugin.hpp>
#include <thread>

namespace {

// The test plugins keep to the SDK alone: a tiny reader for the flat items.json they write.
std::vector<std::pair<std::string, std::string>> parse_items(const std::string& json) {
  std::vector<std::pair<std::string, std::string>> items;
  auto field = [&](size_t from, const char* name, size_t* end) {
    std::string tag = std::string("\"") + name + "\":\"";
    size_t start = json.find(tag, from);
    if (start == std::string::npos) return std::string();
    start += tag.size();
    std::string value;
    size_t i = start;
    for (; i < json.size() && json[i] != '"'; ++i) {
      if (json[i] == '\\' && i + 1 < json.size()) ++i;
      value += json[i];
    }
    *end = i;
    return value;
  };
  size_t pos = 0, end = 0;
  while ((pos = json.find("{", pos)) != std::string::npos) {
    auto id = field(pos, "id", &end);
    auto text = field(pos, "text", &end);
    items.emplace_back(id, text);
    pos = end;
  }
  return items;
}

std::string apply(const std::string& op, const std::string& suffix, std::string text) {
  if (op == "upper")
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return std::toupper(c); });
  else if (op == "reverse")
    std::reverse(text.begin(), text.end());
  else if (op == "suffix")
    text += suffix;
  else
    throw quire::StageError("unknown op '" + op + "' (upper, reverse, suffix)");
  return text;
}

class TestTransform final : public quire::Stage {
 public:
  void run(quire::Context& ctx) override {
    if (ctx.get_bool("fail")) throw quire::StageError(ctx.get_string("fail_message"));
    std::string op = ctx.get_string("op"), suffix = ctx.get_string("suffix");
    int64_t sleep_ms = ctx.get_int("sleep_ms");
    std::string json = "[";
    size_t n = 0, computed = 0;
    for (const auto& input : ctx.inputs_named("items.json")) {
      for (const auto& [id, text] : parse_items(ctx.read(input.stage, input.name))) {
        ctx.check_cancelled();
        std::string out = ctx.memoize("item:" + op + ":" + suffix + ":" + text, [&] {
          ++computed;
          if (sleep_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(sleep_ms));
          return apply(op, suffix, text);
        });
        json += (n++ ? "," : "") + std::string("{\"id\":\"") + id + "\",\"text\":\"" + out + "\"}";
      }
    }
    ctx.write_json("items.json", json + "]");
    ctx.info(std::to_string(n) + " items, " + std::to_string(computed) + " computed, " +
             std::to_string(n - computed) + " memoised");
  }
};

constexpr quire_config_field kFields[] = {
    {"op", QUIRE_CONFIG_STRING, 0, "\"upper\"", "upper, reverse or suffix"},
    {"suffix", QUIRE_CONFIG_STRING, 0, "\"\"", "text appended by op = suffix"},
    {"sleep_ms", QUIRE_CONFIG_INT, 0, "0", "delay per computed item, for kill tests"},
    {"fail", QUIRE_CONFIG_BOOL, 0, "false", "throw instead of running"},
    {"fail_message", QUIRE_CONFIG_STRING, 0, "\"asked to fail\"", "the error when fail = true"},
};

}  // namespace

QUIRE_PLUGIN(TestTransform, "test-transform", "1.0.0", "rewrites items, memoised per item", kFields,
             0)
