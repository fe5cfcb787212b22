// One display: the room's two streams in the chosen layout, the programme, the picked question, the
// question panel. Views and bindings only; the room (C++) holds the state.
import QtQuick
import QtQuick.Controls
import QtQuick.Window
import Estrade.Viewer

ApplicationWindow {
    id: window
    required property Room room
    property bool startFullScreen: false
    property bool startWithQuestions: false

    visible: true
    visibility: startFullScreen ? Window.FullScreen : Window.Windowed
    color: "black"
    title: room.siteName + " — " + room.eventTitle

    function toggleFullScreen() {
        visibility = visibility === Window.FullScreen ? Window.Windowed : Window.FullScreen
    }

    Stage {
        anchors.fill: parent
        room: window.room
    }

    PickedQuestion {
        anchors.bottom: banner.visible ? banner.top : parent.bottom
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottomMargin: parent.height * 0.02
        width: parent.width * 0.9
        room: window.room
    }

    FloorSign {
        anchors.top: parent.top
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.topMargin: parent.height * 0.04
        width: parent.width * 0.9
        room: window.room
    }

    ShowOfHandsCard {
        objectName: "showOfHands"
        anchors.centerIn: parent
        width: parent.width * 0.8
        height: parent.height * 0.72
        poll: window.room.showOfHands
    }

    Banner {
        id: banner
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        headline: window.room.bannerHeadline
        detail: window.room.bannerDetail
        floorHolder: window.room.haveFloor ? "" : window.room.floorHolder
        soundStatus: window.room.soundStatus
        siteName: window.room.siteName
    }

    ControlBar {
        id: controls
        anchors.top: parent.top
        anchors.right: parent.right
        anchors.margins: 8
        room: window.room
        fullScreen: window.visibility === Window.FullScreen
        onToggleFullScreen: window.toggleFullScreen()
        onOpenQuestions: panel.open()
    }

    QuestionPanel {
        id: panel
        room: window.room
        height: window.height
        width: Math.min(window.width * 0.42, 560)
        Component.onCompleted: if (window.startWithQuestions) panel.open()
    }

    RoomShortcuts {
        room: window.room
        layouts: true
        onToggleFullScreen: window.toggleFullScreen()
        onOpenQuestions: panel.open()
        onToggleBanner: banner.hidden = !banner.hidden
        onDismiss: {
            if (panel.opened)
                panel.close()
            else if (window.visibility === Window.FullScreen)
                window.visibility = Window.Windowed
        }
    }

    // Moving the mouse shows the buttons for a few seconds.
    MouseArea {
        anchors.fill: parent
        hoverEnabled: true
        acceptedButtons: Qt.NoButton
        onPositionChanged: controls.reveal()
    }
}
