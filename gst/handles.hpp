#pragma once
// The one owner of every GStreamer and GLib handle in Estrade (producer and viewer).
// As in Qt Multimedia's qgst_handle_types_p.h, a wrapper says at construction whether it adopts a
// reference it was given (adopt) or takes a new one (add_ref); floating references, which element
// factories and gst_parse_launch return, are claimed with gst_object_ref_sink (sink).

#include <gst/gst.h>

#include <string>
#include <utility>

namespace estrade::gst {

enum class Ownership { adopt, add_ref, sink };

template <typename T, T* (*Ref)(T*), void (*Unref)(T*)>
class Handle {
public:
    Handle() = default;
    Handle(T* raw, Ownership ownership) : m_raw(raw)
    {
        if (m_raw && ownership != Ownership::adopt)
            Ref(m_raw);
    }
    ~Handle() { reset(); }
    Handle(const Handle& other) : m_raw(other.m_raw)
    {
        if (m_raw)
            Ref(m_raw);
    }
    Handle& operator=(const Handle& other)
    {
        Handle copy(other);
        std::swap(m_raw, copy.m_raw);
        return *this;
    }
    Handle(Handle&& other) noexcept : m_raw(std::exchange(other.m_raw, nullptr)) {}
    Handle& operator=(Handle&& other) noexcept
    {
        if (this != &other) {
            reset();
            m_raw = std::exchange(other.m_raw, nullptr);
        }
        return *this;
    }

    T* get() const { return m_raw; }
    T* release() { return std::exchange(m_raw, nullptr); }
    explicit operator bool() const { return m_raw != nullptr; }
    void reset()
    {
        if (m_raw)
            Unref(std::exchange(m_raw, nullptr));
    }

private:
    T* m_raw = nullptr;
};

namespace detail {
// GstObject subclasses: ref_sink for floating references is handled by ObjectHandle below.
inline GstObject* object_ref(GstObject* o) { return static_cast<GstObject*>(gst_object_ref(o)); }
inline void object_unref(GstObject* o) { gst_object_unref(o); }
inline GstSample* sample_ref(GstSample* s) { return gst_sample_ref(s); }
inline void sample_unref(GstSample* s) { gst_sample_unref(s); }
inline GstBuffer* buffer_ref(GstBuffer* b) { return gst_buffer_ref(b); }
inline void buffer_unref(GstBuffer* b) { gst_buffer_unref(b); }
inline GstCaps* caps_ref(GstCaps* c) { return gst_caps_ref(c); }
inline void caps_unref(GstCaps* c) { gst_caps_unref(c); }
inline GstMessage* message_ref(GstMessage* m) { return gst_message_ref(m); }
inline void message_unref(GstMessage* m) { gst_message_unref(m); }
inline GstQuery* query_ref(GstQuery* q) { return gst_query_ref(q); }
inline void query_unref(GstQuery* q) { gst_query_unref(q); }
inline GstEvent* event_ref(GstEvent* e) { return gst_event_ref(e); }
inline void event_unref(GstEvent* e) { gst_event_unref(e); }
}  // namespace detail

// GstElement, GstBus, GstPad... all held as their GstObject base, cast on access.
template <typename T>
class ObjectHandle {
public:
    ObjectHandle() = default;
    ObjectHandle(T* raw, Ownership ownership)
    {
        if (!raw)
            return;
        if (ownership == Ownership::sink)
            gst_object_ref_sink(raw);
        m_object = Handle<GstObject, detail::object_ref, detail::object_unref>(
            GST_OBJECT_CAST(raw), ownership == Ownership::add_ref ? Ownership::add_ref : Ownership::adopt);
    }
    T* get() const { return reinterpret_cast<T*>(m_object.get()); }
    explicit operator bool() const { return static_cast<bool>(m_object); }
    void reset() { m_object.reset(); }

private:
    Handle<GstObject, detail::object_ref, detail::object_unref> m_object;
};

using Element = ObjectHandle<GstElement>;
using Bus = ObjectHandle<GstBus>;
using Pad = ObjectHandle<GstPad>;
using ClockHandle = ObjectHandle<GstClock>;
using Sample = Handle<GstSample, detail::sample_ref, detail::sample_unref>;
using Buffer = Handle<GstBuffer, detail::buffer_ref, detail::buffer_unref>;
using Caps = Handle<GstCaps, detail::caps_ref, detail::caps_unref>;
using Message = Handle<GstMessage, detail::message_ref, detail::message_unref>;
using Query = Handle<GstQuery, detail::query_ref, detail::query_unref>;
using Event = Handle<GstEvent, detail::event_ref, detail::event_unref>;

// A GError* filled by a GStreamer call; its message, or "" when none.
class ErrorOut {
public:
    ErrorOut() = default;
    ~ErrorOut()
    {
        if (m_error)
            g_error_free(m_error);
    }
    ErrorOut(const ErrorOut&) = delete;
    ErrorOut& operator=(const ErrorOut&) = delete;
    GError** out() { return &m_error; }
    explicit operator bool() const { return m_error != nullptr; }
    std::string message() const { return m_error ? m_error->message : ""; }

private:
    GError* m_error = nullptr;
};

// A g_malloc'd string (gst_caps_to_string, gst_message_parse_error's debug text...).
class OwnedString {
public:
    explicit OwnedString(gchar* s = nullptr) : m_s(s) {}
    ~OwnedString() { g_free(m_s); }
    OwnedString(const OwnedString&) = delete;
    OwnedString& operator=(const OwnedString&) = delete;
    gchar** out() { return &m_s; }
    std::string str() const { return m_s ? m_s : ""; }

private:
    gchar* m_s;
};

// gst_init once per process, on first use.
void ensure_initialized();

}  // namespace estrade::gst
