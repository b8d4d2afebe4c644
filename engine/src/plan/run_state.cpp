#include "plan/run_state.hpp"

#include <sys/stat.h>

#include <charconv>

#include "util/digest.hpp"
#include "util/files.hpp"

namespace quire {

namespace {

constexpr std::string_view kHeader = "quire-state 2\n";

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (;;) {
    size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

template <class Int>
bool parse_int(std::string_view text, Int* out) {
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return error == std::errc() && end == text.data() + text.size();
}

// "name,kind,digest,size,mtime_ns" per output, ';' between outputs. Names are plain file names.
std::string outputs_line(const StageState& s) {
  std::string line;
  for (const auto& o : s.outputs) {
    auto f = s.files.count(o.name) ? s.files.at(o.name) : MaterialisedFile{};
    line += (line.empty() ? "" : ";") + o.name + "," +
            (o.kind == OutputKind::kJson ? "json" : "blob") + "," + o.digest + "," +
            std::to_string(o.size) + "," + std::to_string(f.mtime_ns);
  }
  return line;
}

bool parse_outputs(std::string_view text, StageState* s) {
  if (text.empty()) return true;
  for (auto item : split(text, ';')) {
    auto f = split(item, ',');
    OutputRecord o;
    MaterialisedFile file;
    if (f.size() != 5 || !parse_int(f[3], &o.size) || !parse_int(f[4], &file.mtime_ns))
      return false;
    o.name = std::string(f[0]);
    o.kind = f[1] == "json" ? OutputKind::kJson : OutputKind::kBlob;
    o.digest = std::string(f[2]);
    if (!is_safe_name(o.name) || digest_hex(o.digest).empty()) return false;
    file.digest = o.digest;
    file.size = o.size;
    s->files[o.name] = file;
    s->outputs.push_back(std::move(o));
  }
  return true;
}

// "count 3 -> 4, prefix added" for the top-level keys that differ.
std::string config_diff(const Json& before, const Json& after) {
  std::string out;
  auto add = [&](const std::string& text) { out += (out.empty() ? "" : ", ") + text; };
  for (const auto& [key, value] : after.items()) {
    if (!before.contains(key))
      add(key + " added");
    else if (before[key] != value)
      add(key + " " + canonical(before[key]) + " -> " + canonical(value));
  }
  for (const auto& [key, _] : before.items())
    if (!after.contains(key)) add(key + " removed");
  if (out.size() > 200) out = out.substr(0, 197) + "...";
  return out;
}

std::string inputs_diff(const Json& before, const Json& after) {
  std::string out;
  for (const auto& [stage, digest] : after.items())
    if (!before.contains(stage) || before[stage] != digest)
      out += std::string(out.empty() ? "" : ", ") + stage;
  return out.empty() ? "needs changed" : "from " + out;
}

}  // namespace

std::string StageHistory::to_text() const {
  return canonical({{"plugin_version", plugin_version},
                    {"plugin_digest", plugin_digest},
                    {"seed", seed},
                    {"config", config},
                    {"inputs", inputs}});
}

std::optional<StageHistory> StageHistory::from_text(const std::string& text) {
  Json j;
  std::string error;
  if (!parse_json(text, &j, &error)) return std::nullopt;
  try {
    return StageHistory{j.at("plugin_version").get<std::string>(),
                        j.at("plugin_digest").get<std::string>(), j.at("seed").get<std::string>(),
                        j.at("config"), j.at("inputs")};
  } catch (const Json::exception&) {
    return std::nullopt;
  }
}

RunState RunState::load(const std::filesystem::path& file) {
  RunState state;
  auto text = read_file(file);
  if (!text || text->compare(0, kHeader.size(), kHeader) != 0) return state;
  std::string_view rest(*text);
  rest.remove_prefix(kHeader.size());
  while (!rest.empty()) {
    auto nl = rest.find('\n');
    auto line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    auto fields = split(line, '\t');
    StageState s;
    if (fields.size() != 4 || !parse_outputs(fields[2], &s)) continue;  // a damaged line: "new"
    s.key = std::string(fields[1]);
    s.history = std::string(fields[3]);
    state.stages_[std::string(fields[0])] = std::move(s);
  }
  return state;
}

std::string RunState::save(const std::filesystem::path& file,
                           const std::filesystem::path& tmp_dir) const {
  std::string text(kHeader);
  for (const auto& [id, s] : stages_)
    text += id + "\t" + s.key + "\t" + outputs_line(s) + "\t" + s.history + "\n";
  return write_file_atomic(file, text, tmp_dir);
}

const StageState* RunState::find(const std::string& stage) const {
  auto it = stages_.find(stage);
  return it == stages_.end() ? nullptr : &it->second;
}

std::string explain_miss(const StageState* previous, const StageHistory& now) {
  if (previous == nullptr) return "new";
  auto before = StageHistory::from_text(previous->history);
  if (!before) return "no record of the previous run";
  if (before->plugin_version != now.plugin_version)
    return "plugin changed (version " + before->plugin_version + " -> " + now.plugin_version + ")";
  if (before->plugin_digest != now.plugin_digest) return "plugin changed (binary rebuilt)";
  if (before->config != now.config)
    return "config changed: " + config_diff(before->config, now.config);
  if (before->seed != now.seed) return "seed changed (params.seed)";
  if (before->inputs != now.inputs)
    return "input changed (" + inputs_diff(before->inputs, now.inputs) + ")";
  return "no cached result (cache cleared, collected or corrupt)";
}

std::optional<MaterialisedFile> stat_file(const std::filesystem::path& file) {
  struct stat st;
  if (::stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  MaterialisedFile f;
  f.size = static_cast<uint64_t>(st.st_size);
  f.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  return f;
}

}  // namespace quire
