// The show of hands, large: while open, the question, the countdown and one field per answer for the number
// of hands (digits, Enter goes to the next field and sends from the last); once closed, the results across
// the event and per room, until the moderator moves on. Views only: ShowOfHands (C++) holds the state.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Estrade.Viewer

Rectangle {
    id: card
    required property ShowOfHands poll
    readonly property real unit: Math.max(10, Math.min(width / 40, height / 22))

    visible: poll.active
    // Opaque and square, like the floor sign: cheap to draw over video without a GPU.
    color: "#0d2c4a"

    function countdown(seconds) {
        return Math.floor(seconds / 60) + ":" + ("0" + seconds % 60).slice(-2)
    }
    function next(index) {
        if (index + 1 < fields.count)
            fields.itemAt(index + 1).field.forceActiveFocus()
        else
            card.send()
    }
    function send() {
        var counts = []
        for (var i = 0; i < fields.count; ++i)
            counts.push(fields.itemAt(i).field.text)
        card.poll.answer(counts)
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: card.unit * 1.2
        spacing: card.unit * 0.6

        RowLayout {
            Layout.fillWidth: true
            Text {
                text: card.poll.open ? qsTr("Show of hands") : qsTr("Show of hands — results")
                color: "#90caf9"
                font.pixelSize: card.unit * 1.3
                font.bold: true
                Layout.fillWidth: true
                elide: Text.ElideRight
            }
            Text {
                objectName: "pollCountdown"
                visible: card.poll.open
                text: card.countdown(card.poll.secondsLeft)
                color: card.poll.secondsLeft <= 10 ? "#ffb74d" : "white"
                font.pixelSize: card.unit * 2.2
                font.bold: true
            }
        }
        Text {
            objectName: "pollQuestion"
            text: card.poll.question
            color: "white"
            font.pixelSize: card.unit * 1.9
            font.bold: true
            wrapMode: Text.Wrap
            maximumLineCount: 3
            elide: Text.ElideRight
            Layout.fillWidth: true
        }

        // Open: one field per answer.
        ColumnLayout {
            visible: card.poll.open
            Layout.fillWidth: true
            spacing: card.unit * 0.4
            Repeater {
                id: fields
                model: card.poll.open ? card.poll.choices : []
                delegate: RowLayout {
                    required property string modelData
                    required property int index
                    property alias field: count
                    Layout.fillWidth: true
                    spacing: card.unit
                    Text {
                        text: modelData
                        color: "white"
                        font.pixelSize: card.unit * 1.4
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                    TextField {
                        id: count
                        objectName: "pollCount" + index
                        Layout.preferredWidth: card.unit * 6
                        font.pixelSize: card.unit * 1.5
                        horizontalAlignment: TextInput.AlignRight
                        inputMethodHints: Qt.ImhDigitsOnly
                        validator: IntValidator { bottom: 0; top: 9999 }
                        placeholderText: "0"
                        // A new poll makes new, empty fields: the first takes the operator's digits at once.
                        Component.onCompleted: if (index === 0) forceActiveFocus()
                        Keys.onReturnPressed: card.next(index)
                        Keys.onEnterPressed: card.next(index)
                    }
                }
            }
            RowLayout {
                Layout.fillWidth: true
                Text {
                    objectName: "pollSent"
                    text: card.poll.sent ? qsTr("Counted: %1 — you may count again until it closes")
                                               .arg(card.poll.sentCounts.join(" · "))
                                         : qsTr("Type how many hands went up for each answer, then Enter")
                    color: card.poll.sent ? "#a5d6a7" : "#cfd8dc"
                    font.pixelSize: card.unit
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                Button {
                    objectName: "pollSend"
                    text: qsTr("Send")
                    font.pixelSize: card.unit
                    onClicked: card.send()
                }
            }
        }

        // Closed: the bars, then each room's count.
        ColumnLayout {
            visible: !card.poll.open
            Layout.fillWidth: true
            spacing: card.unit * 0.3
            Repeater {
                model: card.poll.open ? [] : card.poll.bars
                delegate: RowLayout {
                    required property var modelData
                    Layout.fillWidth: true
                    spacing: card.unit
                    Text {
                        text: modelData.choice
                        color: "white"
                        font.pixelSize: card.unit * 1.3
                        elide: Text.ElideRight
                        Layout.preferredWidth: card.width * 0.36
                    }
                    Item {
                        Layout.fillWidth: true
                        Layout.preferredHeight: card.unit * 1.5
                        Rectangle {
                            height: parent.height
                            width: Math.max(2, parent.width * modelData.share)
                            color: "#42a5f5"
                        }
                    }
                    Text {
                        objectName: "pollTotal"
                        text: modelData.total
                        color: "white"
                        font.pixelSize: card.unit * 1.4
                        font.bold: true
                        horizontalAlignment: Text.AlignRight
                        Layout.preferredWidth: card.unit * 4
                    }
                }
            }
            Text {
                text: qsTr("Per room (%1 answered)").arg(card.poll.roomsAnswered)
                color: "#90caf9"
                font.pixelSize: card.unit
                Layout.topMargin: card.unit * 0.4
            }
            Flow {
                Layout.fillWidth: true
                spacing: card.unit * 1.2
                Repeater {
                    model: card.poll.open ? [] : card.poll.rooms
                    delegate: Text {
                        required property var modelData
                        text: modelData.room + " : " + modelData.counts.join(" · ")
                        color: modelData.thisRoom ? "#ffe082" : "#eceff1"
                        font.bold: modelData.thisRoom
                        font.pixelSize: card.unit * 0.95
                    }
                }
            }
        }

        Text {
            objectName: "pollProblem"
            visible: text !== ""
            text: card.poll.problem
            color: "#ffb74d"
            font.pixelSize: card.unit
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Item { Layout.fillHeight: true }
    }
}
