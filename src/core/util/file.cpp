// File helpers.
#include "util/file.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace kiosk {

std::optional<std::string> readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

Status writeFileAtomically(const std::filesystem::path& path, std::string_view bytes) {
    const auto temporary = std::filesystem::path(path.string() + ".part");
    {
        std::ofstream out(temporary, std::ios::binary);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out.flush()) {
            std::error_code ignored;
            std::filesystem::remove(temporary, ignored);
            return Error{fmt::format("cannot write {}", path.string())};
        }
    }
    std::error_code ec;
    std::filesystem::rename(temporary, path, ec);
    if (ec) return Error{fmt::format("cannot write {}: {}", path.string(), ec.message())};
    return {};
}

}  // namespace kiosk
