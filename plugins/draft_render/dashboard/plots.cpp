#include "plots.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "html.hpp"

namespace quire::draft::dash {
namespace {

constexpr const char* kPalette[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
constexpr size_t kPaletteSize = sizeof kPalette / sizeof kPalette[0];
constexpr int kWarm[] = {0xb2, 0x18, 0x2b};  // ColorBrewer RdBu ends
constexpr int kCool[] = {0x21, 0x66, 0xac};

// Chart geometry (SVG user units; the page scales the SVG to its column).
constexpr double kWidth = 720, kHeight = 340;
constexpr double kLeft = 72, kRight = 536, kTop = 56, kBottom = 284;

std::string fixed(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", v);
  return buffer;
}

enum class Scale { kLinear, kLog, kLog1p };

// One axis: the data range in transformed units and the ticks in data units.
struct Axis {
  Scale scale = Scale::kLinear;
  double lo = 0, hi = 1;
  std::vector<double> ticks;

  double transform(double v) const {
    if (scale == Scale::kLog) return std::log10(v);
    if (scale == Scale::kLog1p) return std::log10(1 + v);
    return v;
  }
  bool shows(double v) const {
    return std::isfinite(v) && (scale != Scale::kLog || v > 0) &&
           (scale != Scale::kLog1p || v >= 0);
  }
  // Position of `v` between `from` (lo) and `to` (hi) in SVG units.
  double place(double v, double from, double to) const {
    return from + (transform(v) - lo) / (hi - lo) * (to - from);
  }
};

double nice_step(double raw) {
  double power = std::pow(10.0, std::floor(std::log10(raw)));
  double f = raw / power;
  return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * power;
}

// `integers`: the values are whole numbers (layers, steps), so are the ticks.
Axis linear_axis(double min, double max, bool integers = false) {
  Axis axis;
  double span = max - min;
  if (!(span > 1e-12 * std::max({std::fabs(min), std::fabs(max), 1e-300}))) {
    double pad = min == 0 ? 1 : std::fabs(min) * 0.01;
    min -= pad;
    max += pad;
  }
  double step = nice_step((max - min) / 5);
  if (integers) step = std::max(step, 1.0);
  axis.lo = std::floor(min / step) * step;
  axis.hi = std::ceil(max / step) * step;
  for (double t = axis.lo; t <= axis.hi + step / 2; t += step)
    axis.ticks.push_back(std::fabs(t) < step * 1e-9 ? 0 : t);
  return axis;
}

Axis log_axis(double min_positive, double max) {
  Axis axis;
  axis.scale = Scale::kLog;
  axis.lo = std::floor(std::log10(min_positive));
  axis.hi = std::max(std::ceil(std::log10(max)), axis.lo + 1);
  int every = static_cast<int>(std::ceil((axis.hi - axis.lo) / 8));
  for (double e = axis.lo; e <= axis.hi; e += every) axis.ticks.push_back(std::pow(10.0, e));
  return axis;
}

Axis log1p_axis(double max) {
  Axis axis;
  axis.scale = Scale::kLog1p;
  axis.lo = 0;
  double base = max <= 4096 ? 4 : 10;
  axis.ticks.push_back(0);
  double t = 1;
  for (; t < max * (1 + 1e-9); t *= base) axis.ticks.push_back(t);
  axis.hi = std::log10(1 + std::max(max, 1.0));
  return axis;
}

// Positive values that grow by at least half each step (0, 1, 2, 4, ... 1024): a log x axis.
bool geometric(const std::vector<double>& xs) {
  std::vector<double> positive;
  for (double x : xs)
    if (std::isfinite(x) && x > 0) positive.push_back(x);
  std::sort(positive.begin(), positive.end());
  positive.erase(std::unique(positive.begin(), positive.end()), positive.end());
  if (positive.size() < 4) return false;
  for (size_t i = 1; i < positive.size(); ++i)
    if (positive[i] < 1.5 * positive[i - 1]) return false;
  return true;
}

Axis x_axis(const std::vector<double>& xs) {
  double min = *std::min_element(xs.begin(), xs.end());
  double max = *std::max_element(xs.begin(), xs.end());
  if (min >= 0 && geometric(xs)) return log1p_axis(max);
  bool integers = std::all_of(xs.begin(), xs.end(), [](double x) { return x == std::round(x); });
  return linear_axis(min, max, integers);
}

Axis y_axis(const std::vector<double>& ys) {
  double min = *std::min_element(ys.begin(), ys.end());
  double max = *std::max_element(ys.begin(), ys.end());
  double min_positive = std::numeric_limits<double>::infinity();
  size_t non_positive = 0;
  for (double y : ys) {
    if (y > 0)
      min_positive = std::min(min_positive, y);
    else
      ++non_positive;
  }
  bool wide = max > 0 && std::isfinite(min_positive) && max / min_positive > 1e3;
  if (wide && non_positive * 10 <= ys.size()) return log_axis(min_positive, max);
  return linear_axis(min, max);
}

std::string text(double x, double y, const std::string& content, const std::string& attrs = "") {
  return "<text x=\"" + fixed(x) + "\" y=\"" + fixed(y) + "\"" + (attrs.empty() ? "" : " ") +
         attrs + ">" + escape(content) + "</text>";
}

std::string line(double x1, double y1, double x2, double y2, const std::string& cls) {
  return "<line class=\"" + cls + "\" x1=\"" + fixed(x1) + "\" y1=\"" + fixed(y1) + "\" x2=\"" +
         fixed(x2) + "\" y2=\"" + fixed(y2) + "\"/>";
}

std::string axes(const Axis& ax, const Axis& ay, const LineChart& chart) {
  std::string out;
  for (double t : ay.ticks) {
    double y = ay.place(t, kBottom, kTop);
    out += line(kLeft, y, kRight, y, "grid");
    out += text(kLeft - 6, y + 4, number(t, 3), "class=\"tick\" text-anchor=\"end\"");
  }
  for (double t : ax.ticks) {
    double x = ax.place(t, kLeft, kRight);
    out += line(x, kTop, x, kBottom, "grid");
    out += text(x, kBottom + 16, number(t, 4), "class=\"tick\" text-anchor=\"middle\"");
  }
  out += line(kLeft, kBottom, kRight, kBottom, "axis") + line(kLeft, kTop, kLeft, kBottom, "axis");
  std::string x_label = chart.x_label + (ax.scale == Scale::kLog1p ? " (log scale)" : "");
  std::string y_label = chart.y_label + (ay.scale == Scale::kLog ? " (log scale)" : "");
  out +=
      text((kLeft + kRight) / 2, kBottom + 40, x_label, "class=\"label\" text-anchor=\"middle\"");
  // The y label reads horizontally above the axis: long labels do not fit along it.
  out += text(8, kTop - 14, "\u2191 " + clip(y_label, 100), "class=\"label\"");
  return out;
}

std::string series_svg(const Series& s, size_t index, const Axis& ax, const Axis& ay) {
  std::string colour = kPalette[index % kPaletteSize];
  std::string dash = index >= kPaletteSize ? " stroke-dasharray=\"6 3\"" : "";
  std::string out, points, markers;
  size_t n = std::min(s.x.size(), s.y.size());
  auto flush = [&] {
    if (!points.empty())
      out += "<polyline fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"2\"" + dash +
             " points=\"" + points + "\"/>";
    points.clear();
  };
  for (size_t i = 0; i < n; ++i) {
    if (!ax.shows(s.x[i]) || !ay.shows(s.y[i])) {
      flush();
      continue;
    }
    std::string x = fixed(ax.place(s.x[i], kLeft, kRight));
    std::string y = fixed(ay.place(s.y[i], kBottom, kTop));
    points += (points.empty() ? "" : " ") + x + "," + y;
    if (n <= 40)
      markers += "<circle cx=\"" + x + "\" cy=\"" + y + "\" r=\"2.6\" fill=\"" + colour + "\"/>";
  }
  flush();
  double ly = kTop + 8 + 18.0 * index;
  out += markers + "<line x1=\"" + fixed(kRight + 16) + "\" y1=\"" + fixed(ly) + "\" x2=\"" +
         fixed(kRight + 40) + "\" y2=\"" + fixed(ly) + "\" stroke=\"" + colour +
         "\" stroke-width=\"3\"" + dash + "/>";
  out += text(kRight + 46, ly + 4, clip(s.name, 24), "class=\"legend\"");
  return out;
}

}  // namespace

std::string line_chart_svg(const LineChart& chart) {
  std::vector<double> xs, ys;
  for (const Series& s : chart.series)
    for (size_t i = 0; i < std::min(s.x.size(), s.y.size()); ++i)
      if (std::isfinite(s.x[i]) && std::isfinite(s.y[i])) {
        xs.push_back(s.x[i]);
        ys.push_back(s.y[i]);
      }
  if (xs.empty()) return "";
  Axis ax = x_axis(xs), ay = y_axis(ys);
  size_t hidden = 0;
  for (double y : ys) hidden += !ay.shows(y);
  std::string out = "<svg class=\"chart\" viewBox=\"0 0 " + fixed(kWidth) + " " + fixed(kHeight) +
                    "\" role=\"img\" aria-labelledby=\"" + chart.id + "-t\"><title id=\"" +
                    chart.id + "-t\">" + escape(chart.title) + "</title>";
  out += text(8, 20, clip(chart.title, 84), "class=\"title\"");
  if (hidden > 0)
    out += text(kWidth - 8, kBottom + 40, std::to_string(hidden) + " point(s) \u2264 0 not shown",
                "class=\"note\" text-anchor=\"end\"");
  out += axes(ax, ay, chart);
  for (size_t i = 0; i < chart.series.size(); ++i) out += series_svg(chart.series[i], i, ax, ay);
  return out + "</svg>";
}

namespace {

// White to red above 0, white to blue below, by |value| / `scale`.
std::string cell_colour(double value, double scale) {
  double t = std::clamp(std::fabs(value) / scale, 0.0, 1.0);
  const int* to = value >= 0 ? kWarm : kCool;
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x",
                static_cast<int>(std::lround(255 + t * (to[0] - 255))),
                static_cast<int>(std::lround(255 + t * (to[1] - 255))),
                static_cast<int>(std::lround(255 + t * (to[2] - 255))));
  return buffer;
}

}  // namespace

std::string heat_map_svg(const HeatMap& map) {
  size_t rows = map.values.size(), cols = 0;
  double scale = 0;
  for (const auto& row : map.values) {
    cols = std::max(cols, row.size());
    for (double v : row)
      if (std::isfinite(v)) scale = std::max(scale, std::fabs(v));
  }
  if (rows == 0 || cols == 0) return "";
  if (!(scale > 0)) scale = 1;
  double cell_w = cols > 8 ? 48 : 72, cell_h = rows > 8 ? 30 : 44;
  double left = 116, top = 62, grid_w = cols * cell_w, grid_h = rows * cell_h;
  double bar_x = left + grid_w + 28, bar_h = std::max(grid_h, 120.0);
  double width = std::max(bar_x + 24 + 70, 8 + 7.5 * map.title.size()),
         height = top + std::max(grid_h, bar_h) + 58;
  std::string out =
      "<svg class=\"heat\" viewBox=\"0 0 " + fixed(width) + " " + fixed(height) + "\" width=\"" +
      fixed(width) + "\" role=\"img\" aria-labelledby=\"" + map.id + "-t\"><title id=\"" + map.id +
      "-t\">" + escape(map.title) + "</title><defs><linearGradient id=\"" + map.id +
      "-g\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"1\"><stop offset=\"0\" stop-color=\"" +
      cell_colour(1, 1) + "\"/><stop offset=\"0.5\" stop-color=\"#ffffff\"/>" +
      "<stop offset=\"1\" stop-color=\"" + cell_colour(-1, 1) + "\"/></linearGradient></defs>";
  out += text(8, 20, map.title, "class=\"title\"");
  out += text(8, 40, "colour: " + map.value_label, "class=\"label small\"");
  for (size_t r = 0; r < rows; ++r) {
    double y = top + r * cell_h;
    std::string label = r < map.row_labels.size() ? map.row_labels[r] : std::to_string(r);
    out += text(left - 8, y + cell_h / 2 + 4, label, "class=\"tick\" text-anchor=\"end\"");
    for (size_t c = 0; c < map.values[r].size(); ++c) {
      double v = map.values[r][c];
      double x = left + c * cell_w;
      bool dark = std::isfinite(v) && std::fabs(v) / scale > 0.55;
      out += "<rect class=\"cell\" x=\"" + fixed(x) + "\" y=\"" + fixed(y) + "\" width=\"" +
             fixed(cell_w) + "\" height=\"" + fixed(cell_h) + "\" fill=\"" +
             (std::isfinite(v) ? cell_colour(v, scale) : std::string("#dddddd")) + "\"><title>" +
             escape(label) + ", " +
             escape(c < map.col_labels.size() ? map.col_labels[c] : std::to_string(c)) + ": " +
             number(v, 6) + "</title></rect>";
      out +=
          text(x + cell_w / 2, y + cell_h / 2 + 4, number(v, 2),
               std::string("class=\"cellv") + (dark ? " dark" : "") + "\" text-anchor=\"middle\"");
    }
  }
  for (size_t c = 0; c < cols; ++c)
    out += text(left + (c + 0.5) * cell_w, top + grid_h + 16,
                c < map.col_labels.size() ? map.col_labels[c] : std::to_string(c),
                "class=\"tick\" text-anchor=\"middle\"");
  out += text(left + grid_w / 2, top + grid_h + 40, map.col_axis,
              "class=\"label\" text-anchor=\"middle\"");
  out += text(0, 0, map.row_axis,
              "class=\"label\" text-anchor=\"middle\" transform=\"translate(18 " +
                  fixed(top + grid_h / 2) + ") rotate(-90)\"");
  out += "<rect x=\"" + fixed(bar_x) + "\" y=\"" + fixed(top) + "\" width=\"20\" height=\"" +
         fixed(bar_h) + "\" fill=\"url(#" + map.id + "-g)\" stroke=\"#888\"/>";
  out += text(bar_x + 26, top + 10, "+" + number(scale, 3), "class=\"tick\"");
  out += text(bar_x + 26, top + bar_h / 2 + 4, "0", "class=\"tick\"");
  out += text(bar_x + 26, top + bar_h, "\u2212" + number(scale, 3), "class=\"tick\"");
  return out + "</svg>";
}

}  // namespace quire::draft::dash
