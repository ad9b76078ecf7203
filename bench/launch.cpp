// Launch time and idle memory of two programs measured side by side: the kiosk and the bare
// baseline (kiosk_bench_bare), started one after the other, alternating which goes first, in
// the same display. Each program writes the monotonic clock at its first drawn frame to the
// file named by MEDSEC_KIOSK_FIRST_FRAME; this driver reads the same clock just before fork(),
// so the difference is launch to first frame (exec, libraries, start-up, first frame). It also
// notes when it saw the mark (timed from outside, polled each millisecond). After `settle`
// seconds with no input it reads VmRSS and VmHWM from /proc/PID/status, then ends the program.
// Prints every run, the medians and their ratios; with KIOSK_BENCH_TABLE set, adds two rows.
// Usage: kiosk_bench_launch RUNS SETTLE_SECONDS -- KIOSK ARGS... -- BASELINE ARGS...
#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <cstdio>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "table_row.hpp"

namespace {

using namespace std::chrono_literals;

long long monotonicNanoseconds() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

struct Run {
    double launchMs = 0;   // fork to the first frame, by the program's own mark
    double seenMs = 0;     // fork to the moment this driver saw the mark
    double rssMb = 0;      // VmRSS after settling
    double peakMb = 0;     // VmHWM after settling
};

// A field of /proc/PID/status in megabytes (10^6 bytes).
double statusMegabytes(pid_t pid, const std::string& field) {
    std::ifstream in(fmt::format("/proc/{}/status", pid));
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(field + ":", 0) == 0) return std::atof(line.c_str() + field.size() + 1) * 1024.0 / 1e6;
    return 0;
}

std::optional<long long> readMark(const std::string& path) {
    std::FILE* f = std::fopen(path.c_str(), "r");
    if (!f) return std::nullopt;
    char text[64] = {};
    const std::size_t n = std::fread(text, 1, sizeof text - 1, f);
    std::fclose(f);
    if (n == 0 || text[n - 1] != '\n') return std::nullopt;  // not written whole yet
    return std::atoll(text);
}

std::optional<Run> runOnce(const std::vector<std::string>& command, const std::string& mark, double settleSeconds,
                           const std::string& log) {
    std::error_code ec;
    std::filesystem::remove(mark, ec);
    std::vector<char*> argv;
    for (const auto& a : command) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);

    std::fflush(stdout);  // the child must not inherit unwritten output
    const long long launched = monotonicNanoseconds();
    const pid_t pid = fork();
    if (pid < 0) return std::nullopt;
    if (pid == 0) {
        setenv("MEDSEC_KIOSK_FIRST_FRAME", mark.c_str(), 1);
        const int out = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (out >= 0) dup2(out, 1), dup2(out, 2);
        execvp(argv[0], argv.data());
        _exit(127);
    }
    Run run;
    std::optional<long long> drawn;
    for (int i = 0; i < 60000 && !drawn; ++i) {
        drawn = readMark(mark);
        if (!drawn) {
            int status = 0;
            if (waitpid(pid, &status, WNOHANG) == pid) {
                fmt::print(stderr, "kiosk_bench_launch: {} ended before its first frame (see {})\n", command[0], log);
                return std::nullopt;
            }
            std::this_thread::sleep_for(1ms);
        }
    }
    run.seenMs = static_cast<double>(monotonicNanoseconds() - launched) / 1e6;
    if (!drawn) {
        kill(pid, SIGKILL);
        waitpid(pid, nullptr, 0);
        fmt::print(stderr, "kiosk_bench_launch: {} drew no frame in 60 s\n", command[0]);
        return std::nullopt;
    }
    run.launchMs = static_cast<double>(*drawn - launched) / 1e6;
    std::this_thread::sleep_for(std::chrono::duration<double>(settleSeconds));
    run.rssMb = statusMegabytes(pid, "VmRSS");
    run.peakMb = statusMegabytes(pid, "VmHWM");
    kill(pid, SIGTERM);
    waitpid(pid, nullptr, 0);
    return run;
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 6) {
        fmt::print(stderr, "usage: kiosk_bench_launch RUNS SETTLE_SECONDS -- KIOSK ARGS... -- BASELINE ARGS...\n");
        return 2;
    }
    const int runs = std::max(1, std::atoi(argv[1]));
    const double settle = std::atof(argv[2]);
    std::vector<std::vector<std::string>> commands;
    for (int i = 3; i < argc; ++i) {
        if (std::string_view(argv[i]) == "--") commands.emplace_back();
        else if (!commands.empty()) commands.back().push_back(argv[i]);
    }
    if (commands.size() != 2 || commands[0].empty() || commands[1].empty()) {
        fmt::print(stderr, "kiosk_bench_launch: give two commands, each after --\n");
        return 2;
    }
    const auto folder = std::filesystem::temp_directory_path() / fmt::format("kiosk-bench-launch-{}", getpid());
    std::filesystem::create_directories(folder);
    const std::string mark = (folder / "first-frame").string();
    const std::string names[2] = {"kiosk", "baseline"};

    std::vector<Run> results[2];
    for (int r = 0; r < runs; ++r) {
        // Alternate which program starts first, so that neither always finds the caches warmer.
        for (int k = 0; k < 2; ++k) {
            const int which = r % 2 == 0 ? k : 1 - k;
            auto run = runOnce(commands[which], mark, settle, (folder / (names[which] + ".log")).string());
            if (!run) return 1;
            fmt::print("run {} {:<8} first frame {:7.1f} ms (seen {:7.1f} ms)  idle RSS {:6.1f} MB  peak {:6.1f} MB\n", r + 1,
                       names[which], run->launchMs, run->seenMs, run->rssMb, run->peakMb);
            results[which].push_back(*run);
        }
    }
    const auto field = [&](int which, double Run::*member) {
        std::vector<double> values;
        for (const auto& run : results[which]) values.push_back(run.*member);
        return median(values);
    };
    const double launch[2] = {field(0, &Run::launchMs), field(1, &Run::launchMs)};
    const double seen[2] = {field(0, &Run::seenMs), field(1, &Run::seenMs)};
    const double rss[2] = {field(0, &Run::rssMb), field(1, &Run::rssMb)};
    const double peak[2] = {field(0, &Run::peakMb), field(1, &Run::peakMb)};
    fmt::print("medians of {} runs:      kiosk    baseline\n", runs);
    fmt::print("  first frame (ms)  {:9.1f} {:11.1f}   ratio {:.2f} (goal <= 0.8)\n", launch[0], launch[1], launch[0] / launch[1]);
    fmt::print("  seen outside (ms) {:9.1f} {:11.1f}   ratio {:.2f}\n", seen[0], seen[1], seen[0] / seen[1]);
    fmt::print("  idle RSS (MB)     {:9.1f} {:11.1f}   difference {:+.1f} (goal <= +5)\n", rss[0], rss[1], rss[0] - rss[1]);
    fmt::print("  peak RSS (MB)     {:9.1f} {:11.1f}\n", peak[0], peak[1]);
    kiosk::bench::addTableRow("launch to first frame (ms)", launch[0], launch[1], "ratio<=0.8");
    kiosk::bench::addTableRow("idle RSS on Home (MB)", rss[0], rss[1], "plus<=5");
    std::error_code ec;
    std::filesystem::remove_all(folder, ec);
    return 0;
}
