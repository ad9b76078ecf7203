// What the fuzz targets share: the bundled content, loaded once, and a way to stop on anything
// the parsers must never do (an abort, an uncaught exception, a sanitizer report).
#pragma once

#include <cstdlib>
#include <cstdio>
#include <string>
#include <string_view>

#include "questionnaire/loader.hpp"
#include "scoring/policy.hpp"
#include "skills/catalog.hpp"

namespace kiosk::fuzz {

inline std::string source(const char* relative) { return std::string(KIOSK_SOURCE_DIR) + "/" + relative; }

inline const questionnaire::Catalog& content() {
    static const auto catalog = questionnaire::loadCatalog(source("questionnaires"));
    return catalog;
}

inline const scoring::Policy& policy() {
    static const auto loaded = scoring::loadPolicy(source("questionnaires"), content());
    if (!loaded.policy) {
        std::fprintf(stderr, "the bundled policy does not load\n");
        std::abort();
    }
    return *loaded.policy;
}

inline const skills::SkillCatalog& skillCatalog() {
    static const auto loaded = skills::loadSkillCatalog(source("questionnaires"), content());
    if (!loaded.catalog) {
        std::fprintf(stderr, "the bundled skill catalogue does not load\n");
        std::abort();
    }
    return *loaded.catalog;
}

inline std::string_view asText(const uint8_t* data, size_t size) { return {reinterpret_cast<const char*>(data), size}; }

// A property the code promises; a broken promise is a crash the fuzzer reports.
inline void require(bool condition, const char* what) {
    if (!condition) {
        std::fprintf(stderr, "broken promise: %s\n", what);
        std::abort();
    }
}

}  // namespace kiosk::fuzz
