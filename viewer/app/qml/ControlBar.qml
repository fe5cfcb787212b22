// The on-screen buttons for what the keys do; shown when the mouse moves, hidden after a few seconds.
import QtQuick
import QtQuick.Controls
import Estrade.Viewer

Row {
    id: bar
    required property Room room
    property bool fullScreen: false
    signal toggleFullScreen()
    signal openQuestions()

    function reveal() {
        opacity = 1
        hideTimer.restart()
    }

    spacing: 6
    opacity: 1
    Behavior on opacity { NumberAnimation { duration: 300 } }
    Component.onCompleted: hideTimer.start()

    Timer {
        id: hideTimer
        interval: 4000
        onTriggered: bar.opacity = 0
    }

    Repeater {
        model: [{ key: 1, name: qsTr("Speaker") }, { key: 2, name: qsTr("Slides") }, { key: 3, name: qsTr("Side by side") },
                { key: 4, name: qsTr("Slides + speaker") }]
        Button {
            required property var modelData
            text: modelData.key + "  " + modelData.name
            highlighted: bar.room.layout === modelData.key
            focusPolicy: Qt.NoFocus
            onClicked: bar.room.chooseLayout(modelData.key)
        }
    }
    Button {
        text: "0  " + qsTr("Follow the host")
        highlighted: bar.room.followingHost
        focusPolicy: Qt.NoFocus
        onClicked: bar.room.followHost()
    }
    Button {
        text: "F  " + (bar.fullScreen ? qsTr("Window") : qsTr("Full screen"))
        focusPolicy: Qt.NoFocus
        onClicked: bar.toggleFullScreen()
    }
    Button {
        text: "Q  " + qsTr("Questions")
        focusPolicy: Qt.NoFocus
        onClicked: bar.openQuestions()
    }
}
