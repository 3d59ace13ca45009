// Process cost of several commands, measured in alternation so that a
// shared machine's noise falls on all of them alike.
//
//   spawn_compare ROUNDS -- COMMAND ARG... [-- COMMAND ARG...]...
//
// Runs each command once per round, in turn, ROUNDS times, with stdout and
// stderr to /dev/null, and prints one JSON line per command: its p50 and
// p10 CPU time (user + system, from wait4) and wall time (fork to wait4)
// in milliseconds, and how many runs exited non-zero. For the start-up
// floor of a CLI: the same query with aisearch and quest, each program's
// --help, and empty programs linked with the same libraries.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

namespace {

[[noreturn]] void die(const std::string& message) {
    std::cerr << "spawn_compare: " << message << '\n';
    std::exit(2);
}

double ms(const timeval& t) { return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_usec) / 1e3; }

double at(std::vector<double> v, double share) {
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(share * static_cast<double>(v.size())))];
}

struct Command {
    std::vector<char*> argv;  // null-terminated
    std::vector<double> cpu_ms, wall_ms;
    std::size_t failed = 0;
};

void run(Command& c) {
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = fork();
    if (pid < 0) die("fork failed");
    if (pid == 0) {
        const int null = open("/dev/null", O_WRONLY);
        if (null >= 0) {
            dup2(null, STDOUT_FILENO);
            dup2(null, STDERR_FILENO);
        }
        execvp(c.argv[0], c.argv.data());
        _exit(127);
    }
    int status = 0;
    rusage usage{};
    if (wait4(pid, &status, 0, &usage) != pid) die("wait4 failed");
    const auto end = std::chrono::steady_clock::now();
    c.cpu_ms.push_back(ms(usage.ru_utime) + ms(usage.ru_stime));
    c.wall_ms.push_back(std::chrono::duration<double, std::milli>(end - start).count());
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) ++c.failed;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4 || std::string(argv[2]) != "--")
        die("usage: spawn_compare ROUNDS -- COMMAND ARG... [-- COMMAND ARG...]...");
    const int rounds = std::atoi(argv[1]);
    if (rounds < 1) die("ROUNDS must be a positive number");
    std::vector<Command> commands(1);
    for (int i = 3; i < argc; ++i) {
        if (std::string(argv[i]) == "--") {
            commands.emplace_back();
            continue;
        }
        commands.back().argv.push_back(argv[i]);
    }
    for (auto& c : commands) {
        if (c.argv.empty()) die("an empty command");
        c.argv.push_back(nullptr);
    }
    for (int r = 0; r < rounds; ++r)
        for (auto& c : commands) run(c);
    for (const auto& c : commands) {
        std::string line;
        for (std::size_t i = 0; c.argv[i]; ++i) {
            if (i) line += ' ';
            for (const char* p = c.argv[i]; *p; ++p) {
                if (*p == '"' || *p == '\\') line += '\\';
                line += *p;
            }
        }
        std::printf("{\"command\": \"%s\", \"runs\": %zu, \"failed\": %zu, \"cpu_p50_ms\": %.3f, \"cpu_p10_ms\": %.3f, "
                    "\"wall_p50_ms\": %.3f, \"wall_p10_ms\": %.3f}\n",
                    line.c_str(), c.cpu_ms.size(), c.failed, at(c.cpu_ms, 0.5), at(c.cpu_ms, 0.1), at(c.wall_ms, 0.5),
                    at(c.wall_ms, 0.1));
    }
    return 0;
}
