// The programme step, as a slim strip at the bottom (B hides it).
import QtQuick
import QtQuick.Layouts

Rectangle {
    id: banner
    // What the strip says (the room's, bound by the window; plain words so that its layout can be
    // tested on its own with any text).
    property string headline
    property string detail
    property string floorHolder  // another room that has the floor; empty: none
    property string soundStatus  // a sound problem in words; empty: none
    property string siteName
    property bool hidden: false

    visible: !hidden
    height: Math.max(36, parent.height * 0.065)
    color: "#c0101828"

    // One row across the whole strip, each part with its share at most (the headline half, who has the
    // floor and the room's name a fifth each); the details take what is left: at any width, down to
    // 640x360, words are elided, never drawn over each other.
    RowLayout {
        anchors.verticalCenter: parent.verticalCenter
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.leftMargin: 16
        anchors.rightMargin: 16
        spacing: 16

        Text {
            objectName: "bannerHeadline"
            text: banner.headline
            color: "white"
            font.bold: true
            font.pixelSize: banner.height * 0.4
            elide: Text.ElideRight
            Layout.preferredWidth: Math.min(implicitWidth, (banner.width - 80) * 0.5)
        }
        Text {
            objectName: "floorHolder"
            visible: text !== ""
            text: banner.floorHolder !== "" ? qsTr("%1 has the floor").arg(banner.floorHolder) : ""
            color: "#a5d6a7"
            font.bold: true
            font.pixelSize: banner.height * 0.34
            elide: Text.ElideMiddle  // the verb stays: "Collectif… a la parole"
            Layout.preferredWidth: Math.min(implicitWidth, (banner.width - 80) * 0.22)
        }
        Text {
            objectName: "bannerDetail"
            text: banner.detail
            color: "#d0d8e8"
            font.pixelSize: banner.height * 0.34
            elide: Text.ElideRight
            Layout.fillWidth: true
            Layout.minimumWidth: 0
            Layout.preferredWidth: 0
        }
        Text {
            id: siteNameText
            objectName: "siteName"
            text: banner.siteName
            color: "#a0a8b8"
            font.pixelSize: banner.height * 0.28
            elide: Text.ElideRight
            horizontalAlignment: Text.AlignRight
            Layout.preferredWidth: Math.min(implicitWidth, (banner.width - 80) * 0.2)
        }
    }

    // A sound problem is a sentence, not a label: its own orange line just above the strip, wrapped
    // rather than squeezed in beside the programme.
    Rectangle {
        visible: soundStatusText.text !== ""
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.top
        height: soundStatusText.implicitHeight + 12
        color: "#e0ffb74d"
        Text {
            id: soundStatusText
            objectName: "soundStatus"
            anchors.verticalCenter: parent.verticalCenter
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.leftMargin: 16
            anchors.rightMargin: 16
            text: banner.soundStatus
            color: "#201000"
            font.pixelSize: Math.max(12, banner.height * 0.3)
            wrapMode: Text.WordWrap
            maximumLineCount: 2
            elide: Text.ElideRight
        }
    }
}
