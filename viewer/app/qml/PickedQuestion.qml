// The question the moderator put on screen, large, with who asked it and from which room.
import QtQuick
import Estrade.Viewer

Rectangle {
    id: card
    required property Room room

    visible: room.hasPickedQuestion
    height: column.implicitHeight + 32
    radius: 10
    color: "#e0fdf6e3"

    Column {
        id: column
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        anchors.margins: 24
        spacing: 6

        Text {
            objectName: "pickedQuestion"
            width: parent.width
            text: qsTr("“%1”").arg(card.room.pickedQuestion)
            color: "#1a1a1a"
            font.pixelSize: Math.max(18, card.parent.height / 20)
            wrapMode: Text.WordWrap
        }
        Text {
            objectName: "pickedFrom"
            width: parent.width
            text: card.room.pickedFrom
            color: "#555"
            font.pixelSize: Math.max(12, card.parent.height / 36)
            horizontalAlignment: Text.AlignRight
        }
    }
}
