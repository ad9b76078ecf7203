// Line breaking with ICU's line-break iterator, then greedy filling by measured width.
#include "ui/text_layout.hpp"

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <memory>
#include <string>
#include <unordered_map>

#include "util/utf8.hpp"

namespace kiosk::ui {
namespace {

bool isWide(char32_t c) { return c >= 0x2E80; }
bool isHiragana(char32_t c) { return c >= 0x3041 && c <= 0x309F; }
// Punctuation that may close a phrase: 、。」』）！？ and their half-width kin.
bool isClosing(char32_t c) { return std::u32string_view(U"、。，．」』）】〕！？!?,.") .find(c) != std::u32string_view::npos; }

// ICU's phrase model sometimes splits a verb from its ending (見|つけて, くだ|さい。). A segment of
// hiragana alone, perhaps with closing punctuation, is joined to the phrase before it when it is
// short (an ending) or the joined phrase stays short, so no line is left with one or two kana.
// Phrases longer than a line still break between characters.
constexpr std::size_t kShortEnding = 3;        // code points
constexpr std::size_t kMaxJoinedPhrase = 12;   // code points

std::unique_ptr<icu::BreakIterator> lineIterator(const char* locale) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createLineInstance(icu::Locale(locale), status));
    if (U_FAILURE(status)) it.reset();
    return it;
}

// The break positions one iterator gives for the text (none when ICU has no data).
std::vector<std::size_t> icuBreaks(icu::BreakIterator* it, std::string_view text) {
    std::vector<std::size_t> breaks;
    if (!it) return breaks;
    UErrorCode status = U_ZERO_ERROR;
    UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
    if (U_FAILURE(status)) return breaks;
    it->setText(ut, status);
    if (U_SUCCESS(status)) {
        for (int32_t p = it->next(); p != icu::BreakIterator::DONE; p = it->next())
            if (p > 0 && static_cast<std::size_t>(p) < text.size()) breaks.push_back(static_cast<std::size_t>(p));
    }
    it->setText(icu::UnicodeString());  // drop the pointer into `text`
    utext_close(ut);
    return breaks;
}

BreakOpportunities computeBreaks(std::string_view text) {
    bool cjk = false;
    for (std::size_t i = 0; i < text.size();) {
        char32_t c = 0;
        i += utf8::decodeAt(text, i, c);
        if (isWide(c)) cjk = true;
    }
    static const auto phrase = lineIterator("ja@lb=strict;lw=phrase");
    static const auto japanese = lineIterator("ja@lb=strict");
    static const auto other = lineIterator("en");
    if (!cjk) {
        auto breaks = icuBreaks(other.get(), text);
        return {breaks, breaks};
    }
    const auto breaks = icuBreaks(phrase ? phrase.get() : japanese.get(), text);

    // Join kana-only segments to the phrase before them (see kMaxJoinedPhrase).
    std::vector<std::size_t> joined;
    std::size_t segmentStart = 0;
    std::size_t phraseLength = 0;  // code points since the last kept break
    for (std::size_t k = 0; k <= breaks.size(); ++k) {
        const std::size_t end = k < breaks.size() ? breaks[k] : text.size();
        std::size_t length = 0;
        bool kanaOnly = true;
        for (std::size_t i = segmentStart; i < end;) {
            char32_t c = 0;
            i += utf8::decodeAt(text, i, c);
            ++length;
            if (!isHiragana(c) && !isClosing(c)) kanaOnly = false;
        }
        const bool join = kanaOnly && segmentStart > 0 && (length <= kShortEnding || phraseLength + length <= kMaxJoinedPhrase);
        if (join && !joined.empty() && joined.back() == segmentStart) joined.pop_back();
        if (!join) phraseLength = 0;
        phraseLength += length;
        if (k < breaks.size()) joined.push_back(end);
        segmentStart = end;
    }
    return {joined, icuBreaks(japanese.get(), text)};
}

std::size_t trimmedEnd(std::string_view text, std::size_t start, std::size_t end) {
    while (end > start && text[end - 1] == ' ') --end;
    return end;
}

// Greedy filling of one paragraph (no newlines) into lines.
void fillParagraph(std::string_view text, float width, const AdvanceFn& advance, std::vector<std::string_view>& lines) {
    const auto& opportunities = lineBreakOpportunities(text);
    // The last place after the line's start where the line may end, between phrases and between
    // characters (0: none yet).
    struct Last {
        const std::vector<std::size_t>& at;
        std::size_t next = 0;
        std::size_t offset = 0;
        void see(std::size_t i, std::size_t lineStart) {
            while (next < at.size() && at[next] < i) ++next;
            if (next < at.size() && at[next] == i && i > lineStart) offset = i;
        }
    };
    Last phrase{opportunities.phrases}, character{opportunities.characters};
    std::size_t lineStart = 0;
    float lineWidth = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        phrase.see(i, lineStart);
        character.see(i, lineStart);
        char32_t c = 0;
        const std::size_t len = utf8::decodeAt(text, i, c);
        const float w = advance(c);
        if (lineWidth + w > width && i > lineStart && c != U' ') {
            // Between phrases if one fits, else between characters, else (a run longer than the
            // line) wherever the width runs out.
            const std::size_t cut = phrase.offset > lineStart ? phrase.offset : character.offset > lineStart ? character.offset : i;
            lines.push_back(text.substr(lineStart, trimmedEnd(text, lineStart, cut) - lineStart));
            lineStart = cut;
            while (lineStart < text.size() && text[lineStart] == ' ') ++lineStart;
            lineWidth = 0;
            for (std::size_t k = lineStart; k < i;) {
                char32_t ck = 0;
                k += utf8::decodeAt(text, k, ck);
                lineWidth += advance(ck);
            }
            phrase.offset = character.offset = 0;
            if (i < lineStart) i = lineStart;  // the break fell on spaces now dropped
            continue;
        }
        lineWidth += w;
        i += len;
    }
    if (lineStart < text.size() || lines.empty()) lines.push_back(text.substr(lineStart, trimmedEnd(text, lineStart, text.size()) - lineStart));
}

}  // namespace

const BreakOpportunities& lineBreakOpportunities(std::string_view paragraph) {
    static std::unordered_map<std::string, BreakOpportunities> cache;
    if (cache.size() > 8192) cache.clear();  // bounded: screens show far fewer distinct texts
    auto it = cache.find(std::string(paragraph));
    if (it != cache.end()) return it->second;
    return cache.emplace(std::string(paragraph), computeBreaks(paragraph)).first->second;
}

std::vector<std::string_view> breakLines(std::string_view text, float width, const AdvanceFn& advance) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    for (;;) {
        const std::size_t newline = text.find('\n', start);
        const std::string_view paragraph = text.substr(start, newline == std::string_view::npos ? std::string_view::npos : newline - start);
        if (paragraph.empty()) lines.push_back(paragraph);
        else fillParagraph(paragraph, width, advance, lines);
        if (newline == std::string_view::npos) break;
        start = newline + 1;
    }
    return lines;
}

}  // namespace kiosk::ui
