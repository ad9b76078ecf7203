// Bilingual text. Everything shown to a person exists in Japanese and English; Japanese is the
// default language of the kiosk.
#pragma once

#include <string>
#include <string_view>

namespace kiosk {

enum class Lang { Ja, En };

inline std::string_view langCode(Lang lang) { return lang == Lang::Ja ? "ja" : "en"; }

struct LocalizedText {
    std::string ja;
    std::string en;

    const std::string& get(Lang lang) const { return lang == Lang::Ja ? ja : en; }
    bool empty() const { return ja.empty() && en.empty(); }
};

}  // namespace kiosk
