#version 440
// The picture's rectangle; the texture coordinates pass through to the fragment shader.
layout(location = 0) in vec4 position;
layout(location = 1) in vec2 textureCoordinate;
layout(location = 0) out vec2 planeCoordinate;

layout(std140, binding = 0) uniform Uniforms {
    mat4 qt_Matrix;
    float qt_Opacity;
    mat4 yuvToRgb;
};

out gl_PerVertex { vec4 gl_Position; };

void main()
{
    planeCoordinate = textureCoordinate;
    gl_Position = qt_Matrix * position;
}
