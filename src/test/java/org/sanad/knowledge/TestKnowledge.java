package org.sanad.knowledge;

import java.nio.file.Path;

/** Builds the knowledge feature outside Spring, for unit tests and the evaluation. */
public final class TestKnowledge {

    public static final Path PROJECT_KNOWLEDGE = Path.of("knowledge");

    private TestKnowledge() {
    }

    public static PassageIndex index(Path knowledgeDir, Path indexDir) {
        PassageIndex index = new PassageIndex(indexDir, knowledgeDir, KnowledgeConfiguration::analysis);
        index.open();
        return index;
    }

    public static PassageSearch search(PassageIndex index) {
        return new PassageSearch(index, new ConfidenceGate(new ConfidenceGate.GateProperties(0.5, 0.6, 1)));
    }

    public static PassageSearch search(PassageIndex index, double withAnchor, double withoutAnchor) {
        return new PassageSearch(index, new ConfidenceGate(new ConfidenceGate.GateProperties(withAnchor, withoutAnchor, 1)));
    }
}
