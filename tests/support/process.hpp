#pragma once
// A child process for end-to-end tests: started with fork/exec, its stdout readable line by line,
// killed (SIGKILL) if the test forgets, so no test leaves a server behind.

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace estrade::testing {

// Whether the child's stderr goes to the test's (for the log) or into what read_line returns.
enum class Stderr { inherit, merge };

class Process {
public:
    explicit Process(std::vector<std::string> argv, Stderr err = Stderr::inherit)
    {
        int out[2];
        if (::pipe(out) != 0)
            throw std::runtime_error("pipe failed");
        m_pid = ::fork();
        if (m_pid < 0)
            throw std::runtime_error("fork failed");
        if (m_pid == 0) {
            ::dup2(out[1], STDOUT_FILENO);
            if (err == Stderr::merge)
                ::dup2(out[1], STDERR_FILENO);
            ::close(out[0]);
            ::close(out[1]);
            std::vector<char*> args;
            for (auto& a : argv)
                args.push_back(a.data());
            args.push_back(nullptr);
            ::execv(args[0], args.data());
            ::_exit(127);
        }
        ::close(out[1]);
        m_stdout = out[0];
    }
    ~Process()
    {
        if (m_pid > 0 && !m_exited) {
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, nullptr, 0);
        }
        if (m_stdout >= 0)
            ::close(m_stdout);
    }
    Process(const Process&) = delete;
    Process& operator=(const Process&) = delete;

    // The next line the child printed, or nothing if none came in time.
    std::optional<std::string> read_line(std::chrono::milliseconds timeout)
    {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (true) {
            if (auto nl = m_buffer.find('\n'); nl != std::string::npos) {
                auto line = m_buffer.substr(0, nl);
                m_buffer.erase(0, nl + 1);
                return line;
            }
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0)
                return std::nullopt;
            pollfd p{m_stdout, POLLIN, 0};
            if (::poll(&p, 1, static_cast<int>(left.count())) <= 0)
                return std::nullopt;
            char chunk[4096];
            const auto n = ::read(m_stdout, chunk, sizeof chunk);
            if (n <= 0)
                return std::nullopt;
            m_buffer.append(chunk, static_cast<std::size_t>(n));
        }
    }

    void signal(int sig) { ::kill(m_pid, sig); }

    // Waits for the exit status (or -signal); kills with SIGKILL after the timeout.
    int wait(std::chrono::milliseconds timeout = std::chrono::milliseconds(10000))
    {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        int status = 0;
        while (::waitpid(m_pid, &status, WNOHANG) == 0) {
            if (std::chrono::steady_clock::now() > deadline) {
                ::kill(m_pid, SIGKILL);
                ::waitpid(m_pid, &status, 0);
                break;
            }
            ::usleep(10000);
        }
        m_exited = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    }

    pid_t pid() const { return m_pid; }

private:
    pid_t m_pid = -1;
    int m_stdout = -1;
    bool m_exited = false;
    std::string m_buffer;
};

// Runs a program to completion; returns its exit status and what it printed on stdout.
inline std::pair<int, std::string> run(std::vector<std::string> argv,
                                       std::chrono::milliseconds timeout = std::chrono::milliseconds(20000),
                                       Stderr err = Stderr::inherit)
{
    Process process(std::move(argv), err);
    std::string out;
    while (auto line = process.read_line(timeout))
        out += *line + "\n";
    return {process.wait(timeout), out};
}

// A server started and its ready line read (the line starting with `ready`); nothing when it did not say
// it within `timeout`.
inline std::unique_ptr<Process> start_server(std::vector<std::string> argv, const std::string& ready,
                                             std::chrono::milliseconds timeout = std::chrono::seconds(30))
{
    auto process = std::make_unique<Process>(std::move(argv));
    while (auto line = process->read_line(timeout))
        if (line->starts_with(ready))
            return process;
    return nullptr;
}

}  // namespace estrade::testing
