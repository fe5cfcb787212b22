// libFuzzer targets for what arrives as a file: a join file (sent to a room by e-mail: untrusted input)
// and an event file. Built twice, ESTRADE_FUZZ_JOIN_FILE choosing the join file; run by ./estrade fuzz.
#include "config/event_file.hpp"
#include "config/invitation.hpp"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
#ifdef ESTRADE_FUZZ_JOIN_FILE
    (void)estrade::config::load_invitation_text(text, "/nonexistent/fuzz.estrade");
#else
    (void)estrade::config::load_event_text(text, "/nonexistent/fuzz.toml");
#endif
    return 0;
}
