// Whole-file reading with clear reasons for failure, atomic writing (temporary file, fsync,
// rename, fsync of the folder), and path normalisation for comparisons.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "util/result.hpp"

namespace kiosk {

// Content files and imports larger than this are refused before they are read.
inline constexpr std::size_t kMaxInputBytes = 64u * 1024 * 1024;

// The bytes of a regular file (symbolic links followed). Refuses, with a message naming the
// file: a missing file, a folder, a device, a FIFO or socket (reading one could block forever),
// a dangling or looping link, an unreadable file, and a file larger than `maxBytes`.
Result<std::string> readFile(const std::filesystem::path& path, std::size_t maxBytes = kMaxInputBytes);

// The reason of a readFile error without the leading "PATH: ", for messages that name the file
// themselves (diagnostics).
std::string readProblem(const std::string& message, const std::filesystem::path& path);

// Writes to a new temporary file beside the target, fsyncs it, renames it over the target and
// fsyncs the folder, so that after a crash the target holds either the old or the new bytes.
// On failure the temporary file is removed and the target is left as it was.
Status writeFileAtomically(const std::filesystem::path& path, std::string_view bytes);

// A file written in pieces the way writeFileAtomically writes a whole one: into a new temporary
// file beside the target, hashed (SHA-256) as it goes; commit() fsyncs it, renames it over the
// target and fsyncs the folder. Hashing and writing run on a thread of their own while the caller
// makes the next piece. A file not committed is removed when the object goes, so that a failed
// export leaves nothing behind.
class StagedFile {
public:
    // Creates the temporary file; refuses a target that is a folder or in a folder that cannot be written.
    static Result<std::unique_ptr<StagedFile>> create(const std::filesystem::path& target);
    ~StagedFile();
    StagedFile(const StagedFile&) = delete;
    StagedFile& operator=(const StagedFile&) = delete;

    // Buffered; a failure to write (a full disk) is kept and reported by finish().
    void write(std::string_view bytes);
    // Everything written, flushed to the disk and hashed.
    Status finish();
    // After finish(): renamed over the target.
    Status commit();

    const std::filesystem::path& target() const { return m_target; }
    std::size_t size() const { return m_size; }
    const std::string& sha256() const { return m_sha256; }  // after finish()

private:
    StagedFile(std::filesystem::path target, std::string temporary, int fd);
    void handOver();  // gives the filled buffer to the writing thread
    void work();

    std::filesystem::path m_target;
    std::string m_temporary;
    int m_fd = -1;
    std::size_t m_size = 0;
    std::string m_sha256;
    bool m_committed = false;

    std::string m_filling;  // the caller's buffer
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::string m_pending;  // handed over, being hashed and written
    std::size_t m_written = 0;  // by the writing thread
    bool m_busy = false, m_closing = false;
    int m_error = 0;        // errno of the first failed write
    std::unique_ptr<class Sha256> m_hash;
    std::thread m_thread;
};

// The path in a form fit for comparison: lexically normal, without a trailing separator
// ("questionnaires/" and "questionnaires/./" become "questionnaires").
std::filesystem::path normalPath(const std::filesystem::path& path);

// A new empty file of mode 0600 in the temporary folder, removed with this object; for libraries
// that write to a path (libxlsxwriter) before the bytes go where they belong.
class PrivateTempFile {
public:
    PrivateTempFile() = default;
    ~PrivateTempFile();
    PrivateTempFile(const PrivateTempFile&) = delete;
    PrivateTempFile& operator=(const PrivateTempFile&) = delete;
    Status create(std::string_view prefix = "medsec-kiosk");
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
};

}  // namespace kiosk
