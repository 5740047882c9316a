package org.sanad.knowledge;

import org.sanad.knowledge.index.PassageIndex;
import org.sanad.knowledge.ingest.KnowledgeUnavailableException;
import org.sanad.knowledge.search.ConfidenceGate;
import org.sanad.knowledge.search.PassageSearch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the knowledge feature; the index is opened (or rebuilt) before the app starts serving. */
@Configuration(proxyBeanMethods = false)
class KnowledgeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeConfiguration.class);

    @Bean(destroyMethod = "close")
    PassageIndex passageIndex(KnowledgeProperties properties) {
        PassageIndex index = new PassageIndex(properties.indexDir(), properties.dir());
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
        return new PassageSearch(index, new ConfidenceGate(properties.gate()));
    }
}
