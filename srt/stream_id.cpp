#include "stream_id.hpp"

#include "config/event.hpp"

#include <srt/access_control.h>

namespace estrade::srt {

namespace {

StreamIdError bad(std::string reason)
{
    return StreamIdError{SRT_REJX_BAD_REQUEST, std::move(reason)};
}

bool is_valid_stream_name(std::string_view name)
{
    return config::is_valid_id(name);
}

int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Some tools pass the stream id of an srt:// URL on still percent-encoded ("%23!::r=..."), since '#'
// cannot appear raw in a URL; accept that form rather than refuse people who followed URL rules.
std::string percent_decoded(std::string_view text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
            hex_value(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

}  // namespace

std::string StreamId::to_string() const
{
    return "#!::r=" + resource() + ",m=" + (mode == StreamMode::publish ? "publish" : "request") + ",u=" + user;
}

std::variant<StreamId, StreamIdError> parse_stream_id(std::string_view text)
{
    if (text.starts_with("%23"))
        return parse_stream_id(percent_decoded(text));
    constexpr std::string_view prefix = "#!::";
    if (text.empty())
        return bad("no stream id: set one like #!::r=EVENT/speaker,m=request,u=SITE");
    if (!text.starts_with(prefix))
        return bad("stream id must start with #!:: (libsrt access-control syntax)");
    if (text.size() > 512)
        return bad("stream id longer than 512 characters");
    text.remove_prefix(prefix.size());
    std::string resource;
    std::string mode = "request";  // libsrt's default when m= is absent
    std::string user;
    bool has_resource = false, has_user = false;
    while (!text.empty()) {
        const auto comma = text.find(',');
        const auto pair = text.substr(0, comma);
        text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
        const auto equals = pair.find('=');
        if (equals == std::string_view::npos || equals == 0)
            return bad("malformed key=value pair \"" + std::string(pair.substr(0, 40)) + "\"");
        const auto key = pair.substr(0, equals);
        const auto value = std::string(pair.substr(equals + 1));
        if (key == "r")
            resource = value, has_resource = true;
        else if (key == "m")
            mode = value;
        else if (key == "u")
            user = value, has_user = true;
        else if (key == "s" || key == "h" || key == "t")
            continue;  // session, host, type: accepted and ignored, as other servers do
        else
            return StreamIdError{SRT_REJX_KEY_NOTSUP, "unsupported key \"" + std::string(key.substr(0, 20)) + "\""};
    }
    if (!has_resource)
        return bad("stream id has no r= (the stream, like EVENT/speaker)");
    if (!has_user || user.empty())
        return StreamIdError{SRT_REJX_UNAUTHORIZED, "stream id has no u= (producer, or the site id)"};
    const auto slash = resource.find('/');
    if (slash == std::string::npos)
        return bad("r= must be EVENT/STREAM, like zoom-metiers/speaker");
    StreamId id;
    id.event = resource.substr(0, slash);
    id.stream = resource.substr(slash + 1);
    id.user = user;
    if (!config::is_valid_id(id.event) || !is_valid_stream_name(id.stream))
        return bad("event and stream names use only a-z, 0-9 and -");
    if (mode == "publish")
        id.mode = StreamMode::publish;
    else if (mode == "request")
        id.mode = StreamMode::play;
    else
        return StreamIdError{SRT_REJX_BAD_MODE, "m= must be publish or request, not \"" + mode.substr(0, 20) + "\""};
    return id;
}

}  // namespace estrade::srt
