// Every room: its streams from the relay, the question channel, its seats and questions.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Estrade.Moderator

Frame {
    id: board
    required property Desk desk

    ColumnLayout {
        anchors.fill: parent
        Label { text: qsTr("Rooms"); font.bold: true; font.pixelSize: 18 }
        ListView {
            objectName: "siteList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 4
            model: board.desk.sites
            delegate: Rectangle {
                id: site
                required property string siteId
                required property string name
                required property int seats
                required property bool host
                required property int streams
                required property string relay
                required property bool onQuestionChannel
                required property int asked
                required property int heard
                required property int waiting
                width: ListView.view.width
                height: info.implicitHeight + 10
                color: "#f7f7f7"
                radius: 4
                ColumnLayout {
                    id: info
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.verticalCenter: parent.verticalCenter
                    anchors.margins: 8
                    spacing: 1
                    RowLayout {
                        Layout.fillWidth: true
                        Label {
                            text: site.name + (site.host ? " " + qsTr("(host)") : "") + " · " + qsTr("%n seat(s)", "", site.seats)
                                  + (board.desk.floorSite === site.siteId ? " · " + qsTr("has the floor") : "")
                            font.bold: true
                            Layout.fillWidth: true
                            elide: Text.ElideRight
                        }
                        Button {
                            objectName: "giveFloor-" + site.siteId
                            visible: !site.host && board.desk.floorSite !== site.siteId
                            text: qsTr("Give the floor")
                            onClicked: board.desk.giveFloorTo(site.siteId)
                        }
                    }
                    Label {
                        text: (site.host ? "" : (site.streams === 2 ? "● " : site.streams === 1 ? "◐ " : "○ ") + site.relay + " · ")
                              + qsTr("questions") + (site.onQuestionChannel ? " ●" : " ○")
                              + " · " + qsTr("asked %1, heard %2, waiting %3").arg(site.asked).arg(site.heard).arg(site.waiting)
                        color: !site.host && site.streams < 2 ? "#c62828" : "#444"
                        font.pixelSize: 12
                        Layout.fillWidth: true
                        elide: Text.ElideRight
                    }
                }
            }
        }
    }
}
