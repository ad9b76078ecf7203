// The after-action report (hot wash) of a workshop session, as an outline for the HTML and PDF
// writers of the exports (export/report_outline.hpp): what the group chose at every decision and
// where it went wrong, with the explanations, the scores overall and per learning objective, the
// change from before to after the workshop, and the improvement items the trainer recorded.
#pragma once

#include <vector>

#include "export/report_outline.hpp"
#include "questionnaire/model.hpp"
#include "util/text.hpp"
#include "workshop/model.hpp"

namespace kiosk::workshop {

// `date`: the report's day as shown (YYYY-MM-DD, local time). Exercises of the session that the
// catalogue no longer has are named by their id and left out.
exporting::Outline afterActionOutline(const Session& session, const std::vector<Run>& runs, const questionnaire::Catalog& catalog,
                                      Lang lang, const std::string& date);

}  // namespace kiosk::workshop
