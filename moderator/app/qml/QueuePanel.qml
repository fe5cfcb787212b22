// The question queue in fair order, filters by room and talk, and the actions on the selected question.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Estrade.Moderator

Frame {
    id: panel
    required property Desk desk
    property var selected: list.currentItem

    function pickSelected() { if (selected) desk.pick(selected.questionId) }
    function approveSelected() { if (selected && selected.state === "pending") desk.approve(selected.questionId) }
    function answerSelected() { if (selected) desk.answered(selected.questionId) }
    function dismissSelected() { if (selected) { dismissDialog.open(); reason.forceActiveFocus() } }
    function mergeSelected() { if (selected) mergeDialog.open() }
    function floorSelected() { if (selected && selected.aloud) desk.giveFloor(selected.questionId) }
    // The broker's state names, in the console's language.
    function stateInWords(state) {
        switch (state) {
        case "pending": return qsTr("awaiting approval")
        case "waiting": return qsTr("waiting")
        case "on_screen": return qsTr("on screen")
        case "answered": return qsTr("answered")
        case "dismissed": return qsTr("dismissed")
        case "withdrawn": return qsTr("withdrawn")
        case "merged": return qsTr("merged")
        }
        return state
    }
    function editSelected() { if (selected) { editText.text = selected.text; editDialog.open(); editText.forceActiveFocus() } }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8

        RowLayout {
            Label { text: qsTr("Questions"); font.bold: true; font.pixelSize: 18 }
            Item { Layout.fillWidth: true }
            ComboBox {
                id: siteFilter
                model: [qsTr("All rooms")].concat(panel.desk.siteNames)
                onActivated: (index) => panel.desk.filterSite = index === 0 ? "" : panel.desk.siteIds[index - 1]
            }
            ComboBox {
                model: {
                    let talks = [qsTr("All talks")]
                    for (let i = 1; i <= panel.desk.talkCount; ++i)
                        talks.push(qsTr("Talk %1").arg(i))
                    return talks
                }
                onActivated: (index) => panel.desk.filterTalk = index
            }
            Switch {
                text: panel.desk.questionsOpen ? qsTr("Open (W)") : qsTr("Closed (W)")
                checked: panel.desk.questionsOpen
                onToggled: panel.desk.setQuestionsOpen(checked)
            }
        }

        ListView {
            id: list
            objectName: "queueList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 4
            focus: true
            keyNavigationEnabled: true
            model: panel.desk.queue
            highlightMoveDuration: 0
            // A list rebuilt (a new question, a new order) keeps a selection, so the keys always act.
            onCountChanged: if (currentIndex < 0 && count > 0) currentIndex = 0
            delegate: Rectangle {
                id: row
                required property int index
                required property var questionId
                required property string text
                required property string originalText
                required property string siteName
                required property string asker
                required property int talk
                required property string state
                required property int votes
                required property int rank
                required property bool aloud
                width: ListView.view.width
                height: column.implicitHeight + 14
                radius: 4
                color: ListView.isCurrentItem ? "#d0e4ff" : state === "on_screen" ? "#fff3c4"
                       : state === "pending" ? "#ffe0b2" : state === "waiting" ? "#f7f7f7" : "#fbfbfb"
                opacity: state === "waiting" || state === "on_screen" || state === "pending" ? 1 : 0.55

                MouseArea {
                    anchors.fill: parent
                    onClicked: list.currentIndex = row.index
                    onDoubleClicked: panel.desk.pick(row.questionId)
                }
                ColumnLayout {
                    id: column
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.verticalCenter: parent.verticalCenter
                    anchors.margins: 8
                    spacing: 2
                    Label {
                        text: (row.rank > 0 ? row.rank + ". " : "") + row.text
                        wrapMode: Text.WordWrap
                        Layout.fillWidth: true
                        font.pixelSize: 15
                    }
                    Label {
                        text: row.siteName + (row.asker !== "" ? " — " + row.asker : "") + " · " + qsTr("talk %1").arg(row.talk)
                              + " · " + panel.stateInWords(row.state) + (row.votes > 0 ? " · +" + row.votes : "")
                              + (row.originalText !== "" ? " · " + qsTr("edited") : "")
                        color: "#555"
                        font.pixelSize: 12
                        Layout.fillWidth: true
                        elide: Text.ElideRight
                    }
                }
            }
        }

        RowLayout {
            enabled: panel.selected !== null
            Button {
                text: qsTr("Give the floor (F)")
                visible: panel.selected !== null && panel.selected.aloud
                onClicked: panel.floorSelected()
            }
            Button {
                objectName: "approve"
                text: qsTr("Approve (V)")
                visible: panel.selected !== null && panel.selected.state === "pending"
                onClicked: panel.approveSelected()
            }
            Button { text: qsTr("On screen (P)"); onClicked: panel.pickSelected() }
            Button { text: qsTr("Answered (A)"); onClicked: panel.answerSelected() }
            Button { text: qsTr("Dismiss… (D)"); onClicked: panel.dismissSelected() }
            Button { text: qsTr("Merge into… (M)"); onClicked: panel.mergeSelected() }
            Button { text: qsTr("Edit… (E)"); onClicked: panel.editSelected() }
        }
    }

    Dialog {
        id: dismissDialog
        title: qsTr("Dismiss this question")
        anchors.centerIn: parent
        standardButtons: Dialog.Ok | Dialog.Cancel
        ColumnLayout {
            Label { text: qsTr("The room is told, with the reason if you give one.") }
            TextField { id: reason; placeholderText: qsTr("Reason (optional)"); Layout.fillWidth: true; onAccepted: dismissDialog.accept() }
        }
        onAccepted: { panel.desk.dismiss(panel.selected.questionId, reason.text); reason.text = "" }
    }

    Dialog {
        id: mergeDialog
        title: qsTr("Merge: this question repeats another")
        anchors.centerIn: parent
        standardButtons: Dialog.Ok | Dialog.Cancel
        ColumnLayout {
            Label { text: qsTr("Its room's voice goes to the question that carries on:") }
            ComboBox {
                id: target
                Layout.preferredWidth: 420
                textRole: "text"
                valueRole: "questionId"
                model: panel.desk.queue
            }
        }
        onAccepted: if (target.currentValue !== panel.selected.questionId) panel.desk.merge(panel.selected.questionId, target.currentValue)
    }

    Dialog {
        id: editDialog
        title: qsTr("Correct the question's text")
        anchors.centerIn: parent
        standardButtons: Dialog.Ok | Dialog.Cancel
        TextField { id: editText; implicitWidth: 480; onAccepted: editDialog.accept() }
        onAccepted: panel.desk.edit(panel.selected.questionId, editText.text)
    }
}
