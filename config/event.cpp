#include "event.hpp"

#include <algorithm>
#include <cctype>

namespace estrade::config {

bool is_valid_id(std::string_view id)
{
    return !id.empty() && id.size() <= 64 &&
           std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

const Site* Event::find_site(std::string_view id) const
{
    auto it = std::find_if(sites.begin(), sites.end(), [&](const Site& s) { return s.id == id; });
    return it == sites.end() ? nullptr : &*it;
}

std::string Event::site_name(std::string_view id) const
{
    const Site* site = find_site(id);
    return site && !site->name.empty() ? site->name : std::string(id);
}

std::string Event::stream_name(std::string_view stream) const
{
    return event.id + "/" + std::string(stream);
}

namespace {

std::string lower_extension(const std::filesystem::path& path)
{
    auto ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

}  // namespace

bool is_slide_image(const std::filesystem::path& path)
{
    const auto ext = lower_extension(path);
    return ext == ".png" || ext == ".jpg" || ext == ".jpeg";
}

bool is_pdf_deck(const std::filesystem::path& path) { return lower_extension(path) == ".pdf"; }

}  // namespace estrade::config
