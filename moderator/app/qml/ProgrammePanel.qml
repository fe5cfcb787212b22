// The programme: where the morning is, and one "next" that moves the producer and every room.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Estrade.Moderator

Frame {
    id: panel
    required property Desk desk

    ColumnLayout {
        anchors.fill: parent
        spacing: 6
        Label { text: qsTr("Programme"); font.bold: true; font.pixelSize: 18 }
        Label {
            objectName: "currentStep"
            text: qsTr("Now: %1").arg(panel.desk.currentStep)
            font.pixelSize: 16
        }
        RowLayout {
            Button {
                objectName: "nextButton"
                text: panel.desk.hasNext ? qsTr("Next (N): %1").arg(panel.desk.nextStep) : qsTr("The programme is over")
                enabled: panel.desk.hasNext
                highlighted: true
                onClicked: panel.desk.next()
            }
            Button { text: qsTr("Back (Shift+N)"); onClicked: panel.desk.previous() }
        }
        Flow {
            Layout.fillWidth: true
            spacing: 4
            Repeater {
                model: panel.desk.programme
                Button {
                    required property int index
                    required property string modelData
                    text: modelData
                    flat: index !== panel.desk.position
                    highlighted: index === panel.desk.position
                    font.pixelSize: 11
                    onClicked: panel.desk.goTo(index)
                }
            }
        }
    }
}
