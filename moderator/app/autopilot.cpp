#include "autopilot.hpp"

#include <iostream>

namespace estrade::moderator {

Autopilot::Autopilot(Desk& desk, double step_seconds, QObject* parent) : QObject(parent), m_desk(desk)
{
    connect(&m_timer, &QTimer::timeout, this, &Autopilot::tick);
    m_timer.start(static_cast<int>(step_seconds * 500));
}

void Autopilot::tick()
{
    m_halfway = !m_halfway;
    if (m_halfway) {
        const auto& programme = m_desk.view().programme;
        if (!programme || programme->step.kind != qa::StepKind::questions)
            return;
        for (const auto& row : m_desk.queue()->rows())
            if (row.state == "waiting") {  // the first in fair order
                std::cout << "autopilot: on screen #" << row.id << " from " << row.site_name << std::endl;
                m_desk.pick(row.id);
                break;
            }
        return;
    }
    if (m_desk.hasNext()) {
        std::cout << "autopilot: next → " << m_desk.nextStep().toStdString() << std::endl;
        m_desk.next();
    }
}

}  // namespace estrade::moderator
