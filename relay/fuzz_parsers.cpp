// libFuzzer target for the MPEG-TS every publisher sends: the relay inspects each message for its tables,
// keyframes and continuity. Seeded with real streams cut as publishers send them (H.264 with and without
// sound, Opus, H.265): ./estrade fuzz. Stream ids have their own target (fuzz_stream_id.cpp).
#include "relay/ts.hpp"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static estrade::relay::TsInspector inspector;  // state carries over, as it does between messages
    for (std::size_t at = 0; at < size; at += estrade::relay::max_srt_message) {
        const std::size_t length = std::min(size - at, estrade::relay::max_srt_message);
        (void)inspector.inspect({data + at, length});
    }
    (void)inspector.tables();
    return 0;
}
