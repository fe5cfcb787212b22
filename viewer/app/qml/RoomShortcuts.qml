// The keys a room uses. Typing in the question panel is not taken by them: text fields claim printable
// keys before shortcuts see them.
import QtQuick
import Estrade.Viewer

Item {
    id: keys
    required property Room room
    property bool layouts: true
    signal toggleFullScreen()
    signal openQuestions()
    signal toggleBanner()
    signal dismiss()

    Shortcut { enabled: keys.layouts; sequence: "1"; onActivated: keys.room.chooseLayout(1) }
    Shortcut { enabled: keys.layouts; sequence: "2"; onActivated: keys.room.chooseLayout(2) }
    Shortcut { enabled: keys.layouts; sequence: "3"; onActivated: keys.room.chooseLayout(3) }
    Shortcut { enabled: keys.layouts; sequence: "4"; onActivated: keys.room.chooseLayout(4) }
    Shortcut { enabled: keys.layouts; sequence: "0"; onActivated: keys.room.followHost() }
    Shortcut { sequence: "F"; onActivated: keys.toggleFullScreen() }
    Shortcut { sequence: "F11"; onActivated: keys.toggleFullScreen() }
    Shortcut { sequence: "Q"; onActivated: keys.openQuestions() }
    Shortcut { sequence: "B"; onActivated: keys.toggleBanner() }
    Shortcut { sequence: "Escape"; onActivated: keys.dismiss() }
}
