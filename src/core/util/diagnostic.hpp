// A problem found in a content file, located precisely enough for an author to fix it.
#pragma once

#include <string>
#include <vector>

namespace kiosk {

struct SourcePos {
    int line = 0;
    int column = 0;
};

struct Diagnostic {
    std::string file;
    SourcePos pos;
    std::string message;

    // "file:line:column: message", the form editors and terminals recognise.
    std::string format() const;
};

using Diagnostics = std::vector<Diagnostic>;

}  // namespace kiosk
