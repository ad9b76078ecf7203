// The JSON export (the "bundle") and its import: a versioned document, described by
// docs/export-schema.json, that holds everything needed to restore the exported assessments in
// another kiosk: each assessment with every answer and its history, the questionnaire texts they
// were answered with (with their SHA-256), the results exactly as stored, and the improvement
// plan. It also carries, for the reader, the exporting kiosk's audit events of the export and its
// chain head, and the skill matrix when it was exported; an import never takes those in (the
// importing kiosk keeps its own log and people).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "export/report.hpp"
#include "store/audit_log.hpp"
#include "store/database.hpp"
#include "util/result.hpp"

namespace kiosk::exporting {

// The report as a bundle: UTF-8 JSON, keys sorted, indented by two spaces, ending in a newline.
std::string bundleJson(const Report& report);

struct ImportSummary {
    std::vector<std::string> imported;  // ids of the assessments added, in the file's order
    std::vector<std::string> present;   // ids already in this database, left as they are
    int questionnaires = 0;             // questionnaire texts added
};

// Adds the bundle's assessments to the database, in one transaction, each one it did not hold yet
// appended to the audit log as assessment.imported (subject: its id; details: questionnaire,
// status, answers, result, plan_items, and the bundle's SHA-256 and export time). An assessment
// whose id the database already holds is left as it is, so importing a file twice changes
// nothing the second time (not even the log).
// Refuses the whole file, changing nothing, when anything in it is wrong; the message names the
// first bad record by its place, e.g. "assessments[3].answers[7].value: …": text that is not
// JSON (with its line and column), a schema version this kiosk does not know, a questionnaire
// text whose SHA-256 is not its content hash or that is not a questionnaire, an answer its
// questionnaire cannot take, a history that does not end with the current answer, a result that
// is not a result of its assessment or whose profile is nowhere, a plan entry for something that
// is not a gap, and any field of the wrong type, form or length. Counts and sizes in the file are
// never trusted: everything is read from the records themselves.
Result<ImportSummary> importBundle(store::Database& db, store::AuditLog* audit, std::string_view text);

}  // namespace kiosk::exporting
