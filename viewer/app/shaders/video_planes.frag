#version 440
// The decoder's three planes (Y full size, U and V half size, one byte per sample) to RGB, with the
// stream's own colour matrix and range (set per picture from its caps). Sampling the half-size chroma
// planes with linear filtering is the upscaling; the GPU (or llvmpipe) scales the whole to the screen.
layout(location = 0) in vec2 planeCoordinate;
layout(location = 0) out vec4 fragColor;

layout(std140, binding = 0) uniform Uniforms {
    mat4 qt_Matrix;
    float qt_Opacity;
    mat4 yuvToRgb;
};
layout(binding = 1) uniform sampler2D planeY;
layout(binding = 2) uniform sampler2D planeU;
layout(binding = 3) uniform sampler2D planeV;

void main()
{
    vec4 yuv = vec4(texture(planeY, planeCoordinate).r, texture(planeU, planeCoordinate).r,
                    texture(planeV, planeCoordinate).r, 1.0);
    fragColor = vec4(clamp((yuvToRgb * yuv).rgb, 0.0, 1.0), 1.0) * qt_Opacity;
}
