package org.sanad.admin;

import org.sanad.knowledge.PassageIndex;
import org.springframework.stereotype.Service;

/** Rebuilds the knowledge index on an admin's request; every channel's reindex command comes here. */
@Service
public class ReindexService {

    private final PassageIndex index;

    public ReindexService(PassageIndex index) {
        this.index = index;
    }

    /**
     * Rebuilds from the knowledge folder and swaps the new index in.
     *
     * @param actor who asked, for the audit log (e.g. {@code telegram:12345} or {@code http})
     * @throws org.sanad.knowledge.KnowledgeUnavailableException when the folder cannot be indexed; the previous
     *                                                           index keeps serving
     */
    public PassageIndex.Report reindex(String actor) {
        return index.rebuild();
    }
}
