package org.sanad.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sanad.ask.AnswerService;
import org.sanad.knowledge.TestKnowledge;

/**
 * A question set about documents a clinic added without example questions, written by someone who saw no code:
 * the two documents of {@code src/test/resources/eval/new-documents/} are indexed beside {@code knowledge/}, as
 * BlindSetTool does, and the set is held at its floors (top-1, top-3, a ceiling on wrong answers, out-of-scope
 * rejection). Each subclass names its file and its floors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class NewDocumentSetEvaluationTest {

    /** The clinic documents added beside the project's knowledge, as a test resource folder. */
    static final Path NEW_DOCUMENTS = Path.of("src/test/resources/eval/new-documents");

    record Floors(double top1, double top3, double wrongAtMost, double outOfScopeRejected) {
    }

    private static AnswerService withNewDocuments;
    private Evaluation evaluation;

    abstract String resource();

    abstract String title();

    abstract Floors floors();

    @BeforeAll
    void run() {
        evaluation = Evaluation.run(pipeline(), TestPipeline.replies(), EvalRow.load(resource()));
        System.out.println(evaluation.report(title() + " (src/test/resources" + resource() + ", with new documents)"));
    }

    /** One pipeline over knowledge/ and the new documents for every such set of the run. */
    static synchronized AnswerService pipeline() {
        if (withNewDocuments == null) {
            try {
                Path knowledge = Files.createTempDirectory("sanad-new-documents");
                for (Path folder : new Path[] {TestKnowledge.PROJECT_KNOWLEDGE, NEW_DOCUMENTS}) {
                    try (Stream<Path> files = Files.list(folder)) {
                        for (Path file : files.filter(f -> f.toString().endsWith(".md") || f.toString().endsWith(".txt"))
                                .toList()) {
                            Files.copy(file, knowledge.resolve(file.getFileName()));
                        }
                    }
                }
                withNewDocuments = TestPipeline.answerService(TestKnowledge.search(
                        TestKnowledge.index(knowledge, Files.createTempDirectory("sanad-new-documents-index"))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return withNewDocuments;
    }

    @Test
    void putsTheRightPassageFirst() {
        assertThat(evaluation.get("answer top-1").rate()).isGreaterThanOrEqualTo(floors().top1());
    }

    @Test
    void hasTheRightPassageInTheTopThree() {
        assertThat(evaluation.get("answer top-3").rate()).isGreaterThanOrEqualTo(floors().top3());
    }

    @Test
    void rarelyAnswersWithTheWrongPassage() {
        assertThat(evaluation.get("wrong answers").rate()).isLessThanOrEqualTo(floors().wrongAtMost());
    }

    @Test
    void rejectsQuestionsTheDocumentsDoNotAnswer() {
        assertThat(evaluation.get("out-of-scope rejected").rate()).isGreaterThanOrEqualTo(floors().outOfScopeRejected());
    }

    @Test
    void listsPassagesInTheOrderOfTheirScore() {
        assertThat(evaluation.get("passages in score order").rate()).isEqualTo(1.0);
    }

    @Test
    void endsEveryReplyWithTheDoctorNote() {
        assertThat(evaluation.get("doctor note in reply").rate()).isEqualTo(1.0);
    }
}
