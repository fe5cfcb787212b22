#pragma once
// Command-line overrides of the event file's listen addresses (tests and several relays on one host).

#include "endpoint.hpp"

#include <stdexcept>
#include <string>

namespace estrade::config {

inline HostPort parse_listen_override(const std::string& option, const std::string& text)
{
    auto parsed = parse_host_port(text, PortRule::any_port);
    if (!parsed)
        throw std::invalid_argument(option + " \"" + text + "\" must be host:port, like 127.0.0.1:0");
    return *parsed;
}

}  // namespace estrade::config
