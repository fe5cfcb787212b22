// The two streams placed by the room's layout: 1 speaker, 2 slides, 3 side by side, 4 slides with the
// speaker inset.
import QtQuick
import Estrade.Viewer

Item {
    id: stage
    required property Room room

    StreamArea {
        id: slides
        objectName: "slidesArea"
        room: stage.room
        stream: "slides"
        label: qsTr("Slides")
        status: stage.room.slidesStatus
    }

    StreamArea {
        id: speaker
        objectName: "speakerArea"
        room: stage.room
        stream: "speaker"
        label: qsTr("Speaker")
        status: stage.room.speakerStatus
        z: 1
        border.color: stage.room.layout === 4 ? "white" : "transparent"
        border.width: stage.room.layout === 4 ? 2 : 0
    }

    states: [
        State {
            when: stage.room.layout === 1
            PropertyChanges { target: speaker; x: 0; y: 0; width: stage.width; height: stage.height; visible: true }
            PropertyChanges { target: slides; visible: false }
        },
        State {
            when: stage.room.layout === 2
            PropertyChanges { target: slides; x: 0; y: 0; width: stage.width; height: stage.height; visible: true }
            PropertyChanges { target: speaker; visible: false }
        },
        State {
            when: stage.room.layout === 3
            PropertyChanges { target: speaker; x: 0; y: 0; width: stage.width / 2; height: stage.height; visible: true }
            PropertyChanges { target: slides; x: stage.width / 2; y: 0; width: stage.width / 2; height: stage.height; visible: true }
        },
        State {
            when: stage.room.layout === 4
            PropertyChanges { target: slides; x: 0; y: 0; width: stage.width; height: stage.height; visible: true }
            PropertyChanges {
                target: speaker; visible: true
                width: stage.width * 0.28; height: width * 9 / 16
                // Bottom right, above the programme strip (slide titles are at the top); top right while a
                // picked question takes the bottom.
                x: stage.width - width - stage.width * 0.02
                y: stage.room.hasPickedQuestion ? stage.height * 0.04 : stage.height - height - stage.height * 0.1
            }
        }
    ]
}
