package org.sanad.eval;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sanad.ask.AnswerService;
import org.sanad.ask.ReplyComposer;
import org.sanad.audit.UsageCounters;
import org.sanad.knowledge.index.PassageIndex;
import org.sanad.knowledge.search.PassageSearch;
import org.sanad.knowledge.TestKnowledge;
import org.sanad.safety.RedFlagDetector;
import org.sanad.safety.SafetyProperties;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The real answering pipeline over the project's knowledge folder, without Spring. */
public final class TestPipeline {

    private static AnswerService shared;

    private TestPipeline() {
    }

    /** One pipeline for the whole test run: the index is built once. */
    public static synchronized AnswerService shared() {
        if (shared == null) {
            try {
                Path indexDir = Files.createTempDirectory("sanad-eval-index");
                PassageIndex index = TestKnowledge.index(TestKnowledge.PROJECT_KNOWLEDGE, indexDir);
                shared = answerService(TestKnowledge.search(index));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    public static AnswerService answerService(PassageSearch search) {
        return new AnswerService(TestKnowledge.reader(), search, new RedFlagDetector(), replies(), uncounted());
    }

    /** Counters that count nothing and remember no call: the evaluations ask thousands of questions. */
    public static UsageCounters uncounted() {
        return mock(UsageCounters.class, withSettings().stubOnly());
    }

    public static ReplyComposer replies() {
        return new ReplyComposer(messages(), new SafetyProperties("", ""));
    }

    public static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }
}
