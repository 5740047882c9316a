package org.sanad.knowledge;

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
        int passages = index.passageCount();
        return passages > 0 ? Health.up().build() : Health.down().withDetail("reason", "no knowledge index").build();
    }
}
