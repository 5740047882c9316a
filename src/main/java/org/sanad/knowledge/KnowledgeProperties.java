package org.sanad.knowledge;

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
public record KnowledgeProperties(@NotNull Path dir, @NotNull Path indexDir, @Valid @DefaultValue Gate gate,
        @DefaultValue("0s") Duration watchInterval) {

    /**
     * @param coverageWithAnchor    share of content words to cover when the message names the subject
     * @param coverageWithoutAnchor share to cover otherwise
     * @param minMatched            content words the best passage must have at least
     * @param strongMatch           matched rarity, in rarest-word units, that lets a long message pass with less
     *                              coverage
     * @param coverageWithStrongMatch coverage still needed then
     * @param unknownWordWeight     weight of a word no document has, against the rarest known word
     */
    public record Gate(
            @DefaultValue("0.5") @DecimalMin("0") @DecimalMax("1") double coverageWithAnchor,
            @DefaultValue("0.6") @DecimalMin("0") @DecimalMax("1") double coverageWithoutAnchor,
            @DefaultValue("1") @Min(1) int minMatched,
            @DefaultValue("1.2") @DecimalMin("0") double strongMatch,
            @DefaultValue("0.3") @DecimalMin("0") @DecimalMax("1") double coverageWithStrongMatch,
            @DefaultValue("1.5") @DecimalMin("1") double unknownWordWeight) {
    }
}
