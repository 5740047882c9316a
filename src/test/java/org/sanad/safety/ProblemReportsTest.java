package org.sanad.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.sanad.text.TestText;

/** The safety net's words as a table ({@code src/test/resources/safety/problem-report-cases.tsv}). */
class ProblemReportsTest {

    private static final ProblemReports reports = new ProblemReports();

    record Case(boolean report, String dialect, String text) {

        @Override
        public String toString() {
            return (report ? "reports " : "asks ") + "[" + dialect + "] " + text;
        }
    }

    static List<Case> cases() throws IOException {
        try (InputStream in = ProblemReportsTest.class.getResourceAsStream("/safety/problem-report-cases.tsv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\t", 3))
                    .map(cols -> new Case(cols[0].equals("yes"), cols[1], cols[2]))
                    .toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void tellsAReportOfANewProblemWithTheChildFromAQuestion(Case row) {
        assertThat(reports.reports(TestText.read(row.text()))).as(row.text()).isEqualTo(row.report());
    }

    @Test
    void needsTheChildOrTheTimeAfterTheInjectionBesideTheProblem() {
        assertThat(reports.reports(TestText.read("حرارة"))).isFalse();
        assertThat(reports.reports(TestText.read("ابني حرارة"))).isTrue();
        assertThat(reports.reports(TestText.read("حرارة بعد الحقنة"))).isTrue();
    }

    @Test
    void refusesAWordListWithAnUnknownSection() {
        assertThatThrownBy(() -> new ProblemReports(List.of("[childs]", "ابني")))
                .hasMessageContaining("unknown section [childs]");
    }
}
