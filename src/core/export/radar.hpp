// The radar chart of domain scores against their targets, as geometry only. The HTML report draws
// it as inline SVG and the PDF report with Cairo paths, both from these points, so the two
// drawings cannot disagree.
#pragma once

#include <string>
#include <vector>

namespace kiosk::exporting {

struct RadarAxis {
    std::string label;
    double score = 0;   // 0–100
    double target = 0;  // 0–100
};

struct RadarPoint {
    double x = 0, y = 0;
};

// Where an axis label sits and which way its text runs from that point.
enum class HAlign { Start, Middle, End };
enum class VAlign { Top, Middle, Bottom };
struct RadarLabel {
    RadarPoint at;
    HAlign h = HAlign::Middle;
    VAlign v = VAlign::Middle;
};

struct RadarGeometry {
    RadarPoint centre;
    double radius = 0;
    std::vector<int> ringValues;                  // 25, 50, 75, 100
    std::vector<std::vector<RadarPoint>> rings;   // one polygon per ring value
    std::vector<RadarPoint> spokes;               // the outer end of each axis
    std::vector<RadarPoint> scores;               // one point per axis
    std::vector<RadarPoint> targets;
    std::vector<RadarLabel> labels;
};

// Axis i points at -90° + 360°·i/n (the first straight up, then clockwise in screen coordinates,
// y growing downwards). Values are clamped to 0–100; a value of v sits at radius·v/100. Labels sit
// `labelGap` beyond the outer ring.
RadarGeometry radarGeometry(const std::vector<RadarAxis>& axes, double cx, double cy, double radius, double labelGap);

}  // namespace kiosk::exporting
