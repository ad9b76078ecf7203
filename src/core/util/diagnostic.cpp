// Formatting of content diagnostics.
#include "util/diagnostic.hpp"

#include <fmt/format.h>

namespace kiosk {

std::string Diagnostic::format() const {
    if (pos.line <= 0) return fmt::format("{}: {}", file, message);  // about the whole file
    return fmt::format("{}:{}:{}: {}", file, pos.line, pos.column, message);
}

}  // namespace kiosk
