// The fixed words of the XLSX, HTML and PDF reports, Japanese first and English second. Content
// (questions, domains, decisions, reasons) comes with the report; only headings, column names and
// a few phrases live here, in one place for the three writers.
#pragma once

#include "util/text.hpp"

namespace kiosk::exporting::labels {

inline const LocalizedText kReportTitle{"医療情報セキュリティ 自己評価報告書", "Healthcare information security self-assessment report"};
inline const LocalizedText kFacility{"施設", "Facility"};
inline const LocalizedText kNoFacility{"（施設名は未登録）", "(facility name not recorded)"};
inline const LocalizedText kReportDate{"作成日", "Date"};
inline const LocalizedText kExportedAt{"書き出し日時", "Exported at"};
inline const LocalizedText kPeriod{"対象期間", "Period"};
inline const LocalizedText kWholePeriod{"全期間", "all dates"};
inline const LocalizedText kAssessments{"この報告書の評価", "Assessments in this report"};
inline const LocalizedText kNoAssessments{"この報告書に含まれる評価はありません。", "This report contains no assessments."};
inline const LocalizedText kQuestionnaire{"設問", "Questionnaire"};
inline const LocalizedText kAssessment{"評価", "Assessment"};
inline const LocalizedText kStatus{"状態", "Status"};
inline const LocalizedText kCompletedAt{"完了日時", "Completed"};
inline const LocalizedText kAnswerCount{"回答数", "Answers"};
inline const LocalizedText kStatusCompleted{"完了", "completed"};
inline const LocalizedText kStatusInProgress{"回答中", "in progress"};
inline const LocalizedText kStatusDiscarded{"中止", "discarded"};

inline const LocalizedText kDecision{"判定", "Decision"};
inline const LocalizedText kSummary{"要約", "Summary"};
inline const LocalizedText kExpectedTier{"求められる水準", "Expected tier"};
inline const LocalizedText kAchievedTier{"達成している水準", "Achieved tier"};
inline const LocalizedText kOverall{"総合点（求められる水準の対策）", "Overall score (measures of the expected tier)"};
inline const LocalizedText kNextTier{"次の水準への準備", "Readiness for the next tier"};
inline const LocalizedText kChange{"前回からの変化", "Change since the previous assessment"};
inline const LocalizedText kStaffing{"人材", "People"};
inline const LocalizedText kStaffingLine{"医療情報システムの知識 {0} 人・セキュリティ資格 {1} 人・両方 {2} 人・担当者 {3} 人",
                                         "{0} with healthcare-systems knowledge, {1} security-qualified, {2} both, {3} duty holders"};
inline const LocalizedText kProvider{"他施設への支援", "Support for other facilities"};
inline const LocalizedText kComputedAt{"算出日時", "Computed at"};

inline const LocalizedText kScores{"領域別の点数", "Scores by domain"};
inline const LocalizedText kDomain{"領域", "Domain"};
inline const LocalizedText kScore{"点数", "Score"};
inline const LocalizedText kTarget{"目標", "Target"};
inline const LocalizedText kInPlace{"実施済み / 対象", "In place / applicable"};
inline const LocalizedText kRadarCaption{"領域別の点数（青）と目標（橙の破線）", "Scores by domain (blue) against targets (orange, dashed)"};

inline const LocalizedText kGaps{"不足している対策と改善計画", "Gaps and improvement plan"};
inline const LocalizedText kNoGaps{"不足している対策はありません。", "No measure is missing."};
inline const LocalizedText kPlanDoneItems{"改善計画のうち、この評価で不足に当たらない項目", "Plan entries for measures that are not gaps in this assessment"};
inline const LocalizedText kPriority{"優先順", "Priority"};
inline const LocalizedText kMeasure{"対策", "Measure"};
inline const LocalizedText kItemId{"項目ID", "Item id"};
inline const LocalizedText kCritical{"重要", "Critical"};
inline const LocalizedText kYes{"はい", "yes"};
inline const LocalizedText kNo{"いいえ", "no"};
inline const LocalizedText kAnswer{"回答", "Answer"};
inline const LocalizedText kOwner{"担当", "Owner"};
inline const LocalizedText kTargetDate{"目標日", "Target date"};
inline const LocalizedText kPlanStatus{"状況", "Status"};
inline const LocalizedText kNote{"メモ", "Note"};
inline const LocalizedText kUpdatedAt{"更新日時", "Updated"};
inline const LocalizedText kNoPlan{"改善計画は未設定", "no plan entry yet"};
inline const LocalizedText kNotSet{"未設定", "not set"};

inline const LocalizedText kRoutes{"外部人材の探し方（上から順に検討）", "Where to find external advisors, in order"};
inline const LocalizedText kRouteStatus{"現状", "Status"};
inline const LocalizedText kChecked{"確認日", "checked"};
inline const LocalizedText kNotYetAvailable{"まだ利用できる仕組みではありません", "not yet a service one can use"};
inline const LocalizedText kUntilThen{"今できること", "What to do now"};
inline const LocalizedText kCheckedAgainst{"確認した資料", "Checked against"};
inline const LocalizedText kAlreadyInPlace{"この種類の支援はすでに受けています", "The facility already has this kind of help"};
inline const LocalizedText kActions{"次にすること", "What to do next"};

inline const LocalizedText kWhy{"判定の理由", "Why this decision"};
inline const LocalizedText kWhyExpected{"求められる水準の理由", "Why this expected tier"};
inline const LocalizedText kWhyAchieved{"達成している水準の理由", "Why this achieved tier"};
inline const LocalizedText kCitation{"根拠", "Source"};
inline const LocalizedText kRule{"規則", "Rule"};
inline const LocalizedText kReason{"理由", "Reason"};

inline const LocalizedText kAnswers{"回答一覧", "Answers"};
inline const LocalizedText kQuestion{"問い", "Question"};
inline const LocalizedText kQuestionId{"問いID", "Question id"};
inline const LocalizedText kValue{"値", "Value"};
inline const LocalizedText kSkipped{"（回答なし）", "(skipped)"};
inline const LocalizedText kAnsweredAt{"回答日時", "Answered at"};

inline const LocalizedText kAudit{"監査記録", "Audit trail"};
inline const LocalizedText kChainHead{"記録の連鎖の先頭（ハッシュ）", "Head of the audit chain (hash)"};
inline const LocalizedText kAuditRows{"監査記録の総数", "Rows in the audit log"};
inline const LocalizedText kAuditEvents{"対象期間の記録", "Events in the period"};
inline const LocalizedText kAuditWhere{"個々の記録は XLSX と JSON の書き出しにあります。",
                                       "Each event is listed in the XLSX and JSON exports."};

inline const LocalizedText kSignature{"監査担当者の確認", "Auditor's sign-off"};
inline const LocalizedText kSignatureName{"氏名", "Name"};
inline const LocalizedText kSignatureDate{"日付", "Date"};
inline const LocalizedText kSignatureSign{"署名", "Signature"};

// The XLSX workbook's columns.
inline const LocalizedText kExport{"書き出し", "Export"};
inline const LocalizedText kKind{"区分", "Kind"};
inline const LocalizedText kItem{"項目", "Item"};
inline const LocalizedText kRoute{"外部人材", "External route"};
inline const LocalizedText kPersonId{"ID", "Id"};
inline const LocalizedText kName{"氏名", "Name"};
inline const LocalizedText kRole{"職種", "Role"};
inline const LocalizedText kDepartment{"部署", "Department"};
inline const LocalizedText kEmployment{"雇用形態", "Employment"};
inline const LocalizedText kQualifications{"資格（取得日〜更新期限）", "Qualifications (obtained to renewal due)"};
inline const LocalizedText kExperience{"経験年数", "Years of experience"};
inline const LocalizedText kHealthcareCourse{"医療分野の講習", "Healthcare course"};
inline const LocalizedText kSkillsTakenAt{"スキルの記録日時", "Skills recorded at"};
inline const LocalizedText kSeq{"連番", "Seq"};
inline const LocalizedText kAt{"日時", "Time"};
inline const LocalizedText kAtUtc{"日時（UTC、記録のまま）", "Time (UTC, as stored)"};
inline const LocalizedText kActor{"役割", "Role"};
inline const LocalizedText kEvent{"記録", "Event"};
inline const LocalizedText kSubject{"対象", "Subject"};
inline const LocalizedText kDetails{"詳細", "Details"};
inline const LocalizedText kHash{"ハッシュ", "Hash"};
inline const LocalizedText kPreviousHash{"直前のハッシュ", "Previous hash"};

inline const LocalizedText kPage{"{0} / {1}", "{0} / {1}"};

}  // namespace kiosk::exporting::labels
