package org.sanad.knowledge;

import org.sanad.knowledge.search.ConfidenceGate;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the knowledge lives and how sure the search must be before it answers.
 *
 * @param dir      the documents ({@code KNOWLEDGE_DIR})
 * @param indexDir the Lucene index ({@code DATA_DIR/index})
 * @param gate     the confidence gate
 * @param watchInterval how often to look for changed documents and reindex by itself; 0 (default) is off
 */
@Validated
@ConfigurationProperties("sanad.knowledge")
public record KnowledgeProperties(@NotNull Path dir, @NotNull Path indexDir, @Valid @DefaultValue ConfidenceGate.Settings gate,
        @DefaultValue("0s") Duration watchInterval) {
}
