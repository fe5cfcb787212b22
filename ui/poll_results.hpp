#pragma once
// A show of hands' results as QML draws them, the same in the rooms and in the moderator's console: one
// bar per answer (its total, and its share of the largest so bars fit), and one row per room.

#include "qa/poll.hpp"

#include <QString>
#include <QStringList>
#include <QVariantList>
#include <QVariantMap>

#include <algorithm>
#include <string>
#include <vector>

namespace estrade::ui {

inline QVariantList poll_bars(const std::vector<std::string>& choices, const std::vector<int>& totals)
{
    const int largest = std::max(1, totals.empty() ? 0 : *std::max_element(totals.begin(), totals.end()));
    QVariantList bars;
    for (std::size_t i = 0; i < choices.size(); ++i) {
        const int total = i < totals.size() ? totals[i] : 0;
        bars.append(QVariantMap{{"choice", QString::fromStdString(choices[i])},
                                {"total", total},
                                {"share", static_cast<double>(total) / largest}});
    }
    return bars;
}

inline QStringList string_list(const std::vector<std::string>& texts)
{
    QStringList list;
    for (const auto& text : texts)
        list.append(QString::fromStdString(text));
    return list;
}

inline QVariantList int_list(const std::vector<int>& numbers)
{
    QVariantList list;
    for (int n : numbers)
        list.append(n);
    return list;
}

}  // namespace estrade::ui
