// One stream's picture, with what is wrong said over it in words (never a black screen without a word).
import QtQuick
import org.freedesktop.gstreamer.Qt6GLVideoItem 1.0
import Estrade.Viewer

Rectangle {
    id: area
    required property Room room
    required property string stream
    required property string status
    property string label

    color: "black"

    // The decoder's planes drawn by the scene graph (a GPU); pictures converted straight into the window
    // by Qt Quick's software renderer (no GPU), or handed to it as images (a benchmark's path);
    // GStreamer's own Qt item when the room asks for it (--video-path glsink and the benchmark's paths).
    Component {
        id: planes
        VideoPlanes {}
    }
    Component {
        id: image
        VideoImage {}
    }
    Component {
        id: direct
        VideoDirect {}
    }
    Component {
        id: glsink
        GstGLQt6VideoItem {}
    }
    Loader {
        id: video
        objectName: area.stream + "Video"
        anchors.fill: parent
        anchors.margins: area.border.width
        sourceComponent: area.room.videoItem === "planes" ? planes
                       : area.room.videoItem === "direct" ? direct
                       : area.room.videoItem === "image" ? image : glsink
        onLoaded: area.room.attachVideo(area.stream, item)
    }

    Rectangle {
        visible: area.status !== ""
        anchors.centerIn: parent
        width: Math.min(parent.width * 0.9, statusText.implicitWidth + 40)
        height: statusText.implicitHeight + 24
        radius: 8
        color: "#d0202020"

        Text {
            id: statusText
            objectName: area.stream + "Status"
            anchors.centerIn: parent
            width: Math.min(implicitWidth, area.width * 0.9 - 40)
            text: qsTr("%1: %2").arg(area.label).arg(area.status)
            color: "white"
            font.pixelSize: Math.max(14, area.height / 24)
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
        }
    }
}
