// While this room has the floor: a large sign that cannot be missed, the microphone's level, and the way
// to hand the floor back (the button, or H). Nothing of it shows otherwise: the microphone is closed.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Estrade.Viewer

Rectangle {
    id: sign
    required property Room room

    visible: room.haveFloor
    height: Math.max(120, parent.height * 0.24)
    // Opaque, square corners, no border: on a PC without a GPU (llvmpipe) antialiased edges put the whole
    // sign in the blended batch, drawn over the video every frame (measured: ~2 % of a core).
    color: "#b71c1c"

    Shortcut { enabled: sign.visible; sequence: "H"; onActivated: sign.room.handBackFloor() }

    RowLayout {
        anchors.fill: parent
        anchors.margins: sign.height * 0.1
        spacing: sign.height * 0.12

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Text {
                objectName: "floorHeadline"
                text: qsTr("You have the floor — speak now")
                color: "white"
                font.bold: true
                font.pixelSize: sign.height * 0.24
                fontSizeMode: Text.HorizontalFit
                minimumPixelSize: 12
                Layout.fillWidth: true
            }
            Text {
                objectName: "floorDetail"
                text: sign.room.microphoneStatus !== "" ? sign.room.microphoneStatus
                                                         : qsTr("Microphone live: every room hears you")
                color: sign.room.microphoneStatus !== "" ? "#ffe082" : "white"
                font.pixelSize: sign.height * 0.13
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            // The level: from -60 dBFS (empty) to 0 (full); green while the voice is heard.
            Rectangle {
                objectName: "microphoneMeter"
                Layout.fillWidth: true
                Layout.preferredHeight: sign.height * 0.12
                color: "#7f1616"
                Rectangle {
                    height: parent.height
                    width: parent.width * Math.max(0, Math.min(1, (sign.room.microphoneLevel + 60) / 60))
                    color: sign.room.microphoneLevel > -40 ? "#66bb6a" : "#9e9e9e"
                }
            }
        }
        Button {
            objectName: "handBackFloor"
            text: qsTr("Hand the floor back (H)")
            font.pixelSize: Math.max(12, sign.height * 0.1)
            onClicked: sign.room.handBackFloor()
        }
    }
}
