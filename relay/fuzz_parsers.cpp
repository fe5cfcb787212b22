// libFuzzer target for what the relay reads from the network: stream ids (during the handshake)
// and MPEG-TS (every message a publisher sends). Build and run: ./estrade fuzz.
#include "srt/stream_id.hpp"
#include "relay/ts.hpp"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    (void)estrade::srt::parse_stream_id(std::string_view(reinterpret_cast<const char*>(data), size));
    static estrade::relay::TsInspector inspector;  // state carries over, as it does between messages
    for (std::size_t at = 0; at < size; at += estrade::relay::max_srt_message) {
        const std::size_t length = std::min(size - at, estrade::relay::max_srt_message);
        (void)inspector.inspect({data + at, length});
    }
    (void)inspector.tables();
    return 0;
}
