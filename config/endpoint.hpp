#pragma once
// Parsing the addresses written in an event file.

#include "event.hpp"

#include <optional>
#include <string_view>

namespace estrade::config {

enum class PortRule { any_port, nonzero_port };

// "host:port" or "[v6addr]:port". Port 0 is accepted only with PortRule::any_port (a listener).
std::optional<HostPort> parse_host_port(std::string_view text, PortRule rule);

// "srt://host:port" (query parameters are not part of the event file: the programs set them).
std::optional<HostPort> parse_srt_url(std::string_view text);

// "tcp://host:port"; a listener may use "*" as host or port.
bool is_valid_zmq_endpoint(std::string_view text, PortRule rule);

}  // namespace estrade::config
