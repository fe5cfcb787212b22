// The show of hands: ask the rooms (a question, up to five answers, a time), count the host room's hands,
// follow the rooms answering, close it early; then the results, shown in every room until "Move on".
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Estrade.Moderator

Frame {
    id: pollPanel
    required property Desk desk
    readonly property PollControl poll: desk.poll

    function hostCounts() {
        var counts = []
        for (var i = 0; i < hostFields.count; ++i)
            counts.push(hostFields.itemAt(i).text)
        return counts
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 6

        RowLayout {
            Label { text: qsTr("Show of hands"); font.bold: true; font.pixelSize: 16; Layout.fillWidth: true }
            Label {
                objectName: "pollCountdown"
                visible: pollPanel.poll.open
                text: Math.floor(pollPanel.poll.secondsLeft / 60) + ":" + ("0" + pollPanel.poll.secondsLeft % 60).slice(-2)
                font.bold: true
                font.pixelSize: 16
            }
        }

        // Nothing asked: the form.
        ColumnLayout {
            visible: !pollPanel.poll.active
            Layout.fillWidth: true
            TextField {
                id: pollQuestion
                objectName: "pollQuestion"
                placeholderText: qsTr("Question, e.g. Who here is already in training?")
                Layout.fillWidth: true
            }
            TextField {
                id: pollAnswers
                objectName: "pollAnswers"
                placeholderText: qsTr("Answers, separated by / (empty: hands up)")
                Layout.fillWidth: true
            }
            RowLayout {
                SpinBox { id: pollSeconds; from: 10; to: 900; stepSize: 10; value: 60; editable: true }
                Label { text: qsTr("seconds") }
                Item { Layout.fillWidth: true }
                Button {
                    objectName: "askPoll"
                    text: qsTr("Ask every room")
                    enabled: pollQuestion.text.trim() !== ""
                    onClicked: {
                        pollPanel.poll.ask(pollQuestion.text, pollAnswers.text, pollSeconds.value)
                        pollQuestion.text = ""
                        pollAnswers.text = ""
                    }
                }
            }
        }

        // Asked: the question, the totals as they come, each room, the host room's count.
        Label {
            visible: pollPanel.poll.active
            text: pollPanel.poll.question
            font.bold: true
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
        Repeater {
            model: pollPanel.poll.active ? pollPanel.poll.bars : []
            delegate: RowLayout {
                required property var modelData
                Layout.fillWidth: true
                Label { text: modelData.choice; elide: Text.ElideRight; Layout.preferredWidth: pollPanel.width * 0.35 }
                Rectangle {
                    Layout.preferredWidth: Math.max(2, pollPanel.width * 0.4 * modelData.share)
                    Layout.preferredHeight: 12
                    color: "#1e88e5"
                }
                Item { Layout.fillWidth: true }
                Label { objectName: "pollTotal"; text: modelData.total; font.bold: true }
            }
        }
        Label {
            visible: pollPanel.poll.active
            text: qsTr("%1 of %2 rooms have answered").arg(pollPanel.poll.roomsAnswered).arg(pollPanel.poll.roomCount)
            color: "#555"
        }
        Flow {
            visible: pollPanel.poll.active
            Layout.fillWidth: true
            spacing: 10
            Repeater {
                model: pollPanel.poll.active ? pollPanel.poll.rooms : []
                delegate: Label {
                    required property var modelData
                    text: modelData.room + ": " + (modelData.answered ? modelData.counts.join(" · ") : "—")
                    color: modelData.answered ? "#222" : "#999"
                    font.pixelSize: 12
                }
            }
        }
        RowLayout {
            visible: pollPanel.poll.open
            Label { text: pollPanel.poll.hostName + ":"; elide: Text.ElideRight; Layout.maximumWidth: pollPanel.width * 0.3 }
            Repeater {
                id: hostFields
                model: pollPanel.poll.open ? pollPanel.poll.choices : []
                delegate: TextField {
                    required property string modelData
                    placeholderText: modelData
                    validator: IntValidator { bottom: 0; top: 9999 }
                    Layout.preferredWidth: 70
                    onAccepted: pollPanel.poll.countHostRoom(pollPanel.hostCounts())
                }
            }
            Button { text: qsTr("Count"); onClicked: pollPanel.poll.countHostRoom(pollPanel.hostCounts()) }
        }
        RowLayout {
            visible: pollPanel.poll.active
            Item { Layout.fillWidth: true }
            Button {
                objectName: "closePoll"
                visible: pollPanel.poll.open
                text: qsTr("Close now")
                onClicked: pollPanel.poll.closeNow()
            }
            Button {
                objectName: "moveOnPoll"
                visible: !pollPanel.poll.open
                text: qsTr("Move on")
                onClicked: pollPanel.poll.moveOn()
            }
        }
    }
}
