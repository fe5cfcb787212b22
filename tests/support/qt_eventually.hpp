#pragma once
// For tests of Qt types whose threads post to Qt's event loop: runs the loop until the condition holds.

#include <QCoreApplication>

#include <chrono>
#include <thread>

namespace estrade::testing {

template <typename Condition>
bool qt_eventually(Condition condition, std::chrono::milliseconds timeout = std::chrono::milliseconds(8000))
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        if (condition())
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return condition();
}

}  // namespace estrade::testing
