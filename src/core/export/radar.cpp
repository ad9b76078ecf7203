#include "export/radar.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace kiosk::exporting {
namespace {

// Within this of zero, a cosine or sine counts as "straight": the label is centred on that side.
constexpr double kStraight = 0.26;  // about 15°

double clampScore(double v) { return std::isfinite(v) ? std::clamp(v, 0.0, 100.0) : 0.0; }

}  // namespace

RadarGeometry radarGeometry(const std::vector<RadarAxis>& axes, double cx, double cy, double radius, double labelGap) {
    RadarGeometry g;
    g.centre = {cx, cy};
    g.radius = radius;
    g.ringValues = {25, 50, 75, 100};
    const std::size_t n = axes.size();
    if (n == 0) return g;

    std::vector<double> cosines(n), sines(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double angle = -std::numbers::pi / 2 + 2 * std::numbers::pi * static_cast<double>(i) / static_cast<double>(n);
        cosines[i] = std::cos(angle);
        sines[i] = std::sin(angle);
    }
    const auto at = [&](std::size_t i, double value) {
        const double r = radius * clampScore(value) / 100;
        return RadarPoint{cx + r * cosines[i], cy + r * sines[i]};
    };

    for (int value : g.ringValues) {
        std::vector<RadarPoint> ring;
        for (std::size_t i = 0; i < n; ++i) ring.push_back(at(i, value));
        g.rings.push_back(std::move(ring));
    }
    for (std::size_t i = 0; i < n; ++i) {
        g.spokes.push_back(at(i, 100));
        g.scores.push_back(at(i, axes[i].score));
        g.targets.push_back(at(i, axes[i].target));
        RadarLabel label;
        label.at = {cx + (radius + labelGap) * cosines[i], cy + (radius + labelGap) * sines[i]};
        label.h = cosines[i] > kStraight ? HAlign::Start : cosines[i] < -kStraight ? HAlign::End : HAlign::Middle;
        label.v = sines[i] > kStraight ? VAlign::Top : sines[i] < -kStraight ? VAlign::Bottom : VAlign::Middle;
        g.labels.push_back(label);
    }
    return g;
}

}  // namespace kiosk::exporting
