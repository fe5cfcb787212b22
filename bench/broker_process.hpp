#pragma once
// For benchmarks of the question broker: the real `estrade-qa serve` in its own process (its ports
// resolved from its ready line), and the CPU time a process has used.

#include <fcntl.h>
#include <sys/types.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>

namespace estrade::bench {

struct Broker {
    pid_t pid = -1;
    std::string requests;
    std::string updates;
};

inline Broker start_broker(const std::string& qa_bin, const std::filesystem::path& event)
{
    int out[2];
    if (pipe(out) != 0)
        throw std::runtime_error("pipe");
    Broker broker;
    broker.pid = fork();
    if (broker.pid == 0) {
        dup2(out[1], STDOUT_FILENO);
        int devnull = ::open("/dev/null", O_WRONLY);
        dup2(devnull, STDERR_FILENO);
        execl(qa_bin.c_str(), qa_bin.c_str(), "serve", "--event", event.c_str(), "--listen", "tcp://127.0.0.1:*",
              "--publish", "tcp://127.0.0.1:*", static_cast<char*>(nullptr));
        _exit(127);
    }
    close(out[1]);
    std::string line;
    char c;
    while (read(out[0], &c, 1) == 1 && c != '\n')
        line += c;
    std::smatch m;
    if (!std::regex_search(line, m, std::regex("requests=(\\S+) updates=(\\S+)")))
        throw std::runtime_error("broker did not start: " + line);
    broker.requests = m[1];
    broker.updates = m[2];
    return broker;
}

inline double cpu_seconds_of(pid_t pid)
{
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string content((std::istreambuf_iterator<char>(stat)), {});
    auto fields_start = content.rfind(')') + 2;
    std::istringstream rest(content.substr(fields_start));
    std::string field;
    long utime = 0, stime = 0;
    for (int i = 3; i <= 15 && rest >> field; ++i) {
        if (i == 14)
            utime = std::stol(field);
        if (i == 15)
            stime = std::stol(field);
    }
    return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

}  // namespace estrade::bench
