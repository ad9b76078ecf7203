// Writing and verifying facility bundles.
#include "region/bundle.hpp"

#include <fmt/format.h>

#include "export/report.hpp"
#include "util/hash.hpp"
#include "util/json.hpp"

namespace kiosk::region {

Result<std::string> writeBundle(const store::Facility& facility, std::string_view exportJson, const SigningKey& key) {
    if (facility.name.empty()) return Error{"the facility has no name yet; the administrator names it first (medsec-kiosk facility --name NAME)"};
    auto exported = parseJsonStrict(exportJson);
    if (!exported) return Error{"the export is not JSON: " + exported.error()};
    nlohmann::json record{{"uuid", facility.uuid}, {"name", facility.name}, {"prefecture", facility.prefecture}, {"kind", facility.kind}};
    record["beds"] = facility.beds ? nlohmann::json(*facility.beds) : nlohmann::json(nullptr);
    const std::string payload = nlohmann::json{{"facility", record}, {"export", *exported}}.dump();
    const nlohmann::json envelope{{"format", kBundleFormat},
                                  {"bundle_version", kBundleVersion},
                                  {"public_key", key.publicKeyBase64()},
                                  {"signature", signBase64(key, payload)},
                                  {"payload", payload}};
    return envelope.dump(1) + "\n";
}

Result<Bundle> readBundle(std::string_view text) {
    auto parsed = parseJsonStrict(text);
    if (!parsed) return Error{parsed.error()};
    const auto& envelope = *parsed;
    if (!envelope.is_object()) return Error{"not a facility bundle (a JSON object is expected)"};
    const auto field = [&](const char* name) -> const nlohmann::json* {
        auto it = envelope.find(name);
        return it == envelope.end() ? nullptr : &*it;
    };
    const auto* format = field("format");
    if (!format || !format->is_string() || format->get<std::string>() != kBundleFormat)
        return Error{"format: not a facility bundle (medsec-kiosk export --format bundle writes one)"};
    const auto* version = field("bundle_version");
    if (!version || !version->is_number_integer() || version->get<std::int64_t>() != kBundleVersion)
        return Error{fmt::format("bundle_version: {} is not a version this kiosk reads ({})", version ? version->dump() : "missing", kBundleVersion)};
    const auto* publicKey = field("public_key");
    const auto* signature = field("signature");
    const auto* payload = field("payload");
    if (!publicKey || !publicKey->is_string()) return Error{"public_key: missing"};
    if (!signature || !signature->is_string()) return Error{"signature: missing"};
    if (!payload || !payload->is_string()) return Error{"payload: missing"};
    if (!verifyBase64(publicKey->get<std::string>(), payload->get<std::string>(), signature->get<std::string>()))
        return Error{"signature: does not match the payload and public key (the bundle was changed after it was signed, or is not "
                     "this key's)"};

    auto inner = parseJsonStrict(payload->get<std::string>());
    if (!inner || !inner->is_object()) return Error{"payload: not a JSON object"};
    Bundle bundle;
    bundle.publicKey = publicKey->get<std::string>();
    const auto facility = inner->find("facility");
    if (facility == inner->end() || !facility->is_object()) return Error{"payload.facility: missing"};
    const auto stringField = [&](const char* key, std::size_t max, std::string& out) -> Status {
        auto it = facility->find(key);
        if (it == facility->end() || !it->is_string()) return Error{fmt::format("payload.facility.{}: missing", key)};
        out = it->get<std::string>();
        if (out.size() > max) return Error{fmt::format("payload.facility.{}: longer than {} bytes", key, max)};
        return {};
    };
    if (auto s = stringField("uuid", 36, bundle.facility.uuid); !s) return Error{s.error()};
    if (!isUuid(bundle.facility.uuid)) return Error{"payload.facility.uuid: not a UUID"};
    if (auto s = stringField("name", 400, bundle.facility.name); !s) return Error{s.error()};
    if (bundle.facility.name.empty()) return Error{"payload.facility.name: empty"};
    if (auto s = stringField("prefecture", 2, bundle.facility.prefecture); !s) return Error{s.error()};
    if (auto s = stringField("kind", 20, bundle.facility.kind); !s) return Error{s.error()};
    if (auto beds = facility->find("beds"); beds != facility->end() && !beds->is_null()) {
        if (!beds->is_number_integer() || beds->get<std::int64_t>() < 0 || beds->get<std::int64_t>() > 5000)
            return Error{"payload.facility.beds: not a number of beds from 0 to 5000"};
        bundle.facility.beds = static_cast<int>(beds->get<std::int64_t>());
    }
    const auto exported = inner->find("export");
    if (exported == inner->end() || !exported->is_object()) return Error{"payload.export: missing"};
    const auto schema = exported->find("schema_version");
    if (schema == exported->end() || !schema->is_number_integer() || schema->get<std::int64_t>() != exporting::kSchemaVersion)
        return Error{fmt::format("payload.export.schema_version: not the version this kiosk reads ({})", exporting::kSchemaVersion)};
    bundle.exported = std::move(*exported);
    return bundle;
}

}  // namespace kiosk::region
