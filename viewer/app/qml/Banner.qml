// The programme step, as a slim strip at the bottom (B hides it).
import QtQuick
import QtQuick.Layouts
import Estrade.Viewer

Rectangle {
    id: banner
    required property Room room
    property bool hidden: false

    visible: !hidden
    height: Math.max(36, parent.height * 0.065)
    color: "#c0101828"

    // The details give way (elided) before anything else: the strip never draws words over words.
    RowLayout {
        anchors.verticalCenter: parent.verticalCenter
        anchors.left: parent.left
        anchors.leftMargin: 16
        anchors.right: soundStatusText.visible ? soundStatusText.left : siteNameText.left
        anchors.rightMargin: 16
        spacing: 16

        Text {
            objectName: "bannerHeadline"
            text: banner.room.bannerHeadline
            color: "white"
            font.bold: true
            font.pixelSize: banner.height * 0.4
        }
        Text {
            objectName: "floorHolder"
            visible: text !== ""
            text: banner.room.floorHolder !== "" && !banner.room.haveFloor ? banner.room.floorHolder + " has the floor" : ""
            color: "#a5d6a7"
            font.bold: true
            font.pixelSize: banner.height * 0.34
            elide: Text.ElideRight
            Layout.maximumWidth: implicitWidth
            Layout.fillWidth: true
        }
        Text {
            objectName: "bannerDetail"
            text: banner.room.bannerDetail
            color: "#d0d8e8"
            font.pixelSize: banner.height * 0.34
            elide: Text.ElideRight
            Layout.fillWidth: true
        }
    }

    Text {
        id: soundStatusText
        objectName: "soundStatus"
        visible: text !== ""
        anchors.verticalCenter: parent.verticalCenter
        anchors.right: siteNameText.left
        anchors.rightMargin: 16
        text: banner.room.soundStatus
        color: "#ffb74d"
        font.pixelSize: banner.height * 0.28
    }

    Text {
        id: siteNameText
        objectName: "siteName"
        anchors.verticalCenter: parent.verticalCenter
        anchors.right: parent.right
        anchors.rightMargin: 16
        text: banner.room.siteName
        color: "#a0a8b8"
        font.pixelSize: banner.height * 0.28
    }
}
