#include "export/report.hpp"

namespace kiosk::exporting {

std::string_view planStatusName(PlanStatus status) {
    switch (status) {
        case PlanStatus::Planned: return "planned";
        case PlanStatus::InProgress: return "in_progress";
        case PlanStatus::Done: return "done";
    }
    return "planned";
}

std::optional<PlanStatus> parsePlanStatus(std::string_view name) {
    for (PlanStatus status : {PlanStatus::Planned, PlanStatus::InProgress, PlanStatus::Done})
        if (planStatusName(status) == name) return status;
    return std::nullopt;
}

LocalizedText planStatusLabel(PlanStatus status) {
    switch (status) {
        case PlanStatus::Planned: return {"予定", "Planned"};
        case PlanStatus::InProgress: return {"対応中", "In progress"};
        case PlanStatus::Done: return {"完了", "Done"};
    }
    return {};
}

}  // namespace kiosk::exporting
