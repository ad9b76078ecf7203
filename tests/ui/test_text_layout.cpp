// Line breaking: Japanese breaks between characters but never before 、。」 or small kana, and
// never after 「（; English breaks at spaces.
#include <doctest/doctest.h>

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
