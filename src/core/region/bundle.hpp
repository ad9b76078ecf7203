// The facility bundle: what a kiosk sends to its region. The JSON export of its assessments
// (export/json_bundle.hpp) with the facility record, signed with the kiosk's Ed25519 key:
//   { "format": "medsec-kiosk facility bundle", "bundle_version": 1,
//     "public_key": base64, "signature": base64 of the signature of `payload`'s bytes,
//     "payload": the JSON text { "facility": {uuid, name, prefecture, kind, beds},
//                                "export": the JSON export } }
// The payload travels as text so that what was signed is exactly what is verified.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "store/facility_store.hpp"
#include "util/result.hpp"
#include "util/signing.hpp"

namespace kiosk::region {

inline constexpr int kBundleVersion = 1;
inline constexpr std::string_view kBundleFormat = "medsec-kiosk facility bundle";

// The signed bundle of a facility and its JSON export (the text export/json_bundle writes).
Result<std::string> writeBundle(const store::Facility& facility, std::string_view exportJson, const SigningKey& key);

struct Bundle {
    store::Facility facility;   // uuid, name, prefecture, kind, beds
    std::string publicKey;      // base64, as signed
    nlohmann::json exported;    // the JSON export, parsed
};

// Reads a bundle and checks its signature before anything else is believed; refuses, naming the
// problem: text that is not JSON, another format or version, a signature that does not match, a
// facility without a UUID or name, an export of another schema version.
Result<Bundle> readBundle(std::string_view text);

}  // namespace kiosk::region
