package org.sanad.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.sanad.text.TestText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The red-flag policy as a table ({@code src/test/resources/safety/triage-cases.tsv}): every category in every
 * dialect, Arabizi and English, negated and general forms, false friends, ordinary Botox questions, crises.
 */
class RedFlagDetectorTest {

    private static final RedFlagDetector detector = new RedFlagDetector();

    private static Triage assess(String message) {
        return detector.assess(TestText.read(message));
    }

    static List<TriageCase> cases() {
        return TriageCase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesAsThePolicySays(TriageCase row) {
        Triage triage = assess(row.text());
        assertThat(triage.level()).as("line %d: %s → rule %s", row.line(), row.text(), triage.rule())
                .isEqualTo(row.level());
        if (!row.category().equals("-")) {
            assertThat(triage.categories()).as("line %d: %s", row.line(), row.text()).contains(row.category());
        }
    }

    @Test
    void findsEveryReportedRedFlagInEveryCategory() {
        List<TriageCase> reports = cases().stream().filter(c -> c.level() == Triage.Level.URGENT).toList();
        Map<String, int[]> byCategory = new TreeMap<>();
        Map<String, int[]> byDialect = new TreeMap<>();
        for (TriageCase row : reports) {
            Triage triage = assess(row.text());
            boolean found = triage.reportsRedFlag() && triage.categories().contains(row.category());
            count(byCategory, row.category(), found);
            count(byDialect, row.dialect(), found);
        }
        StringBuilder table = new StringBuilder("\n=== red-flag recall on safety/triage-cases.tsv ===\n");
        byCategory.forEach((k, v) -> table.append(String.format("  %-14s %3d/%-3d %5.1f %%%n", k, v[0], v[1], 100.0 * v[0] / v[1])));
        table.append("  by dialect:\n");
        byDialect.forEach((k, v) -> table.append(String.format("  %-14s %3d/%-3d %5.1f %%%n", k, v[0], v[1], 100.0 * v[0] / v[1])));
        Map<Triage.Level, Long> levels = cases().stream()
                .collect(Collectors.groupingBy(TriageCase::level, TreeMap::new, Collectors.counting()));
        table.append("  cases by expected level: ").append(levels).append('\n');
        System.out.print(table);
        assertThat(byCategory.keySet()).containsAll(SafetyLexicon.CATEGORIES);
        assertThat(byCategory.values()).allSatisfy(v -> assertThat(v[0]).isEqualTo(v[1]));
    }

    @Test
    void coversEveryCategoryInEveryMainDialect() {
        List<String> dialects = List.of("egy", "lev", "gulf", "msa", "en");
        for (String category : List.of("swallowing", "breathing", "cyanosis", "consciousness", "seizure", "weakness",
                "eyes", "speech", "feeding")) {
            for (String dialect : dialects) {
                assertThat(cases()).as("%s in %s", category, dialect).anyMatch(c -> c.level() == Triage.Level.URGENT
                        && c.category().equals(category) && c.dialect().equals(dialect));
            }
        }
    }

    @Test
    void escalatesWhenChildCannotSwallow() {
        Triage triage = assess("ابني مش قادر يبلع");
        assertThat(triage.level()).isEqualTo(Triage.Level.URGENT);
        assertThat(triage.categories()).containsExactly("swallowing");
        assertThat(triage.rule()).isEqualTo("inability+swallowing");
    }

    @Test
    void aReportAboutTheChildWinsOverAQuestionMark() {
        assertThat(assess("ابني مش قادر يبلع، هل ده طبيعي؟").level()).isEqualTo(Triage.Level.URGENT);
        assertThat(assess("ابني بيتنفس بصعوبة هل ده طبيعي").level()).isEqualTo(Triage.Level.URGENT);
    }

    @Test
    void answersAGeneralQuestionAboutARiskAsAMention() {
        Triage triage = assess("هل يسبب البوتوكس صعوبة في البلع؟");
        assertThat(triage.level()).isEqualTo(Triage.Level.MENTION);
        assertThat(triage.rule()).startsWith("general(");
    }

    @Test
    void doesNotEscalateADeniedSign() {
        assertThat(assess("بيتنفس كويس الحمد لله").level()).isEqualTo(Triage.Level.NEGATED);
        assertThat(assess("ما في عنده صعوبة بالبلع").level()).isEqualTo(Triage.Level.NEGATED);
    }

    @Test
    void takesSpasticityForTheConditionNotForASeizure() {
        assertThat(assess("التشنج في رجله زاد بعد الحقنة").level()).isEqualTo(Triage.Level.NONE);
        assertThat(assess("ابني جاله تشنجات وعينه بتقلب لفوق").categories()).contains("seizure");
    }

    @Test
    void takesNafsiForAWishNotForBreath() {
        assertThat(assess("نفسي أعرف امتى يبان المفعول").level()).isEqualTo(Triage.Level.NONE);
    }

    @Test
    void keepsTheRedFlagOfACaregiverInCrisis() {
        Triage triage = assess("ابني مش قادر يبلع وانا تعبت ونفسي اموت");
        assertThat(triage.level()).isEqualTo(Triage.Level.CRISIS);
        assertThat(triage.categories()).contains("harm-self", "swallowing");
        assertThat(triage.reportsRedFlag()).isTrue();
        assertThat(assess("انا تعبت ونفسي اموت وارتاح").reportsRedFlag()).isFalse();
    }

    @Test
    void auditsByRuleAndCategoryNeverByText() {
        for (TriageCase row : cases()) {
            Triage triage = assess(row.text());
            assertThat(triage.rule()).as(row.text()).matches("[a-z+:(),-]+");
            assertThat(triage.categories()).allSatisfy(c -> assertThat(c).matches("[a-z-]+"));
        }
    }

    @Test
    void takesANewLineForANewClause() {
        assertThat(assess("ما عنده حرارة\nبيختنق").level()).isEqualTo(Triage.Level.URGENT);
        assertThat(assess("ابني مش قادر يبلع\r\nهل ده طبيعي").level()).isEqualTo(Triage.Level.URGENT);
    }

    @Test
    void answersEmptyAndOddInputCalmly() {
        assertThat(assess("").level()).isEqualTo(Triage.Level.NONE);
        assertThat(assess("؟؟؟ !!! 😢").level()).isEqualTo(Triage.Level.NONE);
        assertThat(assess("ههههههههه").level()).isEqualTo(Triage.Level.NONE);
        assertThat(assess("ب".repeat(4096)).level()).isEqualTo(Triage.Level.NONE);
    }

    private static void count(Map<String, int[]> counts, String key, boolean found) {
        int[] c = counts.computeIfAbsent(key, k -> new int[2]);
        c[1]++;
        if (found) {
            c[0]++;
        }
    }
}
