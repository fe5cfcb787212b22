#include "repeated_pictures.hpp"

#include <algorithm>
#include <cstdlib>

namespace estrade::gst {

namespace {

// Whether no byte of the two differs by more than `tolerance`.
bool alike(GstBuffer* a, GstBuffer* b, int tolerance)
{
    if (a == b)
        return true;
    if (gst_buffer_get_size(a) != gst_buffer_get_size(b))
        return false;
    GstMapInfo ma;
    GstMapInfo mb;
    if (!gst_buffer_map(a, &ma, GST_MAP_READ))
        return false;
    if (!gst_buffer_map(b, &mb, GST_MAP_READ)) {
        gst_buffer_unmap(a, &ma);
        return false;
    }
    // Row padding is compared too: padding that differs only makes a still picture pass, never a new
    // one drop. In blocks, so that a changed picture is found early and the inner loop vectorises.
    bool same = true;
    constexpr std::size_t block = 4096;
    for (std::size_t at = 0; same && at < ma.size; at += block) {
        const std::size_t end = std::min(ma.size, at + block);
        int worst = 0;
        for (std::size_t i = at; i < end; ++i)
            worst = std::max(worst, std::abs(int{ma.data[i]} - int{mb.data[i]}));
        same = worst <= tolerance;
    }
    gst_buffer_unmap(b, &mb);
    gst_buffer_unmap(a, &ma);
    return same;
}

}  // namespace

bool RepeatedPictures::pass(GstBuffer* picture, std::int64_t now_ns)
{
    const bool forced = m_pass_next.exchange(false);
    if (!forced && m_last && now_ns - m_last_passed_ns < m_refresh.count() && alike(m_last.get(), picture, m_tolerance))
        return false;
    m_last = Buffer(picture, Ownership::add_ref);
    m_last_passed_ns = now_ns;
    return true;
}

}  // namespace estrade::gst
