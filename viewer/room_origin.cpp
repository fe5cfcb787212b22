#include "room_origin.hpp"

#include "config/event_file.hpp"
#include "config/invitation.hpp"
#include "qa/invitations.hpp"

namespace estrade::viewer {

std::variant<RoomOrigin, RoomOriginError> load_room_origin(const std::string& join_file, const std::string& event_file,
                                                           const std::string& site)
{
    if (join_file.empty() && event_file.empty())
        return RoomOriginError{"open the join file the host sent (estrade-viewer loudeac.estrade), or give "
                               "--event FILE --site ID"};
    RoomOrigin origin;
    if (!join_file.empty()) {
        auto loaded = config::load_invitation(join_file);
        if (auto* errors = std::get_if<config::EventFileErrors>(&loaded)) {
            std::string message;
            for (const auto& e : *errors)
                message += e.to_string() + "\n";
            return RoomOriginError{message + "The join file has " + std::to_string(errors->size()) +
                                   " problem(s): ask the host for a new one."};
        }
        const auto& invitation = std::get<config::Invitation>(loaded);
        origin.event = invitation.as_event(join_file);
        origin.site = invitation.site.id;
        origin.auth = qa::client_auth_from(invitation);
        origin.microphone = invitation.microphone;
    } else {
        auto loaded = config::load_event_file(event_file);
        if (auto* errors = std::get_if<config::EventFileErrors>(&loaded)) {
            std::string message;
            for (const auto& e : *errors)
                message += e.to_string() + "\n";
            return RoomOriginError{message + "The event file has " + std::to_string(errors->size()) + " problem(s); nothing was started."};
        }
        origin.event = std::get<config::Event>(loaded);
        origin.site = site;
    }
    if (!origin.event.find_site(origin.site)) {
        std::string known;
        for (const auto& s : origin.event.sites)
            known += (known.empty() ? "" : ", ") + s.id;
        return RoomOriginError{"there is no site \"" + origin.site + "\" in " +
                                   (join_file.empty() ? event_file : join_file) + "; its sites are: " + known,
                               1};
    }
    return origin;
}

}  // namespace estrade::viewer
