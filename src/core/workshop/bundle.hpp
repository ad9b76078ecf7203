// A workshop session as a file, for workshops run on several kiosks: the trainer creates the
// session on one kiosk and merges its file into the others (same session, same code); after the
// exercises each kiosk's file is merged into the trainer's, which then shows one aggregate. The
// file holds the session, its participants and runs, and the runs' assessments as a JSON export
// bundle (export/json_bundle.hpp) nested in it.
//
// Merging is idempotent: sessions are matched by UUID, participants by their session and nickname
// (so that a pre run on one kiosk and a post run on another pair up), runs and assessments by the
// assessment's UUID; a file merged twice changes nothing the second time.
#pragma once

#include <string>
#include <string_view>

#include "export/json_bundle.hpp"
#include "store/audit_log.hpp"
#include "store/database.hpp"
#include "util/result.hpp"

namespace kiosk::workshop {

inline constexpr int kSessionFileVersion = 1;

// The session (its UUID or code) as a file: UTF-8 JSON, keys sorted, ending in a newline.
Result<std::string> sessionFile(store::Database& db, const std::string& session);

struct MergeSummary {
    bool sessionAdded = false;
    int participantsAdded = 0;
    int runsAdded = 0;
    int assessmentsAdded = 0;
    bool changed() const { return sessionAdded || participantsAdded || runsAdded || assessmentsAdded; }
};

// Merges a session file in one transaction, appended to the audit log as workshop.merged
// {session, participants, runs, assessments, file_sha256} when it adds anything. Refuses the
// whole file, changing nothing, when anything in it is wrong, naming the first bad record
// ("runs[2].phase: …"), and a session whose code is another session's here.
Result<MergeSummary> mergeSessionFile(store::Database& db, store::AuditLog* audit, std::string_view text);

}  // namespace kiosk::workshop
