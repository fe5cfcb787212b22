// libFuzzer target for the stream id a caller sends during the SRT handshake (./estrade fuzz).
#include "srt/stream_id.hpp"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    (void)estrade::srt::parse_stream_id(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
