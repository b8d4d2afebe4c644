// audit_report.md: the verdict and scores on top, then one table of findings per round.
#include "rounds.hpp"

namespace quire::audit {
namespace {

// A table cell: '|' escaped and line breaks flattened, so a message cannot break the table.
std::string cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n' || c == '\r')
      out += ' ';
    else
      out += c;
  }
  return out;
}

std::string value_text(const Json& v) {
  return v.is_null() ? "n/a" : v.is_string() ? v.get<std::string>() : v.dump();
}

}  // namespace

std::string render_markdown(const Json& report) {
  std::string md =
      "# Audit report\n\n**Verdict: " + report["verdict"].get<std::string>() + "**\n\n";
  // The draft can only state the verdict of rounds 1-7; say it when round 8 changed it.
  std::string before = report.value("verdict_before_draft", report["verdict"].get<std::string>());
  if (before != report["verdict"].get<std::string>())
    md += "Before round 8 read the draft: " + before + ".\n\n";
  for (const Json& reason : report["reasons"]) md += "- " + reason.get<std::string>() + "\n";
  md += "\n| score | value |\n|---|---|\n";
  for (const auto& [key, value] : report["scores"].items())
    md += "| " + key + " | " + value_text(value) + " |\n";
  for (const Json& round : report["rounds"]) {
    md += "\n## Round " + round["round"].dump() + ": " + round["title"].get<std::string>() + "\n\n";
    std::string numbers;
    for (const auto& [key, value] : round["summary"].items())
      numbers += (numbers.empty() ? "" : ", ") + key + " " + value_text(value);
    md += numbers + "\n\n";
    if (round["findings"].empty()) {
      md += "No findings.\n";
      continue;
    }
    md += "| severity | check | subject | message |\n|---|---|---|---|\n";
    for (const Json& f : round["findings"])
      md += "| " + f["severity"].get<std::string>() + " | " + f["check"].get<std::string>() +
            " | " + cell(value_text(f["subject"])) + " | " + cell(f["message"].get<std::string>()) +
            " |\n";
  }
  return md;
}

}  // namespace quire::audit
