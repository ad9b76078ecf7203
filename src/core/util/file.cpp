// File helpers over POSIX calls, so that every failure has its errno and nothing is left behind.
#include "util/file.hpp"

#include <fmt/format.h>

#include "util/hash.hpp"

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

constexpr std::size_t kStagedBuffer = 1u << 20;

// A fresh hidden temporary file of our own beside the target, with the usual permissions of new files.
Result<std::pair<std::string, int>> temporaryBeside(const std::filesystem::path& path) {
    const std::string name = path.string();
    std::filesystem::path folder = path.parent_path();
    if (folder.empty()) folder = ".";
    if (!path.has_filename()) return Error{fmt::format("{}: names a folder, not a file to write", name)};
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) return Error{fmt::format("cannot write {}: it is a folder", name)};
    std::string temporary = (folder / ("." + path.filename().string() + ".XXXXXX")).string();
    const int fd = ::mkostemp(temporary.data(), O_CLOEXEC);
    if (fd < 0) return Error{fmt::format("cannot write {}: {}", name, reason(errno))};
    // mkostemp makes the file 0600.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    (void)::fchmod(fd, 0666 & ~mask);
    return std::pair{std::move(temporary), fd};
}

// Renames the finished temporary file over the target and makes the rename durable.
Status moveIntoPlace(const std::string& temporary, const std::filesystem::path& path) {
    if (::rename(temporary.c_str(), path.c_str()) != 0) return Error{reason(errno)};
    std::filesystem::path folder = path.parent_path();
    if (folder.empty()) folder = ".";
    Fd dir{::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
    if (dir.fd >= 0) (void)::fsync(dir.fd);
    return {};
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
    auto made = temporaryBeside(path);
    if (!made) return Error{made.error()};
    const std::string& temporary = made->first;
    Fd out{made->second};
    const auto fail = [&](const std::string& what, int error) -> Status {
        ::unlink(temporary.c_str());
        return Error{fmt::format("cannot write {}: {} ({}); the file was left as it was", name, what, reason(error))};
    };
    if (!writeAll(out.fd, bytes)) return fail("writing failed", errno);
    if (::fsync(out.fd) != 0) return fail("flushing to disk failed", errno);
    if (::close(out.fd) != 0) {
        out.fd = -1;
        return fail("closing failed", errno);
    }
    out.fd = -1;
    if (auto moved = moveIntoPlace(temporary, path); !moved) {
        ::unlink(temporary.c_str());
        return Error{fmt::format("cannot write {}: renaming failed ({}); the file was left as it was", name, moved.error())};
    }
    return {};
}

Result<std::unique_ptr<StagedFile>> StagedFile::create(const std::filesystem::path& target) {
    auto made = temporaryBeside(target);
    if (!made) return Error{made.error()};
    return std::unique_ptr<StagedFile>(new StagedFile(target, std::move(made->first), made->second));
}

StagedFile::StagedFile(std::filesystem::path target, std::string temporary, int fd)
    : m_target(std::move(target)), m_temporary(std::move(temporary)), m_fd(fd), m_hash(std::make_unique<Sha256>()) {
    m_filling.reserve(kStagedBuffer);
    m_pending.reserve(kStagedBuffer);
    m_thread = std::thread([this] { work(); });
}

StagedFile::~StagedFile() {
    {
        std::lock_guard lock(m_mutex);
        m_closing = true;
    }
    m_changed.notify_all();
    if (m_thread.joinable()) m_thread.join();
    if (m_fd >= 0) ::close(m_fd);
    if (!m_committed) ::unlink(m_temporary.c_str());
}

void StagedFile::work() {
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_changed.wait(lock, [this] { return m_busy || m_closing; });
        if (!m_busy) return;
        lock.unlock();
        m_hash->update(m_pending);
        const bool written = m_error == 0 && writeAll(m_fd, m_pending);
        const int error = errno;
        // Starts the disk on the piece now rather than leaving all of it to the fsync at the end
        // (an export of hundreds of megabytes would otherwise wait there for all of them).
        if (written) ::sync_file_range(m_fd, static_cast<off_t>(m_written), static_cast<off_t>(m_pending.size()), SYNC_FILE_RANGE_WRITE);
        m_written += m_pending.size();
        lock.lock();
        if (!written && m_error == 0) m_error = error ? error : EIO;
        m_pending.clear();
        m_busy = false;
        m_changed.notify_all();
    }
}

void StagedFile::handOver() {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return !m_busy; });
    m_pending.swap(m_filling);
    m_busy = true;
    lock.unlock();
    m_changed.notify_all();
}

void StagedFile::write(std::string_view bytes) {
    m_size += bytes.size();
    while (!bytes.empty()) {
        const std::size_t room = kStagedBuffer - std::min(kStagedBuffer, m_filling.size());
        const std::size_t n = std::min(room, bytes.size());
        m_filling.append(bytes.substr(0, n));
        bytes.remove_prefix(n);
        if (m_filling.size() >= kStagedBuffer) handOver();
    }
}

Status StagedFile::finish() {
    if (!m_filling.empty()) handOver();
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return !m_busy; });
        m_closing = true;
    }
    m_changed.notify_all();
    if (m_thread.joinable()) m_thread.join();
    const std::string name = m_target.string();
    auto fail = [&](const std::string& what, int error) -> Status {
        return Error{fmt::format("cannot write {}: {} ({}); the file was left as it was", name, what, reason(error))};
    };
    if (m_error) return fail("writing failed", m_error);
    if (::fsync(m_fd) != 0) return fail("flushing to disk failed", errno);
    const int fd = m_fd;
    m_fd = -1;
    if (::close(fd) != 0) return fail("closing failed", errno);
    m_sha256 = m_hash->hex();
    return {};
}

Status StagedFile::commit() {
    if (m_fd >= 0 || m_sha256.empty()) return Error{fmt::format("cannot write {}: the file was not finished", m_target.string())};
    if (auto moved = moveIntoPlace(m_temporary, m_target); !moved)
        return Error{fmt::format("cannot write {}: renaming failed ({}); the file was left as it was", m_target.string(), moved.error())};
    m_committed = true;
    return {};
}

std::filesystem::path normalPath(const std::filesystem::path& path) {
    auto p = path.lexically_normal();
    if (!p.has_filename() && p.has_parent_path() && p != p.root_path()) p = p.parent_path();
    if (p.empty()) p = ".";
    return p;
}

PrivateTempFile::~PrivateTempFile() {
    if (!m_path.empty()) ::unlink(m_path.c_str());
}

Status PrivateTempFile::create(std::string_view prefix) {
    std::error_code ec;
    const auto dir = std::filesystem::temp_directory_path(ec);
    if (ec) return Error{fmt::format("no folder for temporary files: {}", ec.message())};
    std::string pattern = (dir / (std::string(prefix) + "-XXXXXX")).string();
    const int fd = ::mkstemp(pattern.data());  // mode 0600
    if (fd < 0) return Error{fmt::format("could not create a temporary file in {}: {}", dir.string(), std::strerror(errno))};
    ::close(fd);
    m_path = pattern;
    return {};
}

}  // namespace kiosk
