#include "video_planes.hpp"

#include "viewer/video_path.hpp"

#include <QQuickWindow>
#include <QSGGeometryNode>
#include <QSGMaterial>
#include <QSGMaterialShader>
#include <QSGTexture>
#include <QtGui/private/qrhi_p.h>
#include <gst/video/video.h>

#include <array>
#include <cmath>
#include <cstring>

namespace estrade::viewer {

namespace {

// One plane as a one-byte-per-sample texture, filled from the mapped picture by the scene graph when
// it draws (commitTextureOperations), with the decoder's row stride: no copy on the CPU.
class PlaneTexture : public QSGTexture {
public:
    PlaneTexture()
    {
        setFiltering(QSGTexture::Linear);
        setHorizontalWrapMode(QSGTexture::ClampToEdge);
        setVerticalWrapMode(QSGTexture::ClampToEdge);
    }

    void set_data(const std::uint8_t* data, int width, int height, int stride)
    {
        m_data = QByteArray::fromRawData(reinterpret_cast<const char*>(data), stride * height);
        m_stride = stride;
        m_size = QSize(width, height);
        m_pending = true;
    }

    qint64 comparisonKey() const override { return reinterpret_cast<qint64>(this); }
    QRhiTexture* rhiTexture() const override { return m_texture.get(); }
    QSize textureSize() const override { return m_size; }
    bool hasAlphaChannel() const override { return false; }
    bool hasMipmaps() const override { return false; }

    void commitTextureOperations(QRhi* rhi, QRhiResourceUpdateBatch* updates) override
    {
        if (!m_pending || m_size.isEmpty())
            return;
        m_pending = false;
        if (!m_texture || m_texture->pixelSize() != m_size) {
            m_texture.reset(rhi->newTexture(QRhiTexture::R8, m_size));
            if (!m_texture->create()) {
                m_texture.reset();
                return;
            }
        }
        QRhiTextureSubresourceUploadDescription plane(m_data);
        plane.setDataStride(static_cast<quint32>(m_stride));
        updates->uploadTexture(m_texture.get(), QRhiTextureUploadDescription({0, 0, plane}));
    }

private:
    std::unique_ptr<QRhiTexture> m_texture;
    QByteArray m_data;  // points into the mapped picture, kept mapped by the node until the next one
    int m_stride = 0;
    QSize m_size;
    bool m_pending = false;
};

class PlanesMaterial : public QSGMaterial {
public:
    PlanesMaterial() { setFlag(QSGMaterial::Blending, false); }

    QSGMaterialType* type() const override
    {
        static QSGMaterialType type;
        return &type;
    }
    QSGMaterialShader* createShader(QSGRendererInterface::RenderMode) const override;
    int compare(const QSGMaterial* other) const override { return this == other ? 0 : (this < other ? -1 : 1); }

    std::array<PlaneTexture, 3> planes;
    std::array<float, 16> yuv_to_rgb = viewer::yuv_to_rgb(0.2126, 0.0722, false);
    bool matrix_changed = true;
};

class PlanesShader : public QSGMaterialShader {
public:
    PlanesShader()
    {
        setShaderFileName(VertexStage, QStringLiteral(":/Estrade/Viewer/shaders/video_planes.vert.qsb"));
        setShaderFileName(FragmentStage, QStringLiteral(":/Estrade/Viewer/shaders/video_planes.frag.qsb"));
    }

    // The uniform block: qt_Matrix at 0, qt_Opacity at 64, yuvToRgb at 80 (std140).
    bool updateUniformData(RenderState& state, QSGMaterial* current, QSGMaterial* previous) override
    {
        auto& material = *static_cast<PlanesMaterial*>(current);
        QByteArray& buffer = *state.uniformData();
        bool changed = false;
        if (state.isMatrixDirty()) {
            std::memcpy(buffer.data(), state.combinedMatrix().constData(), 64);
            changed = true;
        }
        if (state.isOpacityDirty()) {
            const float opacity = state.opacity();
            std::memcpy(buffer.data() + 64, &opacity, 4);
            changed = true;
        }
        if (material.matrix_changed || current != previous) {
            std::memcpy(buffer.data() + 80, material.yuv_to_rgb.data(), 64);
            material.matrix_changed = false;
            changed = true;
        }
        return changed;
    }

    // The renderer asks for each plane every time it draws the node; a new picture's plane is uploaded
    // here (the renderer commits a texture's operations only when the texture object changes).
    void updateSampledImage(RenderState& state, int binding, QSGTexture** texture, QSGMaterial* current,
                            QSGMaterial*) override
    {
        if (binding < 1 || binding > 3)
            return;
        auto& plane = static_cast<PlanesMaterial*>(current)->planes[static_cast<std::size_t>(binding - 1)];
        plane.commitTextureOperations(state.rhi(), state.resourceUpdateBatch());
        *texture = &plane;
    }
};

// The scene graph takes the shader and deletes it.
QSGMaterialShader* PlanesMaterial::createShader(QSGRendererInterface::RenderMode) const { return new PlanesShader; }

// The picture's node: a textured rectangle, and the picture it shows, mapped until the next replaces it.
class PlanesNode : public QSGGeometryNode {
public:
    PlanesNode() : m_geometry(QSGGeometry::defaultAttributes_TexturedPoint2D(), 4)
    {
        setGeometry(&m_geometry);
        setMaterial(&m_material);
    }
    PlanesNode(const PlanesNode&) = delete;
    PlanesNode& operator=(const PlanesNode&) = delete;

    bool show(gst::Sample sample)
    {
        auto picture = MappedPicture::map(std::move(sample), GST_VIDEO_FORMAT_I420);
        if (!picture)
            return false;
        m_picture = std::move(picture);
        const GstVideoFrame& frame = m_picture.frame();
        const GstVideoInfo& info = frame.info;
        for (guint plane = 0; plane < 3; ++plane)
            m_material.planes[plane].set_data(static_cast<const std::uint8_t*>(GST_VIDEO_FRAME_PLANE_DATA(&frame, plane)),
                                              GST_VIDEO_FRAME_COMP_WIDTH(&frame, plane),
                                              GST_VIDEO_FRAME_COMP_HEIGHT(&frame, plane),
                                              GST_VIDEO_FRAME_PLANE_STRIDE(&frame, plane));
        set_colours(info.colorimetry);
        m_size = QSizeF(GST_VIDEO_INFO_WIDTH(&info) * GST_VIDEO_INFO_PAR_N(&info) / std::max(1, GST_VIDEO_INFO_PAR_D(&info)),
                        GST_VIDEO_INFO_HEIGHT(&info));
        markDirty(QSGNode::DirtyMaterial);
        return true;
    }

    // The picture as large as fits, its proportions kept, centred (black around it is the area's own).
    // Drawn at its own size (full screen at the stream's resolution), each screen pixel is one sample
    // of the picture: nearest sampling is exact there and, on a CPU renderer (llvmpipe), costs a fifth
    // less of the viewer's time than linear filtering; scaled, linear filtering keeps text smooth.
    void place(const QRectF& area, qreal device_pixel_ratio)
    {
        QRectF rect = area;
        if (!m_size.isEmpty()) {
            const auto place = place_picture(m_size, area, device_pixel_ratio, 0.02 * m_size.width());
            rect = place.rect;
            const auto filtering = place.own_size ? QSGTexture::Nearest : QSGTexture::Linear;
            if (m_material.planes[0].filtering() != filtering) {
                for (auto& plane : m_material.planes)
                    plane.setFiltering(filtering);
                markDirty(QSGNode::DirtyMaterial);
            }
        }
        if (rect == m_rect)
            return;
        m_rect = rect;
        QSGGeometry::updateTexturedRectGeometry(&m_geometry, rect, QRectF(0, 0, 1, 1));
        markDirty(QSGNode::DirtyGeometry);
    }

    bool has_picture() const { return static_cast<bool>(m_picture); }
    const GstVideoFrame& frame() const { return m_picture.frame(); }

private:
    void set_colours(const GstVideoColorimetry& colorimetry)
    {
        gdouble kr = 0.2126, kb = 0.0722;
        if (!gst_video_color_matrix_get_Kr_Kb(colorimetry.matrix, &kr, &kb)) {
            kr = 0.2126;  // unknown or RGB: BT.709, what HD streams use
            kb = 0.0722;
        }
        const auto matrix = yuv_to_rgb(kr, kb, colorimetry.range == GST_VIDEO_COLOR_RANGE_0_255);
        if (matrix != m_material.yuv_to_rgb) {
            m_material.yuv_to_rgb = matrix;
            m_material.matrix_changed = true;
        }
    }

    QSGGeometry m_geometry;
    PlanesMaterial m_material;
    MappedPicture m_picture;
    QSizeF m_size;  // with the picture's pixel aspect ratio
    QRectF m_rect;
};

}  // namespace

QSGNode* VideoPlanes::updatePaintNode(QSGNode* old, UpdatePaintNodeData*)
{
    gst::Sample sample = take_next();
    auto* node = static_cast<PlanesNode*>(old);
    if (!node && !sample)
        return nullptr;
    if (!node)
        node = new PlanesNode;  // the scene graph owns its nodes and deletes them on the render thread
    if (sample && node->show(std::move(sample)))
        picture_drawn(node->frame());
    node->place(boundingRect(), window() ? window()->effectiveDevicePixelRatio() : 1.0);
    return node;
}

}  // namespace estrade::viewer
