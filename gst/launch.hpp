#pragma once
// Pieces of gst-launch descriptions shared by the producer, the viewer and the browser gateway.

#include <string>

namespace estrade::gst {

// A value in a launch description, quoted, with quotes and backslashes escaped (file names, devices).
inline std::string quoted(const std::string& value)
{
    std::string out = "\"";
    for (const char c : value) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "\"";
}

}  // namespace estrade::gst
