// The reference for the relay benchmark: the cheapest way to drive libsrt for fan-out. One epoll,
// srt_recvmsg from the publisher, srt_sendmsg to every subscriber, nothing else (no keys per site, no
// keyframe cache, no slow-site handling, no stats).
//   bench_bare_relay PUBLISH_PORT PLAY_PORT LATENCY_MS [PASSPHRASE]
#include <srt/srt.h>

#include <arpa/inet.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace {
volatile std::sig_atomic_t g_stop = 0;
void on_signal(int) { g_stop = 1; }

SRTSOCKET listen_on(int port, int latency, const char* passphrase)
{
    SRTSOCKET s = srt_create_socket();
    const bool no = false;
    srt_setsockflag(s, SRTO_RCVSYN, &no, sizeof no);
    srt_setsockflag(s, SRTO_SNDSYN, &no, sizeof no);
    srt_setsockflag(s, SRTO_LATENCY, &latency, sizeof latency);
    if (passphrase)
        srt_setsockflag(s, SRTO_PASSPHRASE, passphrase, static_cast<int>(std::strlen(passphrase)));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (srt_bind(s, reinterpret_cast<sockaddr*>(&address), sizeof address) == SRT_ERROR || srt_listen(s, 256) == SRT_ERROR) {
        std::fprintf(stderr, "bind %d: %s\n", port, srt_getlasterror_str());
        std::exit(1);
    }
    return s;
}
}  // namespace

int main(int argc, char** argv)
{
    if (argc < 4)
        return 2;
    std::signal(SIGTERM, on_signal);
    std::signal(SIGINT, on_signal);
    srt_startup();
    srt_setloglevel(3);
    const char* passphrase = argc > 4 ? argv[4] : nullptr;
    SRTSOCKET publish_listener = listen_on(std::atoi(argv[1]), std::atoi(argv[3]), passphrase);
    SRTSOCKET play_listener = listen_on(std::atoi(argv[2]), std::atoi(argv[3]), passphrase);
    const int eid = srt_epoll_create();
    srt_epoll_set(eid, SRT_EPOLL_ENABLE_EMPTY);
    int in = SRT_EPOLL_IN | SRT_EPOLL_ERR;
    srt_epoll_add_usock(eid, publish_listener, &in);
    srt_epoll_add_usock(eid, play_listener, &in);
    SRTSOCKET publisher = SRT_INVALID_SOCK;
    std::vector<SRTSOCKET> subscribers;
    std::vector<SRT_EPOLL_EVENT> events(1024);
    char buffer[1500];
    std::printf("ready\n");
    std::fflush(stdout);
    while (!g_stop) {
        const int n = srt_epoll_uwait(eid, events.data(), static_cast<int>(events.size()), 100);
        for (int i = 0; i < n; ++i) {
            const SRTSOCKET s = events[static_cast<std::size_t>(i)].fd;
            if (s == publish_listener || s == play_listener) {
                SRTSOCKET accepted = srt_accept(s, nullptr, nullptr);
                if (accepted == SRT_INVALID_SOCK)
                    continue;
                if (s == publish_listener) {
                    publisher = accepted;
                    srt_epoll_add_usock(eid, accepted, &in);
                } else {
                    subscribers.push_back(accepted);
                }
            } else if (s == publisher) {
                if (events[static_cast<std::size_t>(i)].events & SRT_EPOLL_ERR) {
                    srt_epoll_remove_usock(eid, s);
                    srt_close(s);
                    publisher = SRT_INVALID_SOCK;
                    continue;
                }
                int size;
                while ((size = srt_recvmsg(publisher, buffer, sizeof buffer)) > 0)
                    for (SRTSOCKET sub : subscribers)
                        srt_sendmsg(sub, buffer, size, -1, 0);
            }
        }
    }
    srt_cleanup();
    return 0;
}
