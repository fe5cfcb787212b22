#pragma once
// The one owner of each cairo, Pango, poppler and gdk-pixbuf handle the slide renderer uses.

#include <cairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib-object.h>
#include <pango/pangocairo.h>
#include <poppler.h>

#include <memory>

namespace estrade::producer {

template <auto Free>
struct FreeWith {
    template <typename T>
    void operator()(T* p) const { Free(p); }
};

inline void unref_gobject(gpointer object) { g_object_unref(object); }

using CairoSurface = std::unique_ptr<cairo_surface_t, FreeWith<cairo_surface_destroy>>;
using CairoContext = std::unique_ptr<cairo_t, FreeWith<cairo_destroy>>;
using CairoPattern = std::unique_ptr<cairo_pattern_t, FreeWith<cairo_pattern_destroy>>;
using FontDescription = std::unique_ptr<PangoFontDescription, FreeWith<pango_font_description_free>>;
using TextLayout = std::unique_ptr<PangoLayout, FreeWith<unref_gobject>>;
using PdfDocument = std::unique_ptr<PopplerDocument, FreeWith<unref_gobject>>;
using PdfPage = std::unique_ptr<PopplerPage, FreeWith<unref_gobject>>;
using Pixbuf = std::unique_ptr<GdkPixbuf, FreeWith<unref_gobject>>;
using GErrorOwner = std::unique_ptr<GError, FreeWith<g_error_free>>;
using GCharOwner = std::unique_ptr<gchar, FreeWith<g_free>>;

}  // namespace estrade::producer
