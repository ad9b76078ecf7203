// The facility record and its signed bundle: the record's checks and audit, the signing key kept
// with mode 0600, a bundle that reads back as written, and bundles changed after signing, signed
// by another key or carrying a bad facility refused with the problem named.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>

#include <filesystem>
#include <string>

#include "region/bundle.hpp"
#include "store/audit_log.hpp"
#include "store/database.hpp"
#include "store/facility_store.hpp"
#include "support.hpp"
#include "util/hash.hpp"
#include "util/signing.hpp"

using namespace kiosk;

namespace {

std::string minimalExport() {
    return R"({"schema_version": 1, "exported_at": "2026-11-27T00:00:00Z", "language": "ja", "facility": "", "period": {},
               "questionnaires": [], "assessments": [], "matrix": null, "audit": {}})";
}

store::Facility named() {
    store::Facility f;
    f.uuid = "6f1c2a9e-4b7d-4e21-9c3a-5d8e7f60a1b2";
    f.name = "架空みなと診療所";
    f.prefecture = "13";
    f.kind = "clinic_beds";
    f.beds = 19;
    return f;
}

// The bundle with its payload's facility changed by `edit` and signed again with `key`.
std::string resigned(const std::string& bundle, const SigningKey& key, const std::function<void(nlohmann::json&)>& edit) {
    auto envelope = nlohmann::json::parse(bundle);
    auto payload = nlohmann::json::parse(envelope["payload"].get<std::string>());
    edit(payload);
    envelope["payload"] = payload.dump();
    envelope["signature"] = signBase64(key, envelope["payload"].get<std::string>());
    return envelope.dump();
}

}  // namespace

TEST_CASE("a new database has one facility with a random UUID; the administrator names it, audited, and bad values are refused") {
    auto db = store::Database::open(":memory:");
    REQUIRE(db);
    auto other = store::Database::open(":memory:");
    REQUIRE(other);
    store::AuditLog audit(*db);
    store::FacilityStore facilities(*db, &audit);
    auto f = facilities.get();
    REQUIRE(f);
    CHECK(isUuid(f->uuid));
    CHECK(f->name.empty());
    CHECK(store::FacilityStore(*other).get()->uuid != f->uuid);

    auto updated = *f;
    updated.name = "  架空市立病院  ";
    updated.prefecture = "27";
    updated.kind = "hospital";
    updated.beds = 320;
    REQUIRE(facilities.update(updated));
    auto stored = facilities.get();
    CHECK(stored->name == "架空市立病院");  // spaces at either end are dropped
    CHECK(stored->uuid == f->uuid);         // the UUID never changes
    CHECK(stored->beds == 320);
    auto rows = audit.list().value();
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].event.event == "facility.updated");
    CHECK(rows[0].event.subject == f->uuid);

    for (auto bad : {std::pair<std::string, std::string>{"name", ""}, {"name", "a\nb"}, {"prefecture", "48"}, {"prefecture", "東京"},
                     {"kind", "pharmacy"}}) {
        CAPTURE(bad.first);
        auto wrong = *stored;
        if (bad.first == "name") wrong.name = bad.second;
        if (bad.first == "prefecture") wrong.prefecture = bad.second;
        if (bad.first == "kind") wrong.kind = bad.second;
        CHECK_FALSE(facilities.update(wrong));
    }
    auto tooMany = *stored;
    tooMany.beds = 5001;
    CHECK_FALSE(facilities.update(tooMany));
    CHECK(facilities.get()->name == "架空市立病院");
    CHECK(audit.list().value().size() == 1);
}

TEST_CASE("the signing key is made once with mode 0600, read again the same, and refused when others may read it") {
    test::TempDir dir;
    const auto path = signingKeyPath(dir / "kiosk.db");
    CHECK(path == dir / "signing.key");
    auto made = loadOrCreateSigningKey(path);
    REQUIRE(made);
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    auto again = loadOrCreateSigningKey(path);
    REQUIRE(again);
    CHECK(again->publicKeyBase64() == made->publicKeyBase64());
    CHECK(verifyBase64(made->publicKeyBase64(), "message", signBase64(*again, "message")));
    CHECK_FALSE(verifyBase64(made->publicKeyBase64(), "message!", signBase64(*again, "message")));

    ::chmod(path.c_str(), 0644);
    auto open = loadOrCreateSigningKey(path);
    REQUIRE_FALSE(open);
    CHECK(open.error().find("chmod 600") != std::string::npos);
    ::chmod(path.c_str(), 0600);
    test::writeFile(path, "not a key\n");
    ::chmod(path.c_str(), 0600);
    auto broken = loadOrCreateSigningKey(path);
    REQUIRE_FALSE(broken);
    CHECK(broken.error().find("not a signing key") != std::string::npos);
}

TEST_CASE("a facility bundle reads back as written; changed, re-signed by another key or malformed, it is refused") {
    test::TempDir dir;
    const auto key = loadOrCreateSigningKey(dir / "a.key").value();
    const auto stranger = loadOrCreateSigningKey(dir / "b.key").value();
    const auto bundle = region::writeBundle(named(), minimalExport(), key);
    REQUIRE(bundle);
    auto read = region::readBundle(*bundle);
    REQUIRE_MESSAGE(read, (read ? "" : read.error()));
    CHECK(read->facility.uuid == named().uuid);
    CHECK(read->facility.name == "架空みなと診療所");
    CHECK(read->facility.beds == 19);
    CHECK(read->publicKey == key.publicKeyBase64());
    CHECK(read->exported.at("schema_version") == 1);

    // An unnamed facility has nothing to send yet.
    auto unnamed = named();
    unnamed.name.clear();
    CHECK_FALSE(region::writeBundle(unnamed, minimalExport(), key));

    // One byte of the payload changed after signing.
    auto envelope = nlohmann::json::parse(*bundle);
    auto payload = envelope["payload"].get<std::string>();
    payload.replace(payload.find("架空みなと"), std::string("架空みなと").size(), "架空やまと");
    envelope["payload"] = payload;
    auto changed = region::readBundle(envelope.dump());
    REQUIRE_FALSE(changed);
    CHECK(changed.error().rfind("signature: ", 0) == 0);
    // The signature of another key over the same payload.
    envelope = nlohmann::json::parse(*bundle);
    envelope["signature"] = signBase64(stranger, envelope["payload"].get<std::string>());
    CHECK(region::readBundle(envelope.dump()).error().rfind("signature: ", 0) == 0);

    // Signed properly but wrong inside: each names its field.
    const std::pair<std::function<void(nlohmann::json&)>, std::string> cases[] = {
        {[](nlohmann::json& p) { p["facility"]["uuid"] = "not-a-uuid"; }, "payload.facility.uuid"},
        {[](nlohmann::json& p) { p["facility"]["name"] = ""; }, "payload.facility.name"},
        {[](nlohmann::json& p) { p["facility"]["beds"] = 99999; }, "payload.facility.beds"},
        {[](nlohmann::json& p) { p["export"]["schema_version"] = 2; }, "payload.export.schema_version"},
        {[](nlohmann::json& p) { p.erase("export"); }, "payload.export"},
    };
    for (const auto& [edit, field] : cases) {
        CAPTURE(field);
        auto refused = region::readBundle(resigned(*bundle, key, edit));
        REQUIRE_FALSE(refused);
        CHECK(refused.error().rfind(field + ":", 0) == 0);
    }
    CHECK(region::readBundle("{").error().find("line") != std::string::npos);
    CHECK(region::readBundle(R"({"format": "something else"})").error().rfind("format:", 0) == 0);
    CHECK(region::readBundle(R"({"format": "medsec-kiosk facility bundle", "bundle_version": 9})").error().rfind("bundle_version:", 0) == 0);
}
