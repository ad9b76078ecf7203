// Helpers shared by the tests: paths to fixtures and temporary files that clean up after themselves.
#pragma once

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "assessment/answer.hpp"
#include "questionnaire/model.hpp"

namespace kiosk::test {

// The answer a person gives to a required question a test scenario leaves open.
inline assessment::Answer neutralAnswer(const questionnaire::Question& q) {
    using T = questionnaire::QuestionType;
    if (q.type == T::MultiChoice) return assessment::Answer::options({});
    if (q.type == T::Number) return assessment::Answer::value(q.min);
    if (q.type == T::Level) return assessment::Answer::value(0);
    if (q.type == T::YesNo) return assessment::Answer::option("no");
    if (q.type == T::Date) return assessment::Answer::words("2026-04-01");
    if (q.type == T::Text) return assessment::Answer::words("-");
    return assessment::Answer::option(q.options.back().id);
}

inline std::filesystem::path sourceDir() { return KIOSK_SOURCE_DIR; }
inline std::filesystem::path dataDir() { return sourceDir() / "tests" / "data"; }

inline std::string readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

inline void writeFile(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

// A folder under the system temp dir, removed with everything in it when the test ends.
class TempDir {
public:
    TempDir() {
        std::random_device rd;
        m_path = std::filesystem::temp_directory_path() / ("kiosk-test-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

private:
    std::filesystem::path m_path;
};

}  // namespace kiosk::test
