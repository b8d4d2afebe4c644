// The dashboard's plots as inline SVG, drawn here (no charting library, nothing fetched): line
// charts for probe curves and heat maps for layer x head tables.
#pragma once

#include <string>
#include <vector>

namespace quire::draft::dash {

struct Series {
  std::string name;
  std::vector<double> x, y;
};

// One chart: every series shares the axes. Labels are plain text (escaped when drawn); units go
// in the labels.
struct LineChart {
  std::string id;  // unique in the page: prefixes the SVG's element ids
  std::string title, x_label, y_label;
  std::vector<Series> series;
};

// An SVG <svg> element for `chart`. The x axis is logarithmic (log(1 + x)) when the positive x
// values grow geometrically, the y axis logarithmic when the positive values span more than
// three decades (non-positive points are then left out and the chart says how many). Empty
// when no series has a finite point.
std::string line_chart_svg(const LineChart& chart);

struct HeatMap {
  std::string id;
  std::string title, row_axis, col_axis, value_label;
  std::vector<std::string> row_labels, col_labels;
  std::vector<std::vector<double>> values;  // rows x cols
};

// An SVG <svg> element: one cell per value, a diverging colour scale centred on 0 (red above,
// blue below) with its colour bar, each cell labelled with its value. Empty when there is no
// cell.
std::string heat_map_svg(const HeatMap& map);

}  // namespace quire::draft::dash
