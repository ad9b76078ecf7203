// File helpers over POSIX calls, so that every failure has its errno and nothing is left behind.
#include "util/file.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk {
namespace {

std::string reason(int error) { return std::strerror(error); }

// Closes a descriptor when it leaves scope.
struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

bool writeAll(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

}  // namespace

Result<std::string> readFile(const std::filesystem::path& path, std::size_t maxBytes) {
    const std::string name = path.string();
    struct stat st{};
    if (::stat(name.c_str(), &st) != 0) {
        const int error = errno;
        struct stat link{};
        if (::lstat(name.c_str(), &link) == 0 && S_ISLNK(link.st_mode))
            return Error{fmt::format("{}: a symbolic link that leads nowhere readable ({})", name, reason(error))};
        return Error{fmt::format("{}: cannot read the file ({})", name, reason(error))};
    }
    if (S_ISDIR(st.st_mode)) return Error{fmt::format("{}: is a folder, not a file", name)};
    if (!S_ISREG(st.st_mode)) return Error{fmt::format("{}: is not a regular file (a device, FIFO or socket); it was not read", name)};
    if (static_cast<std::size_t>(st.st_size) > maxBytes)
        return Error{fmt::format("{}: the file is {} MB, more than the {} MB this program reads", name,
                                 static_cast<std::size_t>(st.st_size) / (1024 * 1024), maxBytes / (1024 * 1024))};
    Fd in{::open(name.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK)};
    if (in.fd < 0) return Error{fmt::format("{}: cannot read the file ({})", name, reason(errno))};
    std::string bytes;
    bytes.reserve(static_cast<std::size_t>(st.st_size));
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(in.fd, buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR) continue;
            return Error{fmt::format("{}: cannot read the file ({})", name, reason(errno))};
        }
        if (n == 0) break;
        bytes.append(buffer, static_cast<std::size_t>(n));
        // The file may grow while it is read.
        if (bytes.size() > maxBytes)
            return Error{fmt::format("{}: the file is larger than the {} MB this program reads", name, maxBytes / (1024 * 1024))};
    }
    return bytes;
}

std::string readProblem(const std::string& message, const std::filesystem::path& path) {
    const std::string prefix = path.string() + ": ";
    return message.rfind(prefix, 0) == 0 ? message.substr(prefix.size()) : message;
}

Status writeFileAtomically(const std::filesystem::path& path, std::string_view bytes) {
    const std::string name = path.string();
    std::filesystem::path folder = path.parent_path();
    if (folder.empty()) folder = ".";
    if (!path.has_filename()) return Error{fmt::format("{}: names a folder, not a file to write", name)};
    {
        std::error_code ec;
        if (std::filesystem::is_directory(path, ec)) return Error{fmt::format("cannot write {}: it is a folder", name)};
    }
    // A fresh name of our own (never an existing file), hidden, beside the target.
    std::string temporary = (folder / ("." + path.filename().string() + ".XXXXXX")).string();
    Fd out{::mkostemp(temporary.data(), O_CLOEXEC)};
    if (out.fd < 0) return Error{fmt::format("cannot write {}: {}", name, reason(errno))};
    const auto fail = [&](const std::string& what, int error) -> Status {
        ::unlink(temporary.c_str());
        return Error{fmt::format("cannot write {}: {} ({}); the file was left as it was", name, what, reason(error))};
    };
    // mkostemp makes the file 0600; a written export gets the usual permissions of new files.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    (void)::fchmod(out.fd, 0666 & ~mask);
    if (!writeAll(out.fd, bytes)) return fail("writing failed", errno);
    if (::fsync(out.fd) != 0) return fail("flushing to disk failed", errno);
    if (::close(out.fd) != 0) {
        out.fd = -1;
        return fail("closing failed", errno);
    }
    out.fd = -1;
    if (::rename(temporary.c_str(), name.c_str()) != 0) return fail("renaming failed", errno);
    // The rename itself is durable only once the folder is flushed.
    Fd dir{::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
    if (dir.fd >= 0) (void)::fsync(dir.fd);
    return {};
}

std::filesystem::path normalPath(const std::filesystem::path& path) {
    auto p = path.lexically_normal();
    if (!p.has_filename() && p.has_parent_path() && p != p.root_path()) p = p.parent_path();
    if (p.empty()) p = ".";
    return p;
}

}  // namespace kiosk
