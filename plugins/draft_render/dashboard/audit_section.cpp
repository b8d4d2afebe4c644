#include "html.hpp"
#include "sections.hpp"

namespace quire::draft::dash {
namespace {

using nlohmann::json;

std::string badge(const std::string& prefix, const std::string& value) {
  return "<span class=\"badge " + prefix + css_token(value) + "\">" + escape(value) + "</span>";
}

// "name value" pairs of a flat JSON object (nested values are skipped).
std::string pairs(const json& object) {
  std::string out;
  if (!object.is_object()) return out;
  for (const auto& [key, value] : object.items()) {
    if (value.is_structured()) continue;
    std::string v = value.is_string() ? value.get<std::string>() : value.dump();
    out += "<span>" + escape(key) + " <b>" + escape(v) + "</b></span>";
  }
  return out;
}

std::string round_html(const json& round) {
  std::string number = text_of(round, "round");
  if (number.empty()) number = text_of(round, "number");
  std::string out = "<div class=\"round\"><h3>Round " + escape(number) + ": " +
                    escape(text_of(round, "title")) + " <small>" + escape(text_of(round, "name")) +
                    "</small></h3>";
  std::string summary = pairs(round.value("summary", json()));
  if (!summary.empty()) out += "<div class=\"scores summary\">" + summary + "</div>";
  json findings = round.value("findings", json::array());
  if (!findings.is_array() || findings.empty())
    return out + "<p class=\"empty\">No findings.</p></div>";
  out +=
      "<table class=\"findings\"><thead><tr><th>severity</th><th>check</th><th>subject</th>"
      "<th>message</th></tr></thead><tbody>";
  for (const json& f : findings) {
    if (!f.is_object()) continue;
    out += "<tr><td>" + badge("sev-", text_of(f, "severity")) + "</td><td class=\"mono\">" +
           escape(text_of(f, "check")) + "</td><td class=\"mono\">" +
           escape(text_of(f, "subject")) + "</td><td>" + escape(text_of(f, "message")) +
           "</td></tr>";
  }
  return out + "</tbody></table></div>";
}

}  // namespace

std::string audit_section(const Model& model) {
  std::string out = "<section class=\"block\" id=\"audit\"><h2>Audit</h2>";
  if (!model.audit.is_object())
    return out + "<p class=\"empty\">No audit report among the inputs.</p></section>\n";
  const json& audit = model.audit;
  std::string verdict = text_of(audit, "verdict");
  out += "<p>Verdict: <span class=\"verdict v-" + css_token(verdict) + "\">" + escape(verdict) +
         "</span></p>";
  json reasons = audit.value("reasons", json::array());
  if (reasons.is_array() && !reasons.empty()) {
    out += "<ul class=\"reasons\">";
    for (const json& r : reasons)
      out += "<li>" + escape(r.is_string() ? r.get<std::string>() : r.dump()) + "</li>";
    out += "</ul>";
  }
  out += "<div class=\"scores\">" + pairs(audit.value("scores", json())) + "</div>";
  for (const json& round : audit["rounds"])
    if (round.is_object()) out += round_html(round);
  return out + "</section>\n";
}

}  // namespace quire::draft::dash
