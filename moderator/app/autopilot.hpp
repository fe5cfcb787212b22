#pragma once
// The demo's moderator: every `step_seconds`, half a step in, the first waiting question in fair order
// goes on screen during question time; at the end of the step, the programme moves on.

#include "desk.hpp"

#include <QTimer>

namespace estrade::moderator {

class Autopilot : public QObject {
    Q_OBJECT
public:
    Autopilot(Desk& desk, double step_seconds, QObject* parent = nullptr);

private:
    void tick();

    Desk& m_desk;
    QTimer m_timer;
    bool m_halfway = false;
};

}  // namespace estrade::moderator
