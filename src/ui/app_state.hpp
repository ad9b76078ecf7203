// The whole state of the kiosk's screens: one struct of plain fields, one small struct per
// screen, and the services through which screens change the world.
#pragma once

#include <memory>
#include <optional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "advisors/service.hpp"
#include "assessment/service.hpp"
#include "auth/auth_service.hpp"
#include "export/export_service.hpp"
#include "i18n/strings.hpp"
#include "questionnaire/loader.hpp"
#include "scoring/service.hpp"
#include "skills/service.hpp"
#include "store/plan_store.hpp"
#include "store/audit_log.hpp"
#include "region/store.hpp"
#include "store/facility_store.hpp"
#include "store/workshop_store.hpp"
#include "ui/touch.hpp"

#include <imgui.h>

namespace kiosk::ui {

enum class Screen {
    Home,
    Assessment,
    Completion,
    Results,
    Matrix,
    SignIn,
    AuditLog,
    Settings,
    Auditor,
    WorkshopJoin,     // a participant joins a session and chooses its exercise
    WorkshopDebrief,  // a participant's score, path and every explanation, then the reset
    Workshops,        // the trainer's console
    Region,           // the regional store's facilities (with --region)
    StartupError
};

struct Services {
    assessment::AssessmentService* assessments = nullptr;
    scoring::ScoringService* scoring = nullptr;
    skills::SkillService* skills = nullptr;  // null when the skill matrix cannot be used
    const questionnaire::Catalog* catalog = nullptr;
    const i18n::Strings* strings = nullptr;
    const scoring::Policy* policy = nullptr;  // for the glyphs of the results' texts
    store::AuditLog* audit = nullptr;         // the log, its filters and verification (auditor screen)
    auth::AuthService* auth = nullptr;        // sign-in, PINs, lockout; who is signed in
    store::PlanStore* plans = nullptr;        // the improvement plan of each result (auditor workspace)
    exporting::Exporter* exporter = nullptr;  // exports from the auditor workspace
    store::WorkshopStore* workshops = nullptr;  // workshop sessions (trainer's console, participants)
    advisors::AdvisorService* advisors = nullptr;  // the external-advisor directory; null when it cannot be used
    store::FacilityStore* facility = nullptr;      // the facility this kiosk's database belongs to
    region::RegionStore* region = nullptr;         // the regional store (--region); null without it
    std::string regionProblem;                     // why it could not be opened
    std::string advisorsProblem;                   // why it cannot be used
};

struct Fonts {
    ImFont* body = nullptr;
    ImFont* large = nullptr;
    ImFont* small = nullptr;
    ImVector<ImWchar> glyphRanges;  // must outlive the atlas
    std::string source;             // where the last atlas came from: "cache", "subset", "font"…
};

struct HomeState {
    std::vector<assessment::AssessmentSummary> inProgress;
    std::vector<assessment::AssessmentSummary> scored;  // completed security-measures assessments
    std::vector<std::optional<scoring::Decision>> decisions;  // of `scored`, where a result is stored
    std::vector<assessment::AssessmentSummary> completedOther;  // completed profiles, checklists, exercises
    bool stale = true;        // reload the list on the next frame
    int focused = 0;          // keyboard focus among questionnaires, then in-progress items
    bool scrollToFocus = false;  // the focus moved by keyboard: scroll its card into view
    std::string confirmDiscard;  // the assessment in progress whose discarding waits for a yes
    std::string error;
};

struct AssessmentState {
    std::optional<assessment::ActiveAssessment> active;
    int current = -1;         // question index
    bool showHelp = false;
    bool showOverview = false;
    std::string error;        // shown above the footer until the next action
    std::string savedNote;    // "saved" confirmation for the current question
    std::string notice;       // a typed value that contradicts an earlier answer (shown, not refused)
    // Editing buffer for number, date and text answers, tied to the question it belongs to.
    int bufferFor = -1;
    std::string buffer;
    bool focusInput = false;      // give the text field the keyboard when its page opens
    bool revealFeedback = false;  // scroll an exercise's explanation into view after a decision
};

// A participant's turn at the kiosk during a workshop: the session joined, under which nickname,
// and the run in progress (recorded with its assessment at the first decision). Cleared by the
// reset after the debrief, by leaving for Home and by the idle timeout, so that nothing of one
// participant is visible or reachable for the next.
struct WorkshopTurn {
    std::optional<workshop::Session> session;
    std::optional<workshop::Participant> participant;
    std::string exercise;  // the exercise being run
    std::string run;       // its assessment, once recorded
    // The join form.
    std::string code, nickname;
    bool consent = false;
    std::string error;
};

// The trainer's console.
struct WorkshopConsoleState {
    bool stale = true;
    std::vector<workshop::Session> sessions;
    std::string selected;                 // the session shown (UUID)
    std::vector<workshop::Run> runs;      // of the selected session
    int exercise = 0;                     // which of its exercises the aggregate shows
    int view = -1;                        // the runs it counts: 0 before, 1 after the teaching; -1 the session's phase
    bool creating = false;                // the new-session form is open
    std::string name;
    std::set<std::string> chosen;         // exercises of the new session
    workshop::Mode mode = workshop::Mode::Individual;
    workshop::Explanations explanations = workshop::Explanations::EachDecision;
    std::string file;                     // a session file to merge, or where to write one
    std::string improvements;
    bool confirmClose = false;
    std::string error, message;
};

struct CompletionState {
    std::string error;
    bool confirming = false;  // "finish" was pressed; finishing waits for the confirmation
    std::vector<skills::Person> namesakes;  // a checklist's name is shared: which of them, or someone new
    std::int64_t personId = 0;              // the one chosen (skills::kNewPerson for someone new)
};

enum class ResultsTab { Gaps, Routes, Actions, Reasons };

// The candidates of the advisor directory for the result shown (the external-advisors tab). The
// match points into `directory`, read when the view opens or a filter changes.
struct AdvisorCandidates {
    bool shown = false;               // the tab shows the candidates (else the routes)
    bool stale = true;
    bool choosingPrefecture = false;  // the prefecture chooser is open
    advisors::MatchOptions options;   // the prefecture comes from AppState::facilityPrefecture
    std::optional<advisors::Date> on; // the day statuses are judged on; today when not set
    std::vector<advisors::Advisor> directory;
    std::optional<advisors::MatchResult> match;
    std::vector<std::vector<std::string>> reasons;  // of each candidate shown, in `lang`
    std::vector<std::string> advice;                // when there is no candidate
    Lang lang = Lang::Ja;
    std::string error;
};

struct ResultsState {
    std::optional<scoring::FacilityResult> result;
    std::string error;            // why there is no result (e.g. no completed profile yet)
    ResultsTab tab = ResultsTab::Gaps;
    std::set<std::string> openGaps;  // gaps opened to show their explanation
    std::string revealGap;           // the gap just opened, scrolled into view on the next frame
    Screen back = Screen::Home;      // where "back" leads: Home, or the auditor's workspace
    AdvisorCandidates advisors;
};

// A person being added or edited by an administrator; dates stay text until saved.
struct PersonDraft {
    skills::Person person;
    bool isNew = true;
    std::map<std::string, bool> has;             // qualification id -> held
    std::map<std::string, std::string> obtained; // qualification id -> YYYY-MM-DD
    std::map<std::string, std::string> renewal;  // qualification id -> YYYY-MM-DD
    std::string error;
};

// What the matrix shows above its table, chosen from the header bar.
enum class MatrixPanel { None, Filters, Summary, File };

// The skill matrix. People and coverage are read when the screen opens or after an import, not
// every frame; the table is drawn from this copy.
struct MatrixState {
    bool stale = true;
    std::vector<skills::Person> people;
    std::vector<skills::PersonStanding> standings;  // parallel to people
    skills::Coverage coverage;
    std::string tier = "self_reliant";  // whose target level the matrix shows
    bool tierChosen = false;            // set from the facility's latest result once, then by the person
    int roleFilter = -1;                // index into the catalogue's roles, -1 = all
    std::string departmentFilter;       // empty = all
    std::vector<int> order;             // rows shown, after filter and sort
    std::int64_t selected = 0;          // person shown in the side panel
    int shownSkill = -1;                // skill column last tapped, shown in full above the table
    MatrixPanel panel = MatrixPanel::None;
    std::vector<skills::SkillSnapshot> history;  // of the selected person
    std::set<std::int64_t> directoryConsent;     // people who agreed to appear in the published advisor list
    std::optional<PersonDraft> draft;   // the person editor, when open
    std::string path = "staff.csv";     // import / export file
    std::string confirmOverwrite;       // export waits for a yes: this file exists
    std::string message;
    std::string error;
};

// Signing in with a role's PIN, or choosing a new PIN (the admin's on first run).
struct SignInState {
    store::Role role = store::Role::Admin;
    std::string pin;              // digits typed so far (never shown)
    std::string firstPin;         // choosing a PIN: the first entry, waiting for the repeat
    bool choosing = false;        // a new PIN is being chosen instead of checked
    Screen after = Screen::Home;  // opened once signed in
    bool quitAfter = false;       // closing the kiosk waits for the admin PIN
    bool forSettings = false;     // the admin sets a role's PIN from the settings: nobody signs in
    std::string error;
};

// Settings and PINs (admin).
struct SettingsState {
    // The facility record being edited, as typed; read when the screen opens.
    bool facilityLoaded = false;
    store::Facility facility;
    std::string beds;                          // as typed
    bool choosingPrefecture = false;
    std::optional<store::Role> confirmRemove;  // removing this role's PIN waits for a yes
    std::string message;                       // what was just done
    std::string error;
};

struct AuditViewState {
    bool stale = true;
    std::vector<store::AuditRow> rows;  // newest first
    std::optional<store::ChainBreak> broken;
    std::string head;
    std::string filter;  // event prefix, empty = all
    int days = 0;        // the period shown: the last `days` days including today, 0 = all
    std::int64_t total = 0;  // rows in the whole log
    std::string error;
};

// The auditor's workspace: every assessment with filters and sorting, two results compared, and
// the improvement plan of a result.
enum class AuditorView { List, Compare, Plan };

struct AuditorRow {
    assessment::AssessmentSummary summary;
    std::optional<scoring::Decision> decision;  // scored measures assessments only
    std::optional<double> overall;
};

// One gap's plan entry being edited, as typed.
struct PlanDraftState {
    store::PlanEntry entry;
    std::string error;
};

struct AuditorState {
    bool stale = true;
    AuditorView view = AuditorView::List;
    std::vector<AuditorRow> rows;   // every assessment, newest first
    bool showFilters = false;
    float panelHeight = 0;          // of the open panel (filters or export) as last drawn
    std::string questionnaire;      // questionnaire id, empty = all
    int days = 0;                   // completed (or begun) within the last `days` days, 0 = any time
    int decision = -1;              // a scoring::Decision, -1 = any
    int status = 0;                 // 0 completed, 1 in progress, 2 discarded, 3 any
    int sort = 0;                   // 0 newest first, 1 oldest first, 2 lowest overall score first
    std::vector<std::string> compare;  // up to two assessments chosen for comparison
    std::optional<scoring::FacilityResult> left, right;  // compared: older left, newer right
    std::string planFor;            // the assessment whose plan is open
    std::optional<scoring::FacilityResult> planResult;
    std::vector<exporting::PlanItem> plan;
    std::vector<exporting::PlanItem> previousPlan;  // of the assessment before it, if any
    std::optional<PlanDraftState> draft;
    bool revealDraft = false;       // scroll the editor just opened into view
    // Exporting the assessments of the chosen period.
    bool showExport = false;
    std::string format = "pdf";
    std::string path;               // where the file goes; follows the format until edited
    bool pathEdited = false;
    bool confirmOverwrite = false;  // the file exists: exporting waits for a yes
    std::shared_ptr<exporting::ExportJob> job;  // the export running, if one is
    std::vector<std::string> written;  // the files of the last export, full paths
    std::string message;
    std::string error;
};

// The region: its facilities in order of need, their latest domain scores, the one chosen and its trend.
struct RegionState {
    bool stale = true;       // the whole region is read again (on opening and on "update")
    bool trendStale = true;  // only the chosen facility's trend (a tap on another facility)
    std::vector<region::RankedFacility> ranked;
    std::map<std::string, std::map<std::string, double>> scores;  // facility -> domain -> score
    std::string selected;  // facility UUID
    std::vector<region::TrendPoint> trend;
    // The advisor directory against every facility's latest result, in its prefecture.
    std::map<std::string, std::vector<std::string>> candidates;  // facility -> advisor names, best first
    int needing = 0;   // facilities whose latest result calls for outside help
    int covered = 0;   // of them, those with at least one candidate
    std::vector<std::pair<std::string, int>> busiest;  // advisors by the facilities they could serve
    int tab = 0;           // 0 heat map, 1 trend
    std::string error;
    // Writing the ranking for an office (CSV or XLSX).
    bool showExport = false;
    std::string format = "xlsx";
    std::string path;               // follows the format until edited
    bool pathEdited = false;
    bool confirmOverwrite = false;  // the file exists: writing waits for a yes
    std::string written;            // the full path of the last file written
    std::string exportError;
    float panelHeight = 0;          // of the export panel as last drawn
};

struct AppState {
    Screen screen = Screen::Home;
    Lang lang = Lang::Ja;
    Services services;
    Fonts fonts;
    HomeState home;
    AssessmentState assessment;
    CompletionState completion;
    ResultsState results;
    MatrixState matrix;
    SignInState signIn;
    AuditViewState auditView;
    SettingsState settings;
    AuditorState auditor;
    WorkshopTurn workshop;
    WorkshopConsoleState console;
    RegionState region;
    // Exports left running by an idle reset: they finish (and are recorded) on their own thread
    // while the kiosk goes on; dropped once finished.
    std::vector<std::shared_ptr<exporting::ExportJob>> background;
    bool quitRequested = false;
    TouchScroll touch;
    bool animating = false;   // something moves on its own (a flicked list): keep drawing frames
    float scale = 1.0f;       // physical pixels per logical pixel (the fonts are rasterised at this scale)
    std::string startupError;  // why the kiosk cannot start (Screen::StartupError)
    bool fontsStale = false;  // new text (people's names) needs glyphs: rebuild the atlas after this frame
    std::string typedText;    // characters typed by people that the content does not have
    // The facility's prefecture as last chosen for matching advisors (JIS code); kept for the
    // kiosk's run, since it belongs to the facility, not to a person.
    std::string facilityPrefecture;

    // A UI string in the current language.
    const std::string& tr(std::string_view key) const { return services.strings->get(lang, key); }
};

// Draws one frame of whichever screen is current. Call between ImGui::NewFrame and ImGui::Render.
void drawFrame(AppState& state);

// Screens; each is a function of the state.
void drawHome(AppState& state);
void drawAssessment(AppState& state);
void drawCompletion(AppState& state);
void drawResults(AppState& state);
void drawMatrix(AppState& state);
void drawStartupError(AppState& state);
void drawSignIn(AppState& state);
void drawAuditLog(AppState& state);
void drawSettings(AppState& state);
void drawAuditor(AppState& state);
void drawWorkshopJoin(AppState& state);
void drawWorkshopDebrief(AppState& state);
void drawWorkshops(AppState& state);
void drawRegion(AppState& state);

// Access: whether the signed-in role passes `gate` (always, when the kiosk has no roles), and
// opening `target` through the sign-in screen when it does not. The screens behind a gate check
// it themselves as well, so that no path around the button opens them.
bool permitted(const AppState& state, auth::Gate gate);
// A role's name in the current language (研修担当, Auditor …).
std::string roleLabel(const AppState& state, store::Role role);
void openGated(AppState& state, auth::Gate gate, Screen target);
// The check a protected screen makes first, whatever opened it: true when it may draw. Otherwise
// the person is asked to sign in (when the kiosk has roles and the screen what it needs), or Home
// shows; `available` is false when the screen lacks a service it needs.
bool admitted(AppState& state, auth::Gate gate, Screen screen, bool available = true);
// Asks for the admin PIN before the kiosk closes (kiosk mode).
void requestQuit(AppState& state);
// After the idle timeout: a typed answer that is valid is saved, then the role signs out, every
// buffer holding what a person typed is cleared, and Home shows.
void idleReset(AppState& state);

// Transitions that screens share.
void openAssessment(AppState& state, assessment::ActiveAssessment active);
void showQuestion(AppState& state, int index);  // within the open assessment
void saveTypedAnswer(AppState& state);          // the typed value of the current question, if valid
void showResults(AppState& state, const std::string& assessmentUuid);
void goHome(AppState& state);
// The full path of a file of that name in the home folder (the working folder when HOME is unset),
// where the screens write exports, session files and reports unless told otherwise.
std::string homeFile(const std::string& name);
// A file in the home folder named by today: "PREFIX-YYYY-MM-DD.EXTENSION" (where exports go by default).
std::string datedHomeFile(const std::string& prefix, const std::string& extension);
// Workshops: after a decision is saved, records the participant's run once its assessment exists;
// whether explanations show after each decision (or only in the debrief); and the end of a
// participant's turn (the debrief's reset).
void linkWorkshopRun(AppState& state);
bool explanationsNow(const AppState& state);
void endWorkshopTurn(AppState& state);
std::string phaseLabel(const AppState& state, workshop::Phase phase);  // 研修の前 / Before the workshop …
// Seconds after which the screen wants to be read again without input (the trainer's console
// follows the participants' runs while it is open); 0: only after input.
double refreshSeconds(const AppState& state);
void refreshScreen(AppState& state);  // reads the screen's data again on its next frame
// The 47 prefectures as buttons, and `noneLabel` for none; true when one was tapped, with `code` set
// to it ("" for none). Draws nothing without the advisor directory's catalogue, which lists them.
bool prefectureGrid(AppState& state, std::string& code, const std::string& noneLabel);
// A prefecture's name in the current language, or "" for none or an unknown code.
std::string prefectureName(const AppState& state, const std::string& code);

}  // namespace kiosk::ui
