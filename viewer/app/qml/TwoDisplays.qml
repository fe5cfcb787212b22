// Two displays: the speaker full screen on one (a TV, with the programme, the picked question and the
// question panel), the slides full screen on the other (the projector).
import QtQuick
import QtQuick.Controls
import QtQuick.Window
import Estrade.Viewer

ApplicationWindow {
    id: window
    required property Room room
    required property int speakerScreen
    required property int slidesScreen

    // The screen's whole area as well as full screen: without a window manager (a kiosk PC, Xvfb) the
    // full-screen request alone leaves the window at its default size.
    screen: Qt.application.screens[speakerScreen]
    x: screen.virtualX
    y: screen.virtualY
    width: screen.width
    height: screen.height
    visible: true
    visibility: Window.FullScreen
    color: "black"
    title: room.siteName + " — " + qsTr("speaker")

    StreamArea {
        anchors.fill: parent
        room: window.room
        stream: "speaker"
        label: qsTr("Speaker")
        status: window.room.speakerStatus
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

    QuestionPanel {
        id: panel
        room: window.room
        height: window.height
        width: Math.min(window.width * 0.42, 560)
    }

    RoomShortcuts {
        room: window.room
        layouts: false
        onToggleFullScreen: window.visibility = window.visibility === Window.FullScreen ? Window.Windowed : Window.FullScreen
        onOpenQuestions: panel.open()
        onToggleBanner: banner.hidden = !banner.hidden
        onDismiss: panel.close()
    }

    Window {
        id: slidesWindow
        objectName: "slidesWindow"
        screen: Qt.application.screens[window.slidesScreen]
        x: screen.virtualX
        y: screen.virtualY
        width: screen.width
        height: screen.height
        visible: true
        visibility: Window.FullScreen
        color: "black"
        title: window.room.siteName + " — " + qsTr("slides")

        StreamArea {
            anchors.fill: parent
            room: window.room
            stream: "slides"
            label: qsTr("Slides")
            status: window.room.slidesStatus
        }
    }
}
