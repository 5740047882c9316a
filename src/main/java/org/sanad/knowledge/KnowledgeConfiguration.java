package org.sanad.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the knowledge feature; the index is opened (or rebuilt) before the app starts serving. */
@Configuration(proxyBeanMethods = false)
class KnowledgeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeConfiguration.class);

    /** Bump when analysis code changes, so that a stale index on disk is rebuilt. */
    static final String ANALYSIS_CODE_VERSION = "analysis-2";

    private static final List<String> LANGUAGE_FILES = List.of("stopwords.txt", "weak-words.txt", "general-words.txt", "anchors.txt",
            "lemmas.txt", "synonyms.txt", "latin.txt", "chitchat.txt");

    @Bean(destroyMethod = "close")
    PassageIndex passageIndex(KnowledgeProperties properties) {
        PassageIndex index = new PassageIndex(properties.indexDir(), properties.dir(), KnowledgeConfiguration::analysis);
        try {
            PassageIndex.Report report = index.open();
            log.info("Knowledge: {} documents, {} passages ({}, {} ms){}", report.documents(), report.passages(),
                    report.reused() ? "index reused" : "index built", report.duration().toMillis(),
                    report.warnings().isEmpty() ? "" : "; warnings: " + String.join("; ", report.warnings()));
        } catch (KnowledgeUnavailableException e) {
            log.error("Knowledge is not available: {}. Sanad answers that it cannot help until an admin reindexes.",
                    e.getMessage());
        }
        return index;
    }

    @Bean
    PassageSearch passageSearch(PassageIndex index, KnowledgeProperties properties) {
        KnowledgeProperties.Gate gate = properties.gate();
        return new PassageSearch(index, new ConfidenceGate(new ConfidenceGate.GateProperties(
                gate.coverageWithAnchor(), gate.coverageWithoutAnchor(), gate.minMatched(), gate.strongMatch(),
                gate.coverageWithStrongMatch(), gate.unknownWordWeight())));
    }

    static PassageIndex.Analysis analysis(java.nio.file.Path knowledgeDir) {
        LanguageResources language = LanguageResources.load(knowledgeDir.resolve(KnowledgeLoader.SYNONYMS_FILE));
        QuestionAnalyzer questions = new QuestionAnalyzer(language);
        PassageAnalyzer passages = new PassageAnalyzer(questions.stemmer(), language.stopWords());
        return new PassageIndex.Analysis(questions, passages, BUNDLED_VERSION);
    }

    private static final String BUNDLED_VERSION = bundledVersion();

    private static String bundledVersion() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(ANALYSIS_CODE_VERSION.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (String file : LANGUAGE_FILES) {
                try (InputStream in = KnowledgeConfiguration.class.getResourceAsStream("/language/" + file)) {
                    if (in != null) {
                        digest.update(in.readAllBytes());
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
