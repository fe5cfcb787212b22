#include "slide_renderer.hpp"

#include "i18n/words.hpp"

#include "cairo_handles.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace estrade::producer {

namespace fs = std::filesystem;

namespace {

struct Colour {
    double r, g, b;
};

// A dark blue card with one warm accent: white text on it stays readable on any projector.
constexpr Colour background_top{0.055, 0.145, 0.275};
constexpr Colour background_bottom{0.11, 0.28, 0.50};
constexpr Colour accent{0.96, 0.66, 0.15};
constexpr Colour white{1, 1, 1};
constexpr Colour pale{0.80, 0.86, 0.93};

CairoSurface new_surface(config::VideoSize size)
{
    CairoSurface surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, size.width, size.height));
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error("cannot allocate a " + size.to_string() + " picture");
    return surface;
}

Picture to_picture(cairo_surface_t* surface)
{
    cairo_surface_flush(surface);
    return picture_from_bgra(cairo_image_surface_get_data(surface), cairo_image_surface_get_width(surface),
                             cairo_image_surface_get_height(surface), cairo_image_surface_get_stride(surface));
}

void fill(cairo_t* cr, Colour c, double x, double y, double w, double h)
{
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
    cairo_rectangle(cr, x, y, w, h);
    cairo_fill(cr);
}

struct TextStyle {
    double size_px;
    Colour colour = white;
    PangoWeight weight = PANGO_WEIGHT_NORMAL;
    PangoStyle slant = PANGO_STYLE_NORMAL;
    int max_lines = 1;
    PangoAlignment alignment = PANGO_ALIGN_LEFT;
};

// Draws `text` in at most style.max_lines lines of `width`, shrinking the font (down to 60%) until it
// fits, then ellipsizing. Returns the height used.
double draw_text(cairo_t* cr, const std::string& text, TextStyle style, double x, double y, double width)
{
    if (text.empty())
        return 0;
    TextLayout layout(pango_cairo_create_layout(cr));
    FontDescription font(pango_font_description_from_string("DejaVu Sans"));
    pango_font_description_set_weight(font.get(), style.weight);
    pango_font_description_set_style(font.get(), style.slant);
    pango_layout_set_text(layout.get(), text.c_str(), -1);
    pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout.get(), style.alignment);
    double size = style.size_px;
    for (;; size *= 0.92) {
        pango_font_description_set_absolute_size(font.get(), size * PANGO_SCALE);
        pango_layout_set_font_description(layout.get(), font.get());
        if (pango_layout_get_line_count(layout.get()) <= style.max_lines || size < style.size_px * 0.6)
            break;
    }
    if (pango_layout_get_line_count(layout.get()) > style.max_lines) {
        pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
        pango_layout_set_height(layout.get(), -style.max_lines);
    }
    cairo_set_source_rgb(cr, style.colour.r, style.colour.g, style.colour.b);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, layout.get());
    int w = 0, h = 0;
    pango_layout_get_pixel_size(layout.get(), &w, &h);
    return h;
}

void draw_background(cairo_t* cr, config::VideoSize size, double s)
{
    CairoPattern gradient(cairo_pattern_create_linear(0, 0, 0, size.height));
    cairo_pattern_add_color_stop_rgb(gradient.get(), 0, background_top.r, background_top.g, background_top.b);
    cairo_pattern_add_color_stop_rgb(gradient.get(), 1, background_bottom.r, background_bottom.g, background_bottom.b);
    cairo_set_source(cr, gradient.get());
    cairo_paint(cr);
    fill(cr, accent, 0, size.height - 14 * s, size.width, 14 * s);
}

// The event title at the top left and, for a talk, "2 / 3" at the top right.
void draw_header(cairo_t* cr, const std::string& title, const std::string& counter, config::VideoSize size, double s)
{
    const double margin = 110 * s;
    draw_text(cr, title, {40 * s, pale}, margin, 70 * s, size.width - 2 * margin - 200 * s);
    if (!counter.empty())
        draw_text(cr, counter, {40 * s, pale, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 1, PANGO_ALIGN_RIGHT},
                  size.width - margin - 200 * s, 70 * s, 200 * s);
    fill(cr, accent, margin, 140 * s, 120 * s, 6 * s);
}

std::string talk_counter(const config::Event& event, std::size_t talk_index)
{
    return std::to_string(talk_index + 1) + " / " + std::to_string(event.talks.size());
}

std::string role_line(const config::Talk& talk)
{
    if (talk.role.empty())
        return talk.organisation;
    if (talk.organisation.empty())
        return talk.role;
    return talk.role + " · " + talk.organisation;
}

// Lines are drawn in card_lines' order, each with its own style; an empty line takes no room.
void draw_title_card(cairo_t* cr, const std::vector<std::string>& lines, config::VideoSize size, double s)
{
    draw_header(cr, lines[0], lines[1], size, s);
    const double margin = 110 * s;
    const double width = size.width - 2 * margin;
    double y = 330 * s;
    y += draw_text(cr, lines[2], {120 * s, white, PANGO_WEIGHT_BOLD}, margin, y, width) + 20 * s;
    y += draw_text(cr, lines[3], {64 * s, accent, PANGO_WEIGHT_SEMIBOLD}, margin, y, width) + 8 * s;
    y += draw_text(cr, lines[4], {56 * s, pale}, margin, y, width);
    draw_text(cr, lines[5], {68 * s, white, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC, 2}, margin,
              std::max(y + 90 * s, 780 * s), width);
}

void draw_opening_card(cairo_t* cr, const std::vector<std::string>& lines, config::VideoSize size, double s)
{
    const double margin = 110 * s;
    const double width = size.width - 2 * margin;
    draw_text(cr, lines[0], {88 * s, white, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 2}, margin, 90 * s, width);
    fill(cr, accent, margin, 330 * s, 120 * s, 6 * s);
    const std::size_t talks = (lines.size() - 1) / 3;
    const double top = 380 * s;
    const double bottom = size.height - 70 * s;
    const double row = std::min(190 * s, (bottom - top) / static_cast<double>(std::max<std::size_t>(1, talks)));
    const double scale = row / (190 * s);
    for (std::size_t i = 0; i < talks; ++i) {
        const double y = top + static_cast<double>(i) * row;
        const double x = margin + 100 * s;
        draw_text(cr, lines[1 + 3 * i], {64 * s * scale, accent, PANGO_WEIGHT_BOLD}, margin, y, 90 * s);
        const double h = draw_text(cr, lines[2 + 3 * i], {50 * s * scale, white, PANGO_WEIGHT_BOLD}, x, y, width - 100 * s);
        draw_text(cr, lines[3 + 3 * i], {44 * s * scale, pale, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC}, x,
                  y + h + 6 * s * scale, width - 100 * s);
    }
}

void draw_questions_card(cairo_t* cr, const std::vector<std::string>& lines, config::VideoSize size, double s)
{
    draw_header(cr, lines[0], lines[1], size, s);
    const double margin = 110 * s;
    const double width = size.width - 2 * margin;
    draw_text(cr, lines[2], {300 * s, accent, PANGO_WEIGHT_BOLD}, margin, 260 * s, 300 * s);
    draw_text(cr, lines[3], {140 * s, white, PANGO_WEIGHT_BOLD}, margin + 260 * s, 360 * s, width - 260 * s);
    double y = 700 * s;
    y += draw_text(cr, lines[4], {56 * s, white, PANGO_WEIGHT_SEMIBOLD}, margin, y, width) + 12 * s;
    draw_text(cr, lines[5], {48 * s, pale, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC, 2}, margin, y, width);
}

// Fixed positions for the drawers: a missing role is an empty line, not a shift.
std::vector<std::string> card_lines_with_blanks(const config::Event& event, CardKind kind, std::size_t talk_index)
{
    std::vector<std::string> lines{event.event.title};
    if (kind == CardKind::opening) {
        for (std::size_t i = 0; i < event.talks.size(); ++i) {
            const config::Talk& talk = event.talks[i];
            const std::string role = role_line(talk);
            lines.push_back(std::to_string(i + 1));
            lines.push_back(role.empty() ? talk.speaker : talk.speaker + " — " + role);
            lines.push_back(talk.title);
        }
        return lines;
    }
    const config::Talk& talk = event.talks.at(talk_index);
    lines.push_back(talk_counter(event, talk_index));
    if (kind == CardKind::title) {
        for (const std::string* line : {&talk.speaker, &talk.role, &talk.organisation, &talk.title})
            lines.push_back(*line);
    } else {
        lines.push_back("?");
        lines.push_back(words::translate("Card", "Questions"));
        lines.push_back(talk.role.empty() ? talk.speaker : talk.speaker + " — " + talk.role);
        lines.push_back(talk.title);
    }
    return lines;
}

CairoSurface draw_card(const config::Event& event, CardKind kind, std::size_t talk_index, config::VideoSize size)
{
    CairoSurface surface = new_surface(size);
    CairoContext cr(cairo_create(surface.get()));
    // Everything is laid out for 1080 lines and scaled: the same card at any resolution.
    const double s = size.height / 1080.0;
    draw_background(cr.get(), size, s);
    const std::vector<std::string> lines = card_lines_with_blanks(event, kind, talk_index);
    switch (kind) {
    case CardKind::opening:
        draw_opening_card(cr.get(), lines, size, s);
        break;
    case CardKind::title:
        draw_title_card(cr.get(), lines, size, s);
        break;
    case CardKind::questions:
        draw_questions_card(cr.get(), lines, size, s);
        break;
    }
    return surface;
}

// Black, with the page scaled to fit and centred: a 4:3 deck keeps its shape on a 16:9 screen.
struct Placement {
    double scale, x, y, width, height;
};

Placement fit(double page_width, double page_height, config::VideoSize size)
{
    const double scale = std::min(size.width / page_width, size.height / page_height);
    const double w = page_width * scale, h = page_height * scale;
    return {scale, (size.width - w) / 2, (size.height - h) / 2, w, h};
}

std::variant<std::vector<Picture>, DeckError> render_pdf(const fs::path& file, config::VideoSize size)
{
    GError* raw_error = nullptr;
    GCharOwner uri(g_filename_to_uri(fs::absolute(file).c_str(), nullptr, &raw_error));
    GErrorOwner uri_error(raw_error);
    if (!uri)
        return DeckError{file, uri_error ? uri_error->message : "not a valid file name"};
    raw_error = nullptr;
    PdfDocument document(poppler_document_new_from_file(uri.get(), nullptr, &raw_error));
    GErrorOwner error(raw_error);
    if (!document) {
        const bool encrypted = error && error->domain == POPPLER_ERROR && error->code == POPPLER_ERROR_ENCRYPTED;
        return DeckError{file, encrypted ? "the PDF is password-protected: export it again without a password"
                                         : std::string("not a readable PDF (") + (error ? error->message : "unknown error") +
                                               ")"};
    }
    const int pages = poppler_document_get_n_pages(document.get());
    if (pages == 0)
        return DeckError{file, "the PDF has no pages"};
    std::vector<Picture> pictures;
    for (int i = 0; i < pages; ++i) {
        PdfPage page(poppler_document_get_page(document.get(), i));
        if (!page)
            return DeckError{file, "page " + std::to_string(i + 1) + " cannot be read"};
        double w = 0, h = 0;
        poppler_page_get_size(page.get(), &w, &h);
        if (w <= 0 || h <= 0)
            return DeckError{file, "page " + std::to_string(i + 1) + " has no size"};
        CairoSurface surface = new_surface(size);
        CairoContext cr(cairo_create(surface.get()));
        cairo_set_source_rgb(cr.get(), 0, 0, 0);
        cairo_paint(cr.get());
        const Placement at = fit(w, h, size);
        fill(cr.get(), white, at.x, at.y, at.width, at.height);  // PDF pages assume white paper
        cairo_translate(cr.get(), at.x, at.y);
        cairo_scale(cr.get(), at.scale, at.scale);
        poppler_page_render(page.get(), cr.get());
        pictures.push_back(to_picture(surface.get()));
    }
    return pictures;
}

// gdk-pixbuf gives straight RGB(A); cairo wants premultiplied native-endian ARGB32.
void paint_pixbuf(cairo_t* cr, GdkPixbuf* pixbuf, double x, double y)
{
    const int w = gdk_pixbuf_get_width(pixbuf), h = gdk_pixbuf_get_height(pixbuf);
    const int channels = gdk_pixbuf_get_n_channels(pixbuf);
    const int in_stride = gdk_pixbuf_get_rowstride(pixbuf);
    const guchar* in = gdk_pixbuf_read_pixels(pixbuf);
    CairoSurface image(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h));
    unsigned char* out = cairo_image_surface_get_data(image.get());
    const int out_stride = cairo_image_surface_get_stride(image.get());
    for (int row = 0; row < h; ++row) {
        const guchar* p = in + static_cast<std::ptrdiff_t>(row) * in_stride;
        auto* q = reinterpret_cast<std::uint32_t*>(out + static_cast<std::ptrdiff_t>(row) * out_stride);
        for (int col = 0; col < w; ++col, p += channels) {
            const std::uint32_t a = channels == 4 ? p[3] : 255;
            auto pre = [a](std::uint32_t c) { return (c * a + 127) / 255; };
            q[col] = (a << 24) | (pre(p[0]) << 16) | (pre(p[1]) << 8) | pre(p[2]);
        }
    }
    cairo_surface_mark_dirty(image.get());
    cairo_set_source_surface(cr, image.get(), x, y);
    cairo_paint(cr);
}

std::variant<Picture, DeckError> render_image(const fs::path& file, config::VideoSize size)
{
    GError* raw_error = nullptr;
    Pixbuf pixbuf(gdk_pixbuf_new_from_file_at_scale(file.c_str(), size.width, size.height, TRUE, &raw_error));
    GErrorOwner error(raw_error);
    if (!pixbuf)
        return DeckError{file, std::string("not a readable image (") + (error ? error->message : "unknown error") + ")"};
    CairoSurface surface = new_surface(size);
    CairoContext cr(cairo_create(surface.get()));
    cairo_set_source_rgb(cr.get(), 0, 0, 0);
    cairo_paint(cr.get());
    const int w = gdk_pixbuf_get_width(pixbuf.get()), h = gdk_pixbuf_get_height(pixbuf.get());
    paint_pixbuf(cr.get(), pixbuf.get(), (size.width - w) / 2, (size.height - h) / 2);
    return to_picture(surface.get());
}

}  // namespace

std::variant<std::vector<Picture>, DeckError> render_deck(const fs::path& deck, config::VideoSize size)
{
    std::error_code ec;
    if (fs::is_directory(deck, ec)) {
        std::vector<fs::path> files;
        for (const auto& entry : fs::directory_iterator(deck, ec))
            if (entry.is_regular_file() && config::is_slide_image(entry.path()))
                files.push_back(entry.path());
        if (ec)
            return DeckError{deck, "cannot list the folder: " + ec.message()};
        if (files.empty())
            return DeckError{deck, "the folder holds no .png, .jpg or .jpeg slide"};
        std::sort(files.begin(), files.end());
        std::vector<Picture> pictures;
        for (const fs::path& file : files) {
            auto picture = render_image(file, size);
            if (auto* error = std::get_if<DeckError>(&picture))
                return *error;
            pictures.push_back(std::move(std::get<Picture>(picture)));
        }
        return pictures;
    }
    if (!fs::exists(deck, ec))
        return DeckError{deck, "no such file or folder"};
    if (config::is_pdf_deck(deck))
        return render_pdf(deck, size);
    if (config::is_slide_image(deck)) {
        auto picture = render_image(deck, size);
        if (auto* error = std::get_if<DeckError>(&picture))
            return *error;
        return std::vector<Picture>{std::move(std::get<Picture>(picture))};
    }
    return DeckError{deck, "a deck must be a PDF, a .png/.jpg image or a folder of them"};
}

std::vector<std::string> card_lines(const config::Event& event, CardKind kind, std::size_t talk_index)
{
    std::vector<std::string> lines = card_lines_with_blanks(event, kind, talk_index);
    std::erase(lines, std::string());
    return lines;
}

std::vector<std::string> poll_card_lines(const config::Event& event, const qa::Poll& poll)
{
    std::vector<std::string> lines{event.event.title, words::translate("Card", "Show of hands"), poll.question};
    const auto totals = poll.totals();
    for (std::size_t i = 0; i < poll.choices.size(); ++i)
        lines.push_back(poll.choices[i] + ": " + std::to_string(totals[i]));
    std::string rooms;
    const auto per_site = poll.per_site();
    for (const auto& site : event.sites) {
        const auto it = per_site.find(site.id);
        if (it == per_site.end())
            continue;
        std::string counts;
        for (int n : it->second)
            counts += (counts.empty() ? "" : " · ") + std::to_string(n);
        rooms += (rooms.empty() ? "" : "   ") + event.site_name(site.id) + " " + counts;
    }
    lines.push_back(rooms);
    return lines;
}

Picture render_poll_card(const config::Event& event, const qa::Poll& poll, config::VideoSize size)
{
    CairoSurface surface = new_surface(size);
    CairoContext cr(cairo_create(surface.get()));
    const double s = size.height / 1080.0;
    draw_background(cr.get(), size, s);
    const auto lines = poll_card_lines(event, poll);
    draw_header(cr.get(), lines[0], {}, size, s);
    const double margin = 110 * s;
    const double width = size.width - 2 * margin;
    draw_text(cr.get(), lines[1], {48 * s, accent, PANGO_WEIGHT_BOLD}, margin, 190 * s, width);
    double y = 260 * s;
    y += draw_text(cr.get(), lines[2], {72 * s, white, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 2}, margin, y, width) + 50 * s;
    const auto totals = poll.totals();
    const int largest = std::max(1, totals.empty() ? 0 : *std::max_element(totals.begin(), totals.end()));
    const double row = std::min(110.0 * s, (size.height - 200 * s - y) / std::max<std::size_t>(1, totals.size()));
    const double label_width = width * 0.32;
    const double number_width = 160 * s;
    const double bar_room = width - label_width - number_width - 40 * s;
    for (std::size_t i = 0; i < poll.choices.size(); ++i) {
        const double top = y + static_cast<double>(i) * row;
        draw_text(cr.get(), poll.choices[i], {52 * s, white, PANGO_WEIGHT_SEMIBOLD}, margin, top, label_width);
        fill(cr.get(), accent, margin + label_width + 20 * s, top + 8 * s,
             std::max(4 * s, bar_room * totals[i] / largest), row * 0.6);
        draw_text(cr.get(), std::to_string(totals[i]),
                  {60 * s, white, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 1, PANGO_ALIGN_RIGHT},
                  size.width - margin - number_width, top - 4 * s, number_width);
    }
    draw_text(cr.get(), lines.back(), {34 * s, pale, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 3}, margin,
              size.height - 190 * s, width);
    return to_picture(surface.get());
}

Picture render_card(const config::Event& event, CardKind kind, std::size_t talk_index, config::VideoSize size)
{
    CairoSurface surface = draw_card(event, kind, talk_index, size);
    return to_picture(surface.get());
}

void write_card_png(const config::Event& event, CardKind kind, std::size_t talk_index, config::VideoSize size,
                    const fs::path& png)
{
    CairoSurface surface = draw_card(event, kind, talk_index, size);
    if (cairo_surface_write_to_png(surface.get(), png.c_str()) != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error("cannot write " + png.string());
}

void write_picture_png(const Picture& picture, const fs::path& png)
{
    CairoSurface surface = new_surface({picture.width, picture.height});
    unsigned char* out = cairo_image_surface_get_data(surface.get());
    const int stride = cairo_image_surface_get_stride(surface.get());
    const std::size_t luma_size = static_cast<std::size_t>(picture.width) * picture.height;
    const std::uint8_t* u_plane = picture.i420.data() + luma_size;
    const std::uint8_t* v_plane = u_plane + luma_size / 4;
    auto clamp = [](double v) { return static_cast<std::uint32_t>(std::clamp(v, 0.0, 255.0)); };
    for (int y = 0; y < picture.height; ++y) {
        auto* row = reinterpret_cast<std::uint32_t*>(out + static_cast<std::ptrdiff_t>(y) * stride);
        for (int x = 0; x < picture.width; ++x) {
            const std::size_t c = static_cast<std::size_t>(y / 2) * (picture.width / 2) + x / 2;
            const double yy = 1.164 * (picture.luma_at(x, y) - 16);
            const double u = u_plane[c] - 128.0, v = v_plane[c] - 128.0;
            row[x] = (0xFFu << 24) | (clamp(yy + 1.793 * v) << 16) | (clamp(yy - 0.213 * u - 0.533 * v) << 8) |
                     clamp(yy + 2.112 * u);
        }
    }
    cairo_surface_mark_dirty(surface.get());
    if (cairo_surface_write_to_png(surface.get(), png.c_str()) != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error("cannot write " + png.string());
}

}  // namespace estrade::producer
