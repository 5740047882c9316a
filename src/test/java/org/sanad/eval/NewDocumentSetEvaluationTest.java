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
 * the documents of a test resource folder ({@code src/test/resources/eval/new-documents/} unless the subclass names
 * another) are indexed beside {@code knowledge/}, as BlindSetTool does, and the set is held at its floors (top-1,
 * top-3, a ceiling on wrong answers, out-of-scope rejection). Each subclass names its file and its floors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class NewDocumentSetEvaluationTest {

    /** The clinic documents added beside the project's knowledge, as a test resource folder. */
    static final Path NEW_DOCUMENTS = Path.of("src/test/resources/eval/new-documents");
    /** The four documents of the second blind round (appointments, medicines, assessment, home care). */
    static final Path DOCUMENTS_BC = Path.of("src/test/resources/eval/documents-bc");

    record Floors(double top1, double top3, double wrongAtMost, double outOfScopeRejected) {
    }

    private static final java.util.Map<Path, AnswerService> PIPELINES = new java.util.HashMap<>();
    private Evaluation evaluation;

    abstract String resource();

    /** The folder of clinic documents the set asks about. */
    Path documents() {
        return NEW_DOCUMENTS;
    }

    abstract String title();

    abstract Floors floors();

    @BeforeAll
    void run() {
        evaluation = Evaluation.run(pipeline(documents()), TestPipeline.replies(), EvalRow.load(resource()));
        System.out.println(evaluation.report(title() + " (src/test/resources" + resource() + ", with new documents)"));
    }

    /** One pipeline over knowledge/ and a folder of new documents for every such set of the run. */
    static synchronized AnswerService pipeline(Path documents) {
        return PIPELINES.computeIfAbsent(documents, folder -> {
            try {
                Path knowledge = Files.createTempDirectory("sanad-new-documents");
                for (Path from : new Path[] {TestKnowledge.PROJECT_KNOWLEDGE, folder}) {
                    try (Stream<Path> files = Files.list(from)) {
                        for (Path file : files.filter(f -> f.toString().endsWith(".md") || f.toString().endsWith(".txt"))
                                .toList()) {
                            Files.copy(file, knowledge.resolve(file.getFileName()));
                        }
                    }
                }
                return TestPipeline.answerService(TestKnowledge.search(
                        TestKnowledge.index(knowledge, Files.createTempDirectory("sanad-new-documents-index"))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
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
