#pragma once
// The presenter's keys (a keyboard, or a USB clicker that types arrows and page keys) as control
// commands: → space n PageDown next; ← p PageUp Backspace previous; o opening card; t title card and
// q questions card of the current talk; 1-9 the first slide of that talk.

#include "control.hpp"

#include <string_view>
#include <termios.h>
#include <vector>

namespace estrade::producer {

// `bytes` as the terminal gave them (escape sequences included); `current_talk` is 0 at the opening.
std::vector<ControlCommand> commands_from_keys(std::string_view bytes, int current_talk);

// The terminal in "one key at a time" mode for as long as the producer runs, restored after.
class TerminalKeys {
public:
    TerminalKeys();
    ~TerminalKeys();
    TerminalKeys(const TerminalKeys&) = delete;
    TerminalKeys& operator=(const TerminalKeys&) = delete;
    bool active() const { return m_active; }

private:
    termios m_saved{};
    bool m_active = false;
};

}  // namespace estrade::producer
