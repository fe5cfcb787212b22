// The host's control room: the queue on the left, the programme and the rooms on the right, the state
// of every part on top. Views and bindings only; the desk (C++) holds the state.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Estrade.Moderator

ApplicationWindow {
    id: window
    required property Desk desk
    property string invitationFolder: "invitations"
    property string reportFolder: "report"

    visible: true
    title: qsTr("Estrade — moderator — %1").arg(desk.eventTitle)

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 12
            anchors.rightMargin: 12
            spacing: 16
            Label {
                text: window.desk.eventTitle
                font.bold: true
                font.pixelSize: 18
            }
            Label {
                objectName: "brokerStatus"
                text: "● " + (window.desk.brokerConnected ? qsTr("questions") : qsTr("question channel not answering"))
                color: window.desk.brokerConnected ? "#2e7d32" : "#c62828"
            }
            Label {
                objectName: "producerStatus"
                text: qsTr("producer: %1").arg(window.desk.producerStatus)
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
        }
    }

    footer: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 12
            Label {
                objectName: "relayStatus"
                text: qsTr("relay: %1").arg(window.desk.relayStatus)
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Label {
                objectName: "notice"
                text: window.desk.lastError !== "" ? "⚠ " + window.desk.lastError : window.desk.notice
                color: window.desk.lastError !== "" ? "#c62828" : "#333"
                elide: Text.ElideRight
                Layout.maximumWidth: window.width * 0.5
            }
        }
    }

    RowLayout {
        anchors.fill: parent
        anchors.margins: 10
        spacing: 10

        QueuePanel {
            id: queue
            desk: window.desk
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredWidth: 3
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredWidth: 2
            spacing: 10

            ProgrammePanel {
                desk: window.desk
                Layout.fillWidth: true
            }
            FloorPanel {
                desk: window.desk
                Layout.fillWidth: true
            }
            PollPanel {
                desk: window.desk
                Layout.fillWidth: true
            }
            SiteBoard {
                desk: window.desk
                Layout.fillWidth: true
                Layout.fillHeight: true
            }
            RowLayout {
                Button {
                    text: qsTr("Write join files")
                    onClicked: window.desk.writeInvitations(window.invitationFolder)
                }
                Button {
                    text: qsTr("Web links")
                    visible: window.desk.webEnabled
                    onClicked: window.desk.writeWebLinks(window.invitationFolder)
                }
                Button {
                    text: qsTr("Export the follow-up report")
                    onClicked: window.desk.exportReport(window.reportFolder)
                }
            }
        }
    }

    // Keys for what the moderator does most; typing in a field is not taken by them.
    Shortcut { sequence: "N"; onActivated: window.desk.next() }
    Shortcut { sequence: "Shift+N"; onActivated: window.desk.previous() }
    Shortcut { sequence: "W"; onActivated: window.desk.setQuestionsOpen(!window.desk.questionsOpen) }
    Shortcut { sequence: "P"; onActivated: queue.pickSelected() }
    Shortcut { sequence: "V"; onActivated: queue.approveSelected() }
    Shortcut { sequence: "A"; onActivated: queue.answerSelected() }
    Shortcut { sequence: "D"; onActivated: queue.dismissSelected() }
    Shortcut { sequence: "M"; onActivated: queue.mergeSelected() }
    Shortcut { sequence: "E"; onActivated: queue.editSelected() }
    Shortcut { sequence: "F"; onActivated: queue.floorSelected() }
    Shortcut { sequence: "T"; onActivated: window.desk.takeFloorBack() }
}
