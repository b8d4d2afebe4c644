#include <utility>

#include "html.hpp"
#include "plots.hpp"
#include "sections.hpp"

namespace quire::draft::dash {
namespace {

using nlohmann::json;

// Plain-text spellings in probes.json made readable.
std::string pretty(std::string label) {
  const std::pair<const char*, const char*> kSpellings[] = {
      {"sigma_1^2", "\u03c3\u2081\u00b2"},
      {"sum sigma_i^2", "\u03a3\u03c3\u1d62\u00b2"},
      {"R^2", "R\u00b2"}};
  for (const auto& [from, to] : kSpellings)
    for (size_t at = label.find(from); at != std::string::npos; at = label.find(from, at))
      label.replace(at, std::string(from).size(), to);
  return label;
}

// The unit of an axis, from what it measures.
std::string unit_of(const std::string& label) {
  auto has = [&](const char* word) { return label.find(word) != std::string::npos; };
  if (has("step")) return "optimizer steps";
  if (has("offset") || has("spread")) return "token positions";
  if (has("layer")) return "layer index";
  if (has("accuracy")) return "fraction correct";
  if (has("loss")) return "nats";
  if (has("sum sigma") && !has("/")) return "squared norm";
  if (has("attention")) return "attention weight";
  return "ratio, unitless";
}

std::string axis_label(const std::string& label) {
  return pretty(label) + " [" + unit_of(label) + "]";
}

// The part of every name after the last '/' when all share it ("rope/distance/loss" and
// "nope/distance/loss" -> "/loss"), so legends show what differs.
std::string common_suffix(const std::vector<const json*>& curves) {
  std::string first = text_of(*curves.front(), "name");
  size_t slash = first.rfind('/');
  if (slash == std::string::npos || curves.size() < 2) return "";
  std::string suffix = first.substr(slash);
  for (const json* c : curves) {
    std::string name = text_of(*c, "name");
    if (name.size() < suffix.size() ||
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
      return "";
  }
  return suffix;
}

std::vector<double> numbers(const json& list) {
  std::vector<double> out;
  if (!list.is_array()) return out;
  for (const json& v : list) out.push_back(v.is_number() ? v.get<double>() : NAN);
  return out;
}

std::string chart_title(const std::string& probe_id, const std::string& kind,
                        const std::string& x_label, const std::string& y_label) {
  if (kind == "deposit-pattern") return "Training curves: " + pretty(y_label) + " by " + x_label;
  if (kind == "rope-svd-dispersion" && y_label.find('/') != std::string::npos)
    return "SVD dispersion: " + pretty(y_label) + " by " + x_label;
  return probe_id + ": " + pretty(y_label) + " by " + x_label;
}

// One chart per (x label, y label) pair, in the order the curves come.
std::string curve_figures(const json& probe, const std::string& id, const std::string& kind,
                          int& serial) {
  std::vector<std::pair<std::string, std::string>> groups;
  std::vector<std::vector<const json*>> members;
  const json curves = probe.value("curves", json::array());  // members point into it
  if (!curves.is_array()) return "";
  for (const json& c : curves) {
    if (!c.is_object()) continue;
    std::pair<std::string, std::string> key{text_of(c, "x_label"), text_of(c, "y_label")};
    size_t g = 0;
    while (g < groups.size() && groups[g] != key) ++g;
    if (g == groups.size()) {
      groups.push_back(key);
      members.emplace_back();
    }
    members[g].push_back(&c);
  }
  std::string out;
  for (size_t g = 0; g < groups.size(); ++g) {
    LineChart chart;
    chart.id = "plot" + std::to_string(++serial);
    chart.title = chart_title(id, kind, groups[g].first, groups[g].second);
    chart.x_label = axis_label(groups[g].first);
    chart.y_label = axis_label(groups[g].second);
    std::string suffix = common_suffix(members[g]);
    for (const json* c : members[g]) {
      std::string name = text_of(*c, "name");
      chart.series.push_back({name.substr(0, name.size() - suffix.size()),
                              numbers(c->value("x", json())), numbers(c->value("y", json()))});
    }
    std::string svg = line_chart_svg(chart);
    out += "<figure>" +
           (svg.empty() ? "<p class=\"empty\">" + escape(chart.title) +
                              ": no finite points were recorded.</p>"
                        : svg) +
           "</figure>";
  }
  return out;
}

std::string table_figures(const json& probe, const std::string& id, int& serial) {
  std::string out;
  for (const json& t : probe.value("tables", json::array())) {
    if (!t.is_object()) continue;
    HeatMap map;
    map.id = "plot" + std::to_string(++serial);
    std::string name = text_of(t, "name");
    bool ablation = name.size() >= 13 && name.compare(name.size() - 13, 13, "ablation_drop") == 0;
    map.title =
        ablation ? "Ablation drop, " + name.substr(0, name.size() - 14) + " (layers \u00d7 heads)"
                 : id + ": " + name;
    for (const json& l : t.value("row_labels", json::array()))
      map.row_labels.push_back(l.is_string() ? l.get<std::string>() : l.dump());
    for (const json& l : t.value("col_labels", json::array()))
      map.col_labels.push_back(l.is_string() ? l.get<std::string>() : l.dump());
    for (const json& row : t.value("values", json::array())) map.values.push_back(numbers(row));
    map.row_axis = ablation ? "layer [index]" : "row";
    map.col_axis = ablation ? "head zeroed [index within the layer]" : "column";
    map.value_label = ablation ? "accuracy drop [fraction of test examples]" : "value";
    std::string svg = heat_map_svg(map);
    out += "<figure>" +
           (svg.empty() ? "<p class=\"empty\">" + escape(map.title) + ": the table is empty.</p>"
                        : svg) +
           "</figure>";
  }
  return out;
}

std::string verdicts_table(const json& verdicts) {
  std::string out =
      "<table class=\"verdicts\"><thead><tr><th>claim</th><th>probe</th><th>verdict</th>"
      "<th>measured</th><th>expected</th><th>reason</th></tr></thead><tbody>";
  for (const json& v : verdicts) {
    if (!v.is_object()) continue;
    std::string verdict = text_of(v, "verdict");
    double measured = number_of(v, "measured");
    out += "<tr><td><span class=\"mono\">" + escape(text_of(v, "id")) +
           "</span><div class=\"ptitle\">" + escape(text_of(v, "statement")) +
           "</div></td><td class=\"mono\">" + escape(text_of(v, "probe")) +
           "</td><td><span class=\"badge st-" + css_token(verdict) + "\">" + escape(verdict) +
           "</span></td><td class=\"num\">" +
           (std::isnan(measured) ? "—" : escape(number(measured, 4))) + "</td><td class=\"mono\">" +
           escape(text_of(v, "expectation")) + "</td><td>" + escape(text_of(v, "reason")) +
           "</td></tr>";
  }
  return out + "</tbody></table>";
}

std::string probe_html(const json& probe, int& serial) {
  std::string id = text_of(probe, "id"), kind = text_of(probe, "probe"),
              status = text_of(probe, "status");
  std::string device;
  if (probe.contains("device") && probe["device"].is_object())
    device = text_of(probe["device"], "name");
  std::string out = "<h3>" + escape(id) + " <small>" + escape(kind) + " · " + escape(status) +
                    (device.empty() ? "" : " · " + escape(device)) + "</small></h3>";
  std::string error = text_of(probe, "error");
  if (!error.empty()) out += "<p class=\"reason\">The probe failed: " + escape(error) + "</p>";
  for (const json& n : probe.value("notes", json::array()))
    if (n.is_string()) out += "<p class=\"summary\">Note: " + escape(n.get<std::string>()) + "</p>";
  std::string figures = curve_figures(probe, id, kind, serial) + table_figures(probe, id, serial);
  if (figures.empty())
    return out + "<p class=\"empty\">This probe recorded no curves or tables to plot.</p>";
  return out + "<div class=\"figs\">" + figures + "</div>";
}

}  // namespace

std::string probes_section(const Model& model) {
  std::string out = "<section class=\"block\" id=\"probes\"><h2>Probes</h2>";
  if (!model.probes.is_object())
    return out +
           "<p class=\"empty\">No probes.json among the inputs: this run measured nothing on a "
           "model.</p></section>\n";
  json verdicts = model.probes.value("verdicts", json::array());
  if (verdicts.is_array() && !verdicts.empty())
    out += verdicts_table(verdicts);
  else
    out += "<p class=\"empty\">The probes test no claims.</p>";
  int serial = 0;
  const json& probes = model.probes["probes"];
  if (probes.empty()) out += "<p class=\"empty\">probes.json lists no probes.</p>";
  for (const json& p : probes)
    if (p.is_object()) out += probe_html(p, serial);
  return out + "</section>\n";
}

}  // namespace quire::draft::dash
