// A synthetic region for trying the regional store and measuring it: N fictional facilities, each
// with a plausible profile (kind, beds, systems), several scored measures assessments that improve
// over time from a level of its own, and staffing counts, written as signed facility bundles the
// way their kiosks would write them. The same seed gives the same region (names, answers, order).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "questionnaire/loader.hpp"
#include "scoring/policy.hpp"
#include "util/result.hpp"

namespace kiosk::region {

struct SyntheticOptions {
    int facilities = 30;
    int assessments = 4;        // measures assessments per facility (each with its profile)
    std::uint64_t seed = 1;
    std::filesystem::path out;  // folder for the bundles (facility-0001.json, …)
    std::vector<std::string> prefectures;  // JIS codes to spread the facilities over; empty: all 47
};

// Writes the bundles; returns their paths in order. Progress after each facility, when given.
Result<std::vector<std::filesystem::path>> writeSyntheticRegion(const SyntheticOptions& options, const questionnaire::Catalog& catalog,
                                                                const scoring::Policy& policy,
                                                                const std::function<void(int done, int total)>& progress = {});

}  // namespace kiosk::region
