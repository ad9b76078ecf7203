// A row of the bench table (bench/table.sh): when KIOSK_BENCH_TABLE names a file, each figure is
// appended to it as one tab-separated line — figure, kiosk, baseline, goal — for `make bench` to
// print as one table with the ratios and whether each goal is met.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace kiosk::bench {

// `goal` is one of: ratio<=X (kiosk / baseline), plus<=X (kiosk − baseline, in the figure's unit),
// value<=X or value<X (the kiosk's figure alone).
inline void addTableRow(std::string_view figure, double kiosk, double baseline, std::string_view goal) {
    const char* path = std::getenv("KIOSK_BENCH_TABLE");
    if (!path || !*path) return;
    if (std::FILE* f = std::fopen(path, "a")) {
        std::fprintf(f, "%.*s\t%.4f\t%.4f\t%.*s\n", static_cast<int>(figure.size()), figure.data(), kiosk, baseline,
                     static_cast<int>(goal.size()), goal.data());
        std::fclose(f);
    }
}

}  // namespace kiosk::bench
