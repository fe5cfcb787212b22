#include "presenter_keys.hpp"

#include <unistd.h>

#include <algorithm>

namespace estrade::producer {

namespace {

using Verb = ControlCommand::Verb;

ControlCommand go_to(Showing showing, int talk, int slide = 0) { return {Verb::go_to, {showing, talk, slide}, {}}; }

}  // namespace

std::vector<ControlCommand> commands_from_keys(std::string_view keys, int current_talk)
{
    std::vector<ControlCommand> commands;
    const int talk = std::max(1, current_talk);
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const char c = keys[i];
        if (c == '\x1b' && i + 2 < keys.size() && keys[i + 1] == '[') {
            const char code = keys[i + 2];
            i += 2;
            if (code == 'C')
                commands.push_back({Verb::next, {}, {}});
            else if (code == 'D')
                commands.push_back({Verb::previous, {}, {}});
            else if ((code == '5' || code == '6') && i + 1 < keys.size() && keys[i + 1] == '~') {
                ++i;
                commands.push_back({code == '6' ? Verb::next : Verb::previous, {}, {}});
            }
        } else if (c == ' ' || c == 'n') {
            commands.push_back({Verb::next, {}, {}});
        } else if (c == 'p' || c == 0x7f) {
            commands.push_back({Verb::previous, {}, {}});
        } else if (c == 'o') {
            commands.push_back(go_to(Showing::opening, 0));
        } else if (c == 't' || c == 'q') {
            commands.push_back(go_to(c == 't' ? Showing::title_card : Showing::questions, talk));
        } else if (c >= '1' && c <= '9') {
            commands.push_back(go_to(Showing::slide, c - '0', 1));
        }
    }
    return commands;
}

TerminalKeys::TerminalKeys()
{
    if (!::isatty(STDIN_FILENO) || ::tcgetattr(STDIN_FILENO, &m_saved) != 0)
        return;
    termios raw = m_saved;
    raw.c_lflag &= static_cast<tcflag_t>(~(ICANON | ECHO));
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    m_active = ::tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0;
}

TerminalKeys::~TerminalKeys()
{
    if (m_active)
        ::tcsetattr(STDIN_FILENO, TCSANOW, &m_saved);
}

}  // namespace estrade::producer
