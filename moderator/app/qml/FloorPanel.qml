// Who has the floor, since when, and how loud that room reaches the host; taking it back (T).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Estrade.Moderator

Frame {
    id: floorPanel
    required property Desk desk

    RowLayout {
        anchors.fill: parent
        spacing: 10
        ColumnLayout {
            Layout.fillWidth: true
            Label {
                objectName: "floorStatus"
                text: floorPanel.desk.floorStatus
                font.bold: floorPanel.desk.floorSite !== ""
                color: floorPanel.desk.floorProblem ? "#c62828" : "#222"
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            // The room's sound as it reaches the host: -60 dBFS empty, 0 full.
            Rectangle {
                objectName: "floorMeter"
                visible: floorPanel.desk.floorSite !== ""
                Layout.fillWidth: true
                Layout.preferredHeight: 10
                radius: 5
                color: "#e0e0e0"
                Rectangle {
                    height: parent.height
                    radius: 5
                    width: parent.width * Math.max(0, Math.min(1, (floorPanel.desk.floorLevel + 60) / 60))
                    color: floorPanel.desk.floorLevel > -40 ? "#43a047" : "#9e9e9e"
                }
            }
        }
        Button {
            objectName: "takeFloorBack"
            text: qsTr("Take the floor back (T)")
            enabled: floorPanel.desk.floorSite !== ""
            onClicked: floorPanel.desk.takeFloorBack()
        }
    }
}
