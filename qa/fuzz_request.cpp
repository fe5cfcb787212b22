// libFuzzer target for the broker's request decoder: whatever bytes a peer sends, decoding
// returns a request or a reason, never crashes. Build: ./estrade fuzz (clang, ESTRADE_FUZZ=ON).
#include "qa/protocol.hpp"
#include "qa/question_queue.hpp"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view frame(reinterpret_cast<const char*>(data), size);
    auto decoded = estrade::qa::decode_request(frame);
    if (auto* request = std::get_if<estrade::qa::Request>(&decoded)) {
        // The readers the broker applies to a decoded body must not throw either.
        (void)estrade::qa::integer_field(request->body, "question");
        (void)estrade::qa::string_field(request->body, "text");
        (void)estrade::qa::step_from_json(request->body);
        std::string text = estrade::qa::string_field(request->body, "text").value_or("");
        (void)estrade::qa::check_question_text(text);
    }
    return 0;
}
