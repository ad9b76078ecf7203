// The kiosk: loads content and strings, opens the database, then draws only when something
// happens, so an idle kiosk sleeps in glfwWaitEventsTimeout.
#include "app/kiosk.hpp"

#include <fmt/format.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <optional>

#include "advisors/service.hpp"
#include "app/platform_glfw.hpp"
#include "assessment/service.hpp"
#include "auth/auth_service.hpp"
#include "export/export_service.hpp"
#include "i18n/strings.hpp"
#include "questionnaire/loader.hpp"
#include "store/assessment_store.hpp"
#include "store/audit_log.hpp"
#include "store/plan_store.hpp"
#include "store/workshop_store.hpp"
#include "store/database.hpp"
#include "store/result_store.hpp"
#include "store/people_store.hpp"
#include "skills/catalog.hpp"
#include "skills/service.hpp"
#include "scoring/policy.hpp"
#include "scoring/service.hpp"
#include "ui/app_state.hpp"
#include "ui/fonts.hpp"
#include "util/signing.hpp"
#include "ui/widgets.hpp"

namespace kiosk::app {
namespace {

constexpr double kIdleTimeoutSeconds = 10.0;
constexpr int kFramesAfterInput = 3;  // ImGui settles hover and click state over a few frames

int fail(const std::string& message) {
    fmt::print(stderr, "medsec-kiosk: {}\n", message);
    return 1;
}

// With MEDSEC_KIOSK_STARTUP_TRACE set, each step of the start-up is written to standard error
// with the milliseconds it took (since the step before; the first call only starts the clock):
// where the time to the first frame goes.
void startupStep(const char* step) {
    static const bool on = std::getenv("MEDSEC_KIOSK_STARTUP_TRACE") != nullptr;
    static std::optional<std::chrono::steady_clock::time_point> last;
    if (!on) return;
    const auto now = std::chrono::steady_clock::now();
    if (last) fmt::print(stderr, "startup: {:7.1f} ms  {}\n", std::chrono::duration<double, std::milli>(now - *last).count(), step);
    last = now;
}

// For the launch bench (bench/launch.cpp): the monotonic clock, in nanoseconds, when the first
// frame is on screen, written to the file MEDSEC_KIOSK_FIRST_FRAME names.
void markFirstFrame() {
    const char* path = std::getenv("MEDSEC_KIOSK_FIRST_FRAME");
    if (!path) return;
    const auto now = std::chrono::steady_clock::now().time_since_epoch();
    if (std::FILE* f = std::fopen(path, "w")) {
        fmt::print(f, "{}\n", std::chrono::duration_cast<std::chrono::nanoseconds>(now).count());
        std::fclose(f);
    }
}

// Opens the window, its OpenGL context and ImGui's context: the longest step of the start, so
// the content is read on another thread meanwhile.
Result<std::unique_ptr<GlfwPlatform>> openWindow(const KioskOptions& options) {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // the kiosk's layout is fixed; nothing to remember
    auto platform = GlfwPlatform::create("medsec-kiosk", options.width, options.height, options.fullscreen);
    startupStep("window and OpenGL context");
    if (!platform) {
        ImGui::DestroyContext();
        return Error{platform.error()};
    }
    return std::unique_ptr<GlfwPlatform>(*platform);
}

void closeWindow(std::unique_ptr<GlfwPlatform>& window) {
    window.reset();
    ImGui::DestroyContext();
}

// Draws `state` in the open window until the person quits, then closes it; `text` gives every
// character the fonts must hold (called again when new names arrive).
int runWindow(std::unique_ptr<GlfwPlatform> window, ui::AppState& state, const ui::FontFiles& fonts, const KioskOptions& options,
              const std::function<std::string()>& text) {
    const auto wantedScale = [&] {
        if (options.scale > 0) return options.scale;
        int width = 0, height = 0;
        window->windowSize(width, height);
        return ui::chooseScale(width, height, window->contentScale());
    };
    window->setScale(wantedScale());
    const std::string shown = text();
    startupStep("text to show");
    if (auto s = ui::loadFonts(state, fonts, shown, wantedScale()); !s) {
        closeWindow(window);
        return fail(s.error());
    }
    ui::applyTheme();
    startupStep(state.fonts.source == "cache" ? "font atlas (from the cache)" : "font atlas (rasterised)");

    // For tests that type into the window: each frame's count of characters drawn as "?".
    std::FILE* glyphTrace = nullptr;
    if (const char* path = std::getenv("MEDSEC_KIOSK_GLYPH_TRACE")) glyphTrace = std::fopen(path, "w");

    window->holdCloseRequests(options.kiosk);
    auto lastInput = std::chrono::steady_clock::now();
    bool idle = false;

    int framesLeft = kFramesAfterInput;
    bool drawnOnce = false;
    auto lastRefresh = std::chrono::steady_clock::now();
    while (!window->shouldClose() && !state.quitRequested) {
        const double refresh = ui::refreshSeconds(state);
        if (framesLeft > 0) window->pollEvents();
        else window->waitForEvents(refresh > 0 ? std::min(refresh, kIdleTimeoutSeconds) : kIdleTimeoutSeconds);
        if (window->takeActivity() || window->hasQueuedInput()) {
            framesLeft = kFramesAfterInput;
            lastInput = std::chrono::steady_clock::now();
            idle = false;
        }
        if (window->takeCloseRequest()) ui::requestQuit(state);
        // The next person sees nothing of the previous one: after the idle timeout, what is
        // valid is saved, the role signs out, typed text is cleared, and Home shows.
        if (!idle && std::chrono::steady_clock::now() - lastInput > std::chrono::seconds(options.idleTimeout)) {
            idle = true;
            ui::idleReset(state);
            framesLeft = kFramesAfterInput;
        }
        // A screen that follows what others change (the trainer's console) is read again now and then.
        if (refresh > 0 && std::chrono::steady_clock::now() - lastRefresh >= std::chrono::duration<double>(refresh)) {
            lastRefresh = std::chrono::steady_clock::now();
            ui::refreshScreen(state);
            framesLeft = std::max(framesLeft, 1);
        }
        if (framesLeft == 0) continue;
        --framesLeft;
        if (const float scale = wantedScale(); scale != state.scale) {  // the window was resized or moved
            window->setScale(scale);
            if (auto s = ui::loadFonts(state, fonts, text(), scale); !s) fmt::print(stderr, "medsec-kiosk: {}\n", s.error());
            window->rebuildFontTexture();
        }
        window->beginFrame();
        if (!drawnOnce) startupStep("first beginFrame (font texture upload)");
        ImGui::NewFrame();
        ui::drawFrame(state);
        ImGui::Render();
        if (!drawnOnce) startupStep("first frame drawn");
        if (glyphTrace) {
            fmt::print(glyphTrace, "{}\n", ui::fallbackGlyphsDrawn(state, *ImGui::GetDrawData()));
            std::fflush(glyphTrace);
        }
        window->endFrame();
        if (!drawnOnce) {
            drawnOnce = true;
            startupStep("first frame on screen");
            markFirstFrame();
            if (std::getenv("MEDSEC_KIOSK_FIRST_FRAME_EXIT")) break;
        }
        if (state.animating) framesLeft = std::max(framesLeft, 1);  // a flicked list is still moving
        if (state.fontsStale) {
            state.fontsStale = false;
            const auto began = std::chrono::steady_clock::now();
            if (auto s = ui::loadFonts(state, fonts, text(), state.scale); !s) fmt::print(stderr, "medsec-kiosk: {}\n", s.error());
            window->rebuildFontTexture();
            if (glyphTrace)
                fmt::print(glyphTrace, "# atlas rebuilt in {} ms from the {}\n",
                           std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - began).count(),
                           state.fonts.source);
            framesLeft = kFramesAfterInput;
        }
    }
    if (glyphTrace) std::fclose(glyphTrace);
    closeWindow(window);
    return 0;
}

// The kiosk could not start: the window says why (standard error alone would reach no one at a
// kiosk), and the exit status is 1 either way.
int runStartupError(std::unique_ptr<GlfwPlatform> window, const Paths& paths, const KioskOptions& options, const i18n::Strings& strings,
                    const std::string& message) {
    ui::AppState state;
    state.lang = options.lang;
    state.services.strings = &strings;
    state.screen = ui::Screen::StartupError;
    state.startupError = message;
    (void)runWindow(std::move(window), state, ui::FontFiles{paths.font.string(), paths.fontSubset.string(), {}}, options, [&] {
        std::string text = message;
        for (Lang lang : {Lang::Ja, Lang::En})
            for (const auto& [key, value] : strings.all(lang)) text += value;
        return text;
    });
    return 1;
}

}  // namespace

int runKiosk(const Paths& paths, const KioskOptions& options) {
    startupStep("");
    // The strings and questionnaires are read on another thread while this one opens the window.
    struct Content {
        Result<i18n::Strings> strings;
        questionnaire::Catalog catalog;
    };
    auto reading = std::async(std::launch::async, [&paths] {
        auto strings = i18n::Strings::load(paths.assets / "i18n");
        return Content{std::move(strings), questionnaire::loadCatalog(paths.questionnaires)};
    });
    auto opened = openWindow(options);
    Content content = reading.get();
    startupStep("strings and questionnaires (beyond the window)");
    if (!opened) return fail(opened.error());
    std::unique_ptr<GlfwPlatform> window = std::move(*opened);
    if (!content.strings) {
        closeWindow(window);
        return fail(content.strings.error());
    }
    const auto& strings = content.strings;
    const auto& catalog = content.catalog;
    for (const auto& w : catalog.warnings) fmt::print(stderr, "medsec-kiosk: warning: {}\n", w.format());
    for (const auto& d : catalog.diagnostics) fmt::print(stderr, "{}\n", d.format());
    if (!catalog.diagnostics.empty())
        fmt::print(stderr, "medsec-kiosk: {} problem(s) in the questionnaires; the valid ones are offered\n", catalog.diagnostics.size());

    std::error_code ec;
    if (paths.database.has_parent_path()) std::filesystem::create_directories(paths.database.parent_path(), ec);
    auto db = store::Database::open(paths.database.string());
    startupStep("database open");
    if (!db) {
        fmt::print(stderr, "medsec-kiosk: {}\n", db.error());
        return runStartupError(std::move(window), paths, options, *strings, db.error());
    }
    // One audit log for the database: every service appends to it in its own transactions, and
    // sign-in and sign-out change whose actions it records.
    store::AuditLog audit(*db);
    auth::AuthService auth(*db, audit);
    store::AssessmentStore assessments(*db);
    assessment::AssessmentService service(assessments, catalog, &audit);
    store::ResultStore results(*db, &audit);
    auto policy = scoring::loadPolicy(paths.questionnaires, catalog);
    startupStep("policy");
    std::string policyProblem;
    for (const auto& d : policy.diagnostics) {
        fmt::print(stderr, "{}\n", d.format());
        if (policyProblem.empty()) policyProblem = d.format();
    }
    scoring::ScoringService scoring(service, results, catalog, policy.policy ? &*policy.policy : nullptr, policyProblem);
    store::PeopleStore people(*db, &audit);
    store::PlanStore plans(*db, &audit);
    store::WorkshopStore workshops(*db, &audit);
    auto skillCatalog = skills::loadSkillCatalog(paths.questionnaires, catalog);
    startupStep("skill catalogue");
    for (const auto& d : skillCatalog.diagnostics) fmt::print(stderr, "{}\n", d.format());
    std::optional<skills::SkillService> skillService;
    if (skillCatalog.catalog) {
        skillService.emplace(people, *skillCatalog.catalog);
        scoring.useSkillMatrix(&*skillService);
    }

    // The key that signs the facility's bundles for its region, made on the first run.
    if (auto key = loadOrCreateSigningKey(signingKeyPath(paths.database)); !key) fmt::print(stderr, "medsec-kiosk: {}\n", key.error());
    startupStep("signing key");

    // The advisor directory builds on the skill catalogue; without it the tab says why.
    store::AdvisorStore advisorStore(*db, &audit);
    std::optional<advisors::AdvisorCatalog> advisorCatalog;
    std::string advisorsProblem = "the qualifications catalogue (qualifications.toml) has problems";
    if (skillCatalog.catalog) {
        auto loaded = advisors::loadAdvisorCatalog(paths.questionnaires, *skillCatalog.catalog, catalog.domains);
        for (const auto& d : loaded.diagnostics) fmt::print(stderr, "{}\n", d.format());
        if (!loaded.diagnostics.empty()) advisorsProblem = loaded.diagnostics.front().format();
        advisorCatalog = std::move(loaded.catalog);
    }
    std::optional<advisors::AdvisorService> advisorService;
    if (advisorCatalog) advisorService.emplace(advisorStore, *advisorCatalog);
    startupStep("advisor catalogue");

    ui::AppState state;
    state.lang = options.lang;
    state.services.assessments = &service;
    state.services.scoring = &scoring;
    state.services.catalog = &catalog;
    state.services.strings = &*strings;
    state.services.policy = policy.policy ? &*policy.policy : nullptr;
    state.services.skills = skillService ? &*skillService : nullptr;
    state.services.audit = &audit;
    state.services.auth = &auth;
    state.services.plans = &plans;
    state.services.workshops = &workshops;
    state.services.advisors = advisorService ? &*advisorService : nullptr;
    store::FacilityStore facility(*db, &audit);
    state.services.facility = &facility;
    // The regional store, when the kiosk serves a region's desk; a failure is shown on its screen.
    std::optional<region::RegionStore> regionStore;
    if (!options.region.empty()) {
        if (auto connected = region::RegionStore::connect(options.region)) {
            regionStore.emplace(std::move(*connected));
            state.services.region = &*regionStore;
        } else {
            state.services.regionProblem = connected.error();
            fmt::print(stderr, "medsec-kiosk: {}\n", connected.error());
        }
    }
    // The advisor search starts from the facility's prefecture.
    if (auto f = facility.get()) state.facilityPrefecture = f->prefecture;
    state.services.advisorsProblem = advisorService ? std::string() : advisorsProblem;
    exporting::Exporter exporter(*db, &audit, {&catalog.domains, skillCatalog.catalog ? &*skillCatalog.catalog : nullptr, nullptr});
    state.services.exporter = &exporter;
    // Read before the fonts are built (their titles need glyphs); Home stays stale so that its
    // first frame also reads the completed results.
    if (auto summaries = service.summaries(store::AssessmentStatus::InProgress)) state.home.inProgress = std::move(*summaries);
    startupStep("assessments in progress");

    // The baked atlas is kept beside the database, as the signing key is.
    ui::FontFiles fonts{paths.font.string(), paths.fontSubset.string(), {}};
    if (paths.database.has_filename() && paths.database != ":memory:") fonts.cache = paths.database.string() + ".atlas";
    return runWindow(std::move(window), state, fonts, options, [&] { return ui::textToShow(state); });
}

}  // namespace kiosk::app
