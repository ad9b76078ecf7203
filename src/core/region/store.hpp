// The regional store: many facilities' bundles in one PostgreSQL database (libpq), for the
// advisors who support a region. Its schema is versioned like the kiosk's (numbered migrations,
// applied in one transaction). A bundle is imported in one transaction: its signature is checked
// first (readBundle), an unknown key is refused unless trusted on import, a changed key for a known
// facility is refused, and everything is added by UUID, so importing a bundle twice, or again after
// an import that died half-way, leaves the same state.
#pragma once

#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "region/bundle.hpp"
#include "util/result.hpp"

namespace kiosk::region {

int latestRegionSchema();

// Rows for PostgreSQL's COPY … FROM STDIN in its text format (fields split by tabs, NULL as \N),
// each with the bundle record it came from, so that a row the server refuses is named as the record.
class CopyRows {
public:
    void add(std::string record, std::initializer_list<std::optional<std::string_view>> fields);
    void append(const CopyRows& other);
    bool empty() const { return m_records.empty(); }
    const std::string& data() const { return m_data; }
    // The record of the server's "line N" (from 1); empty when out of range.
    std::string record(std::size_t line) const;

private:
    std::string m_data;
    std::vector<std::string> m_records;
};

// A bundle read, its signature checked, every record checked and turned into rows, nothing
// written yet: the part of an import that needs no database, so that the next bundle can be
// prepared while the one before it is written.
struct PreparedBundle {
    store::Facility facility;
    std::string publicKey;
    std::string sha256;  // of the bundle's text, recorded with the import
    struct Assessment {
        std::string uuid;
        std::string record;  // "assessments[i]", as errors name it
        CopyRows assessment, answers, result, domains;
    };
    std::vector<Assessment> assessments;
};

// Refuses a bundle naming its first bad record (readBundle's checks, then every assessment's).
Result<PreparedBundle> prepareBundle(std::string_view bundleText);

struct ImportOutcome {
    std::string facility;      // its UUID
    bool newFacility = false;
    bool keyTrusted = false;   // the key was recorded by this import (--trust-new-key)
    int assessmentsAdded = 0;
    int assessmentsPresent = 0;  // already in the store, left as they were
};

// A facility in order of need: the decision of its latest result (urgent first), then its
// essential measures not in place, then how long ago it was last assessed (longest first).
// Facilities without any result come last.
struct RankedFacility {
    int rank = 0;
    std::string uuid, name, prefecture, kind;
    std::optional<int> beds;
    std::string decision;            // of the latest result; empty without one
    int essentialGaps = 0;
    double overall = 0;
    std::string lastAssessed;        // when the latest result's assessment was completed (ISO 8601)
    int staffBoth = 0;               // people who understand both, by the latest result
    int singlePersonSkills = 0;      // skills only one person holds at the target level
    int results = 0;                 // results stored for the facility (its trend)
};

// The score of one domain in a facility's latest result.
struct DomainScore {
    std::string facility, domain;
    double score = 0;
};

// One result of a facility, oldest first: how it went over time.
struct TrendPoint {
    std::string completedAt;  // ISO 8601
    std::string decision;
    double overall = 0;
    int essentialGaps = 0;
};

class RegionStore {
public:
    // Connects to a postgresql:// URL (a Unix socket folder is given as host=/path).
    static Result<RegionStore> connect(const std::string& url);
    RegionStore(RegionStore&&) noexcept;
    RegionStore& operator=(RegionStore&&) noexcept;
    ~RegionStore();

    // The schema's version; 0 for a database the region has never been initialised in.
    Result<int> schemaVersion();
    // Applies every migration above the database's version, all in one transaction.
    Result<int> init();

    // Imports one bundle (its text, as read from the file), refusing it whole with the first bad
    // record named. `trustNewKey` records a key the store has not seen for a facility it does not
    // know yet.
    Result<ImportOutcome> importBundle(std::string_view bundleText, bool trustNewKey);
    // The same for a bundle already prepared (on any thread); writes it in one transaction.
    Result<ImportOutcome> importPrepared(const PreparedBundle& bundle, bool trustNewKey);

    Result<std::vector<RankedFacility>> rank();
    // The domain scores of every facility's latest result (the heat map).
    Result<std::vector<DomainScore>> latestDomainScores();
    // The latest result of every facility (facility UUID, the result's JSON as the kiosk stored it).
    Result<std::vector<std::pair<std::string, std::string>>> latestResults();
    // Every result of one facility, oldest first.
    Result<std::vector<TrendPoint>> trend(const std::string& facility);

private:
    struct Impl;
    explicit RegionStore(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace kiosk::region
