// Formatting of content diagnostics.
#include "util/diagnostic.hpp"

#include <fmt/format.h>

namespace kiosk {

std::string Diagnostic::format() const {
    return fmt::format("{}:{}:{}: {}", file, pos.line, pos.column, message);
}

}  // namespace kiosk
