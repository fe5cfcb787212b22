// The room's questions: type one (and a name, if you like), send; follow each one's state; give this
// room's voice to another room's question. Everything works from the keyboard: Q opens it, the text
// has focus, Ctrl+Enter sends, Tab moves on, Escape closes.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Estrade.Viewer

Drawer {
    id: panel
    required property Room room

    edge: Qt.RightEdge
    onOpened: questionText.forceActiveFocus()

    function send() {
        if (questionText.text.trim() === "")
            return
        panel.room.ask(questionText.text, askerName.text)
        questionText.text = ""
        questionText.forceActiveFocus()
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 16
        spacing: 10

        Label {
            text: qsTr("Questions from %1").arg(panel.room.siteName)
            font.bold: true
            font.pixelSize: 20
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
        }
        Label {
            objectName: "channelStatus"
            text: panel.room.channelStatus
            color: panel.room.channelConnected ? "#2e7d32" : "#e65100"
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
        }
        TextArea {
            id: questionText
            objectName: "questionText"
            placeholderText: qsTr("Type your question")
            wrapMode: TextEdit.Wrap
            Layout.fillWidth: true
            Layout.preferredHeight: 96
            Keys.onPressed: (event) => {
                if ((event.key === Qt.Key_Return || event.key === Qt.Key_Enter) && (event.modifiers & Qt.ControlModifier)) {
                    panel.send()
                    event.accepted = true
                }
            }
            KeyNavigation.tab: askerName
        }
        RowLayout {
            Layout.fillWidth: true
            TextField {
                id: askerName
                objectName: "askerName"
                placeholderText: qsTr("Your name (optional)")
                Layout.fillWidth: true
                onAccepted: panel.send()
                KeyNavigation.tab: sendButton
            }
            Button {
                id: sendButton
                text: qsTr("Send (Ctrl+Enter)")
                enabled: questionText.text.trim() !== ""
                onClicked: panel.send()
            }
        }
        // Asking aloud: the moderator may give this room the floor; the text above, if any, says what about.
        RowLayout {
            Layout.fillWidth: true
            Button {
                id: askAloudButton
                objectName: "askAloud"
                text: qsTr("Ask to speak")
                enabled: panel.room.canAskAloud && !panel.room.haveFloor
                onClicked: {
                    panel.room.askAloud(questionText.text, askerName.text)
                    questionText.text = ""
                }
            }
            Label {
                objectName: "askAloudProblem"
                text: panel.room.askAloudProblem !== "" ? panel.room.askAloudProblem
                                                        : qsTr("The moderator gives the floor to one room at a time.")
                color: panel.room.askAloudProblem !== "" ? "#e65100" : "#555"
                font.pixelSize: 12
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
        }
        Label {
            visible: text !== ""
            text: panel.room.lastRefusal === "" ? "" : qsTr("Not accepted: %1").arg(panel.room.lastRefusal)
            color: "#c62828"
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
        }
        ListView {
            id: list
            objectName: "questionList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 8
            model: panel.room.questions
            delegate: Rectangle {
                id: row
                required property var questionId
                required property string text
                required property string from
                required property string state
                required property int votes
                required property bool mine
                required property bool canVote
                required property bool voted
                width: ListView.view.width
                height: rowColumn.implicitHeight + 16
                radius: 6
                color: state === "on screen" ? "#fff3c4" : (mine ? "#e8f0fe" : "#f4f4f4")

                ColumnLayout {
                    id: rowColumn
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.verticalCenter: parent.verticalCenter
                    anchors.margins: 8
                    Label {
                        text: row.text
                        wrapMode: Text.WordWrap
                        Layout.fillWidth: true
                        color: "#111"
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        Label {
                            text: row.from + " · " + row.state + (row.votes > 0 ? " · " + qsTr("%n vote(s)", "", row.votes) : "")
                            color: "#555"
                            font.pixelSize: 12
                            Layout.fillWidth: true
                            wrapMode: Text.WordWrap
                        }
                        Button {
                            visible: row.canVote
                            text: qsTr("+1 for this room")
                            onClicked: panel.room.vote(row.questionId)
                        }
                        Label {
                            visible: row.voted
                            text: qsTr("voted")
                            color: "#2e7d32"
                            font.pixelSize: 12
                        }
                    }
                }
            }
        }
    }
}
