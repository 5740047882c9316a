package org.sanad.staff;

import java.time.Duration;
import java.util.List;
import org.sanad.knowledge.index.PassageIndex;
import org.sanad.knowledge.ingest.KnowledgeUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Rebuilds the knowledge index for an admin, an HTTP caller with the token, or the folder watch. */
@Service
public class ReindexService {

    private static final Logger log = LoggerFactory.getLogger(ReindexService.class);

    private final PassageIndex index;
    private final StaffGate gate;

    ReindexService(PassageIndex index, StaffGate gate) {
        this.index = index;
        this.gate = gate;
    }

    /** What the new index holds, and the files it had to skip or warn about. */
    public record Report(int documents, int passages, List<String> warnings, Duration duration) {
    }

    /**
     * Rebuilds from the knowledge folder and swaps the new index in.
     *
     * @throws NotPermittedException  when the actor is not an admin
     * @throws ReindexFailedException when the folder cannot be indexed; the previous index keeps serving
     */
    public Report reindex(Actor actor) {
        return gate.run(actor, StaffAction.REINDEX, () -> {
            try {
                PassageIndex.Report built = index.rebuild();
                Report report = new Report(built.documents(), built.passages(), built.warnings(), built.duration());
                log.info("Reindex by {}: {} documents, {} passages, {} warnings, {} ms", actor.name(),
                        report.documents(), report.passages(), report.warnings().size(), report.duration().toMillis());
                return StaffGate.Audited.ok(report, report.documents() + " documents, " + report.passages()
                        + " passages, " + report.warnings().size() + " warnings, " + report.duration().toMillis()
                        + " ms");
            } catch (KnowledgeUnavailableException e) {
                log.warn("Reindex by {} failed, the previous index keeps serving: {}", actor.name(), e.getMessage());
                throw new ReindexFailedException(e);
            }
        });
    }
}
