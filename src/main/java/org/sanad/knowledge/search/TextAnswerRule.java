package org.sanad.knowledge.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * Whether a passage without example questions answers on the evidence of its own text. The coverage gate was
 * tuned on the first article, whose example questions carry a parent's words; a new clinic document has only its
 * text, a dialect question leaves many of its words unknown, and coverage alone turns away questions the leader
 * clearly answers. This rule weighs what keeps its meaning for any
 * document: how far the leader is ahead, how much rarity its text holds, whether its heading names the topic
 * (a word the runner-up's heading lacks too: a word every heading of a document holds names the document, not the
 * question, and let out-of-scope questions about that document's subject through). The
 * weights are fitted on every spent set at once and live in {@code /language/text-answer-rule.properties}.
 */
final class TextAnswerRule {

    /** What the score is computed from; every feature is free of any one document's words. */
    record Features(double lead, double heldWeight, double heldShare, int unknownWords, boolean headingTopic) {
    }

    /** Beyond this the lead says nothing more: one passage far ahead is as good as one very far ahead. */
    static final double LEAD_CAP = 3;
    /** Four rare words held are already a match; a long message must not pass on its length alone. */
    static final double HELD_CAP = 4;
    static final int UNKNOWN_CAP = 4;

    private final double logLead;
    private final double heldWeight;
    private final double heldShare;
    private final double unknownWords;
    private final double headingTopic;
    private final double bias;
    private final double accept;

    TextAnswerRule(double logLead, double heldWeight, double heldShare, double unknownWords, double headingTopic,
            double bias, double accept) {
        this.logLead = logLead;
        this.heldWeight = heldWeight;
        this.heldShare = heldShare;
        this.unknownWords = unknownWords;
        this.headingTopic = headingTopic;
        this.bias = bias;
        this.accept = accept;
    }

    static TextAnswerRule bundled() {
        Properties p = new Properties();
        try (InputStream in = TextAnswerRule.class.getResourceAsStream("/language/text-answer-rule.properties")) {
            if (in == null) {
                throw new IllegalStateException("/language/text-answer-rule.properties is missing");
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TextAnswerRule(number(p, "weight.logLead"), number(p, "weight.heldWeight"),
                number(p, "weight.heldShare"), number(p, "weight.unknownWords"), number(p, "weight.headingTopic"),
                number(p, "bias"), number(p, "accept"));
    }

    private static double number(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("text-answer-rule.properties lacks " + key);
        }
        return Double.parseDouble(value.strip());
    }

    /**
     * @param ownTerms     the words of the passage's text and heading
     * @param headingTerms the words of its heading
     * @param runnerUpHeadingTerms the words of the runner-up's heading (empty when it has none)
     * @param lead         the passage's score over the runner-up's (any large number when it has none)
     */
    static Features features(List<PassageSearch.ResolvedSlot> slots, Set<String> ownTerms, Set<String> headingTerms,
            Set<String> runnerUpHeadingTerms, double lead) {
        double known = 0;
        double held = 0;
        int unknown = 0;
        boolean heading = false;
        for (PassageSearch.ResolvedSlot slot : slots) {
            if (slot.slot().weak()) {
                continue;
            }
            if (slot.unknown()) {
                // An everyday or general word the documents lack is understood, not a mystery.
                unknown += slot.understood() || slot.slot().general() ? 0 : 1;
                continue;
            }
            known += slot.weight();
            if (slot.known().stream().anyMatch(ownTerms::contains)) {
                // A spelling guess counts for less than the word itself, as in the coverage gate.
                held += slot.repaired() ? 0.75 * slot.weight() : slot.weight();
                heading |= !slot.slot().general() && !slot.anchor() && slot.weight() >= ConfidenceGate.DISTINCTIVE
                        && slot.known().stream().anyMatch(headingTerms::contains)
                        && slot.known().stream().noneMatch(runnerUpHeadingTerms::contains);
            }
        }
        return new Features(lead, held, known == 0 ? 0 : held / known, unknown, heading);
    }

    double score(Features f) {
        return logLead * Math.log(Math.max(1, Math.min(LEAD_CAP, f.lead())))
                + heldWeight * Math.min(HELD_CAP, f.heldWeight())
                + heldShare * f.heldShare()
                + unknownWords * Math.min(UNKNOWN_CAP, f.unknownWords())
                + headingTopic * (f.headingTopic() ? 1 : 0)
                + bias;
    }

    /**
     * Whether the passage answers although the coverage gate turned it away. The gate's own answers stand: a veto
     * fitted on the same sets took right answers from the floors' documents as often as wrong ones.
     */
    boolean answers(Features f) {
        return score(f) >= accept;
    }
}
