// Line breaking with ICU: Japanese breaks between phrases (文節), between characters only when a
// phrase is longer than the line, never before 、。」 or small kana and never after 「（; English
// breaks at spaces.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "ui/text_layout.hpp"

using namespace kiosk::ui;

namespace {

// Every character is 1 wide, so widths count characters.
float unit(char32_t) { return 1.0f; }

std::string joined(const std::vector<std::string_view>& lines) {
    std::string out;
    for (const auto& l : lines) out += std::string(l) + "|";
    return out;
}

}  // namespace

TEST_CASE("English wraps at spaces") {
    CHECK(joined(breakLines("the quick brown fox", 10, unit)) == "the quick|brown fox|");
}

TEST_CASE("Japanese wraps between characters") {
    CHECK(joined(breakLines("あいうえおかきくけこ", 4, unit)) == "あいうえ|おかきく|けこ|");
}

TEST_CASE("a line never starts with a closing mark or a small kana") {
    // A plain break would put 。 at the start of the second line; it moves 。 with the preceding character.
    CHECK(joined(breakLines("あいう。えお", 3, unit)) == "あい|う。え|お|");
    CHECK(joined(breakLines("あちょっと", 3, unit)) == "あ|ちょっ|と|");
}

TEST_CASE("a line never ends with an opening bracket") {
    // 「 moves to the next line with the word it opens; 」 stays with the character before it.
    CHECK(joined(breakLines("あい「うえ」お", 3, unit)) == "あい|「う|え」お|");
}

TEST_CASE("explicit newlines are kept") {
    CHECK(joined(breakLines("ab\ncd", 10, unit)) == "ab|cd|");
}

TEST_CASE("an unbreakable run longer than the line is cut rather than overflowing") {
    const auto lines = breakLines("abcdefghij", 4, unit);
    CHECK(lines.size() == 3);
    for (const auto& line : lines) CHECK(line.size() <= 4);
}

TEST_CASE("Japanese sentences break between phrases, never inside a word or leaving one or two kana alone") {
    // Sentences like those of the content, each with the words that must never be split.
    const std::vector<std::pair<std::string, std::vector<std::string>>> sentences{
        {"施設の情報セキュリティの規程を読み、足りない点を見つけてください。", {"ください。", "見つけて", "規程", "セキュリティ"}},
        {"事業者が設置した「リモート保守」の機器を把握 40", {"リモート", "保守」", "把握", "事業者", "設置"}},
        {"バックアップからの復旧を年に一度は試してください。", {"ください。", "バックアップ", "復旧", "試して"}},
    };
    for (const auto& [sentence, words] : sentences) {
        for (float width = 9; width <= 30; ++width) {
            CAPTURE(sentence);
            CAPTURE(width);
            const auto lines = breakLines(sentence, width, unit);
            std::string rejoined;
            for (const auto& l : lines) rejoined += std::string(l);
            // Nothing is lost but the spaces a break swallows.
            const auto withoutSpaces = [](std::string t) {
                t.erase(std::remove(t.begin(), t.end(), ' '), t.end());
                return t;
            };
            CHECK(withoutSpaces(rejoined) == withoutSpaces(sentence));
            for (std::size_t k = 0; k + 1 < lines.size(); ++k) {
                const std::string around = std::string(lines[k]) + "|" + std::string(lines[k + 1]);
                for (const auto& word : words) {
                    // The word must not straddle the break.
                    for (std::size_t cut = 1; cut < word.size(); ++cut) {
                        if ((word[cut] & 0xC0) == 0x80) continue;  // inside one character
                        CHECK_MESSAGE(around.find(word.substr(0, cut) + "|" + word.substr(cut)) == std::string::npos,
                                      "\"" << word << "\" is split: " << around);
                    }
                }
                const std::string next(lines[k + 1]);
                CHECK_MESSAGE(next != "い。", "orphan: " << around);
            }
        }
    }
}

TEST_CASE("break opportunities come from ICU's phrase model for Japanese and from spaces for English") {
    const std::string ja = "施設の情報を守る";
    const auto& opportunities = lineBreakOpportunities(ja);
    CHECK_FALSE(opportunities.phrases.empty());
    CHECK(opportunities.characters.size() >= opportunities.phrases.size());
    const auto& en = lineBreakOpportunities("keep the backups offline");
    CHECK(en.phrases == std::vector<std::size_t>{5, 9, 17});
}
