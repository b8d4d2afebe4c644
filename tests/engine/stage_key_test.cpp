// Cache keys and canonical JSON: same meaning, same bytes; any real change, a new key.
#include "plan/stage_key.hpp"

#include <gtest/gtest.h>

#include "plugin/registry.hpp"
#include "util/json.hpp"
#include "util/json_text.hpp"

namespace quire {
namespace {

TEST(CanonicalJsonTest, SortsKeysAndDropsWhitespace) {
  EXPECT_EQ(canonical(Json::parse(R"({ "b": 1, "a": [true, null, 1.5], "é": "ü" })")),
            R"({"a":[true,null,1.5],"b":1,"é":"ü"})");
  EXPECT_EQ(canonical(Json::parse(R"({"x":{"z":1,"y":2}})")),
            canonical(Json::parse(R"({"x":{"y":2,"z":1}})")));
}

TEST(CanonicalJsonTest, RejectsInvalidInputWithAMessage) {
  Json out;
  std::string error;
  EXPECT_FALSE(parse_json("{\"a\": }", &out, &error));
  EXPECT_NE(error.find("parse error"), std::string::npos);
}

TEST(JsonTextTest, HandWrittenStringsAndNumbersMatchCanonical) {
  for (std::string text :
       {std::string("plain"), std::string("quote \" back \\ slash"), std::string("tab\tnl\ncr\r"),
        std::string("ctl \x01\x1f"), std::string("utf-8 \xc3\xa9\xe2\x80\x94"), std::string()})
    EXPECT_EQ(json_quoted(text), canonical(Json(text))) << text;
  for (double value : {0.0, 1.0, 2.5, 0.1, 1234.567, 1e-7})
    EXPECT_EQ(Json::parse(number_text(value)).get<double>(), value);
  EXPECT_EQ(number_text(3.0), "3.0");
}

class StageKeyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    registry_ = new PluginRegistry(PluginRegistry::discover({QUIRE_TEST_PLUGINS}));
  }
  static void TearDownTestSuite() { delete registry_; }
  const LoadedPlugin& plugin(const char* name) { return *registry_->find(name); }
  static PluginRegistry* registry_;
};

PluginRegistry* StageKeyTest::registry_ = nullptr;

TEST_F(StageKeyTest, CoversPluginConfigAndInputDigests) {
  const auto& transform = plugin("test-transform");
  std::vector<DepOutputs> inputs = {
      {"src", {{"items.json", OutputKind::kJson, "sha256:" + std::string(64, '1'), 2}}}};
  auto base = compute_stage_key(transform, canonical(Json::parse(R"({"op":"upper","suffix":""})")),
                                inputs, 7);
  EXPECT_EQ(base.key.size(), 64u);

  auto reordered = compute_stage_key(
      transform, canonical(Json::parse(R"({"suffix":"","op":"upper"})")), inputs, 7);
  EXPECT_EQ(reordered.key, base.key);

  auto other_config = compute_stage_key(
      transform, canonical(Json::parse(R"({"op":"reverse","suffix":""})")), inputs, 7);
  EXPECT_NE(other_config.key, base.key);

  auto other_input = inputs;
  other_input[0].outputs[0].digest = "sha256:" + std::string(64, '2');
  EXPECT_NE(compute_stage_key(transform, canonical(Json::parse(R"({"op":"upper","suffix":""})")),
                              other_input, 7)
                .key,
            base.key);

  auto other_plugin = compute_stage_key(
      plugin("test-report"), canonical(Json::parse(R"({"op":"upper","suffix":""})")), inputs, 7);
  EXPECT_NE(other_plugin.key, base.key);
  EXPECT_NE(compute_stage_key(transform, canonical(Json::parse(R"({"op":"upper","suffix":""})")),
                              inputs, 8)
                .key,
            base.key);
  auto parts = Json::parse(base.text);
  EXPECT_EQ(canonical(parts), base.text);  // the hand-built text is canonical JSON
  EXPECT_EQ(parts["schema"], kKeySchemaVersion);
  EXPECT_EQ(parts["plugin"]["digest"], transform.digest());
  EXPECT_EQ(parts["inputs"]["src"]["items.json"], inputs[0].outputs[0].digest);
}

}  // namespace
}  // namespace quire
