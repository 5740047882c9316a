package org.sanad.knowledge;

import org.sanad.knowledge.index.PassageIndex;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Sanad is ready when it has passages to answer from. */
@Component("knowledge")
class KnowledgeHealth implements HealthIndicator {

    private final PassageIndex index;

    KnowledgeHealth(PassageIndex index) {
        this.index = index;
    }

    @Override
    public Health health() {
        if (!index.healthy()) {
            return Health.down().withDetail("reason", "the knowledge index is not serving").build();
        }
        return index.passageCount() > 0 ? Health.up().build()
                : Health.down().withDetail("reason", "no knowledge index").build();
    }
}
