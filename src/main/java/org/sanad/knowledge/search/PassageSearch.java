package org.sanad.knowledge.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TopDocs;
import org.sanad.knowledge.index.PassageIndex;
import org.sanad.knowledge.index.PassageSnapshot;
import org.sanad.knowledge.index.Vocabulary;
import org.sanad.knowledge.ingest.Passage;
import org.sanad.text.ArabicStemmer;
import org.sanad.text.LanguageResources;
import org.sanad.text.MessageText;
import org.sanad.text.Word;

/**
 * Finds the passages that answer a parent's message, and decides whether they really do. Every strategy lives
 * here: the whole message, one of its clauses, the last clause after a denial, and the topics of risk and danger.
 */
public final class PassageSearch {

    /** What the caller already knows about the message, from triage. */
    public enum Focus {
        /** An ordinary question. */
        QUESTION,
        /** A danger sign was denied first («ما عنده ضيق تنفس، بس…»): the question comes after it. */
        AFTER_DENIAL,
        /** A general question about a danger sign («هل يسبب صعوبة في البلع؟»): the risk passages answer it. */
        RISK,
        /** A danger sign is reported: only a passage that names the danger may follow the urgent advice. */
        DANGER
    }

    private static final int CANDIDATE_DOCS = 40;
    /** What the weaker of a passage's text and its best example question adds to the stronger. */
    private static final double QUESTION_SHARE = 0.5;
    /** A word that only a synonym rule brought counts for this much of the parent's own word. */
    private static final float ADDED_BOOST = 0.6f;
    private static final int SHOWN = 3;
    /** How close (share of the leader's score) a runner-up must be to compete with it. */
    private static final double COMPETING = 0.8;
    private static final int MAX_TERMS_PER_SLOT = 24;
    /** Coverage re-ranks the leaders, but a much better BM25 score still counts: score × (base + coverage). */
    private static final double RERANK_BASE = 0.25;
    /** Question words steer («متى» toward timing) without outweighing the subject words. */
    private static final float WEAK_BOOST = 0.6f;
    private static final int MAX_CLAUSES = 4;
    /** Repairs of misspelt words tried per message: a message of random letters must stay cheap. */
    private static final int MAX_REPAIRS = 6;

    private final PassageIndex index;
    private final ConfidenceGate gate;
    private final Topics topics;
    private final TextAnswerRule textAnswerRule;
    private volatile Compiled compiled;

    /** The question reader of one language, built once per reindex. */
    private record Compiled(LanguageResources language, QuestionReader questions) {
    }

    public PassageSearch(PassageIndex index, ConfidenceGate gate) {
        this(index, gate, TextAnswerRule.bundled());
    }

    PassageSearch(PassageIndex index, ConfidenceGate gate, TextAnswerRule textAnswerRule) {
        this.index = index;
        this.gate = gate;
        this.topics = Topics.bundled();
        this.textAnswerRule = textAnswerRule;
    }

    public SearchResult search(MessageText message) {
        return search(message, Focus.QUESTION, List.of());
    }

    /**
     * @param categories for {@link Focus#DANGER} and {@link Focus#RISK}, the danger-sign categories triage found
     *                   («swallowing»), whose words steer toward the passage that names them
     */
    public SearchResult search(MessageText message, Focus focus, List<String> categories) {
        return index.withSnapshot(snapshot -> {
            QuestionReader questions = questions(snapshot.language());
            return switch (focus) {
                case QUESTION -> whole(message, questions, snapshot);
                case AFTER_DENIAL -> afterDenial(message, questions, snapshot);
                case RISK -> risk(message, categories, questions, snapshot);
                case DANGER -> danger(message, categories, questions, snapshot);
            };
        });
    }

    /**
     * For the reindex report: passages a parent will hardly reach, so that the clinic knows where an example
     * question would help. A section whose own heading, asked as a question, finds a passage of another section
     * first; a passage without a single word that no other passage has.
     */
    public List<String> hardToReach() {
        return index.withSnapshot(snapshot -> {
            QuestionReader questions = questions(snapshot.language());
            org.sanad.text.TextReader reader = new org.sanad.text.TextReader(snapshot.language());
            List<String> warnings = new ArrayList<>();
            Map<String, List<Passage>> sections = new LinkedHashMap<>();
            for (Passage passage : snapshot.passages().values()) {
                if (!passage.section().isBlank()) {
                    sections.computeIfAbsent(passage.source() + "\n" + passage.section(), k -> new ArrayList<>())
                            .add(passage);
                }
                boolean distinctive = snapshot.ownTermsOf(passage.id()).stream()
                        .anyMatch(t -> t.length() >= 3 && snapshot.vocabulary().documentFrequency(t) == 1);
                if (!distinctive && passage.questions().isEmpty()) {
                    warnings.add(passage.source() + ": passage " + passage.id() + " («" + preview(passage.text())
                            + "») has no word that other passages lack; an example question would help parents reach it");
                }
            }
            sections.forEach((key, passages) -> {
                String heading = passages.get(0).section();
                SearchResult result = whole(reader.read(heading), questions, snapshot);
                List<SearchResult.ScoredPassage> found = result.answered() ? result.passages() : result.related();
                if (found.isEmpty() || !passages.contains(found.get(0).passage())) {
                    warnings.add(passages.get(0).source() + ": asking «" + heading + "» finds "
                            + (found.isEmpty() ? "nothing" : "«" + found.get(0).passage().heading() + "»")
                            + " first; example questions under that section would help");
                }
            });
            return warnings;
        });
    }

    private static String preview(String text) {
        String line = text.replace('\n', ' ');
        return line.length() <= 40 ? line : line.substring(0, 40) + "…";
    }

    private QuestionReader questions(LanguageResources language) {
        Compiled current = compiled;
        if (current == null || current.language() != language) {
            current = new Compiled(language, new QuestionReader(language));
            compiled = current;
        }
        return current.questions();
    }

    private SearchResult whole(MessageText message, QuestionReader questions, PassageSnapshot snapshot) {
        QuestionReader.Analysis analysis = questions.analyze(message.words());
        SearchResult result = lookUp(analysis, snapshot, questions);
        if (!result.answered()) {
            result = bestClause(message, questions, snapshot).orElse(result);
        }
        // «مرحبا، متى يبدأ المفعول؟» is a question; «مرحبا، كيفك اليوم؟» and «شكرا على المعلومات» are not.
        if (analysis.social() == QuestionReader.Social.NONE || analysis.content().size() > 1) {
            return result;
        }
        return SearchResult.of(switch (analysis.social()) {
            case THANKS -> SearchResult.Verdict.THANKS;
            case GOODBYE -> SearchResult.Verdict.GOODBYE;
            case IDENTITY -> SearchResult.Verdict.IDENTITY;
            default -> SearchResult.Verdict.GREETING;
        });
    }

    /**
     * «بيتنفس كويس بس متى تظهر النتيجة؟»: the reassurance is not the question, and its danger-sign words would
     * pull toward the risk passages. The last clause that says something is looked up first.
     */
    private SearchResult afterDenial(MessageText message, QuestionReader questions, PassageSnapshot snapshot) {
        List<List<Word>> clauses = message.clauses();
        for (int i = clauses.size() - 1; i >= Math.max(0, clauses.size() - MAX_CLAUSES); i--) {
            QuestionReader.Analysis analysis = questions.analyze(clauses.get(i));
            if (!analysis.content().isEmpty()) {
                SearchResult last = lookUp(analysis, snapshot, questions);
                if (last.answered()) {
                    return last;
                }
                break;
            }
        }
        return whole(message, questions, snapshot);
    }

    /**
     * «هل يسبب البوتوكس صعوبة في البلع؟» asks about a risk of the treatment: when the message alone is not
     * answered, the risk passages answer it. Without the subject's own words («ضيق تنفس وخفقان») it is someone
     * else's health question.
     */
    private SearchResult risk(MessageText message, List<String> categories, QuestionReader questions,
            PassageSnapshot snapshot) {
        SearchResult result = whole(message, questions, snapshot);
        if (result.answered() || !result.evidence().anchor()) {
            return result;
        }
        List<Word> words = new ArrayList<>(message.words());
        words.addAll(topics.riskWords(categories));
        SearchResult steered = lookUp(questions.analyze(words), snapshot, questions);
        return steered.answered() ? steered : result;
    }

    /**
     * After the urgent advice, only a passage that names the danger may follow, never one that reassures: the
     * best passage for the message steered toward harm and the reported signs, if the gate lets it through and
     * it names harm at all.
     */
    private SearchResult danger(MessageText message, List<String> categories, QuestionReader questions,
            PassageSnapshot snapshot) {
        List<Word> words = new ArrayList<>(message.words());
        words.addAll(topics.riskWords(categories));
        SearchResult steered = lookUp(questions.analyze(words), snapshot, questions);
        for (SearchResult.ScoredPassage candidate : steered.passages()) {
            if (topics.namesDanger(snapshot.termsOf(candidate.passage().id()))) {
                return new SearchResult(SearchResult.Verdict.ANSWERED, List.of(candidate), List.of(),
                        steered.evidence());
            }
        }
        return new SearchResult(SearchResult.Verdict.NOT_COVERED, List.of(), List.of(), steered.evidence());
    }

    /**
     * Parents write context before the question: «ما عنده ضيق تنفس الحمد لله، بس قديش بيضل المفعول؟». When the
     * whole message is not clearly answered, one of its clauses may be, by the same gate.
     */
    private Optional<SearchResult> bestClause(MessageText message, QuestionReader questions,
            PassageSnapshot snapshot) {
        List<List<Word>> clauses = message.clauses();
        // A long message of many clauses is a story about something else; a fragment of it proves nothing.
        if (clauses.size() < 2 || clauses.size() > MAX_CLAUSES) {
            return Optional.empty();
        }
        SearchResult best = null;
        for (List<Word> clause : clauses) {
            QuestionReader.Analysis analysis = questions.analyze(clause);
            if (analysis.content().stream().noneMatch(Slot::anchor)) {
                continue;
            }
            SearchResult result = lookUp(analysis, snapshot, questions);
            // One word of a clause proves nothing («el 7o2na b kam?»), and a fragment must be covered on its own.
            if (result.answered() && result.evidence().matched() >= 2 && gate.coveredPlainly(result.evidence())
                    && (best == null || result.evidence().coverage() > best.evidence().coverage())) {
                best = result;
            }
        }
        return Optional.ofNullable(best);
    }

    private SearchResult lookUp(QuestionReader.Analysis analysis, PassageSnapshot snapshot, QuestionReader questions) {
        List<ResolvedSlot> slots = resolve(analysis.slots(), snapshot.vocabulary(), snapshot.getIndexReader().numDocs(),
                questions);
        if (slots.isEmpty()) {
            return SearchResult.of(SearchResult.Verdict.UNCLEAR);
        }
        Query query = toQuery(slots, snapshot);
        if (query == null) {
            return new SearchResult(SearchResult.Verdict.NOT_COVERED, List.of(), List.of(),
                    gate.evidence(slots, Set.of()));
        }
        List<SearchResult.ScoredPassage> ranked = rank(snapshot, query);
        if (ranked.isEmpty()) {
            return new SearchResult(SearchResult.Verdict.NOT_COVERED, List.of(), List.of(),
                    gate.evidence(slots, Set.of()));
        }
        // Re-rank the leaders by score and by how much of the question each one covers; the score shown is the
        // one they are ordered by.
        List<SearchResult.ScoredPassage> ordered = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        for (SearchResult.ScoredPassage scored : ranked.subList(0, Math.min(5, ranked.size()))) {
            SearchResult.Evidence evidence = gate.evidence(slots,
                    snapshot.ownTermsOf(scored.passage().id()), snapshot.termsOf(scored.passage().id()),
                    Set.of());
            candidates.add(new Candidate(new SearchResult.ScoredPassage(scored.passage(),
                    round(scored.score() * (RERANK_BASE + evidence.coverage()))), evidence));
        }
        candidates.sort(Comparator.comparingDouble((Candidate c) -> c.scored().score()).reversed());
        Candidate best = candidates.get(0);
        candidates.forEach(c -> ordered.add(c.scored()));
        double floor = candidates.get(candidates.size() - 1).scored().score();
        ranked.stream().skip(candidates.size())
                .forEach(p -> ordered.add(new SearchResult.ScoredPassage(p.passage(),
                        Math.min(floor, round(p.score() * RERANK_BASE)))));
        List<SearchResult.ScoredPassage> top = ordered.subList(0, Math.min(SHOWN, ordered.size()));
        boolean answers = (gate.answers(best.evidence()) || clearLeader(slots, candidates, snapshot))
                && !neitherCoversTheTopic(slots, candidates, snapshot) && !tooClose(slots, candidates, snapshot);
        // A passage without example questions may answer on its own text's evidence where coverage fell short.
        if (!answers && best.scored().passage().questions().isEmpty()) {
            answers = textAnswerRule.answers(textFeatures(slots, candidates, snapshot));
        }
        if (answers) {
            return new SearchResult(SearchResult.Verdict.ANSWERED, List.copyOf(top), List.of(), best.evidence());
        }
        return new SearchResult(SearchResult.Verdict.NOT_COVERED, List.of(), List.copyOf(top), best.evidence());
    }

    /** The leader's own text's evidence, for {@link TextAnswerRule}. */
    private static TextAnswerRule.Features textFeatures(List<ResolvedSlot> slots, List<Candidate> candidates,
            PassageSnapshot snapshot) {
        Passage leader = candidates.get(0).scored().passage();
        double runnerUp = candidates.size() < 2 ? 0 : candidates.get(1).scored().score();
        double lead = runnerUp <= 0 ? TextAnswerRule.LEAD_CAP : candidates.get(0).scored().score() / runnerUp;
        Set<String> runnerUpHeading = candidates.size() < 2 ? Set.of()
                : snapshot.headingTermsOf(candidates.get(1).scored().passage().id());
        return TextAnswerRule.features(slots, snapshot.ownTermsOf(leader.id()), snapshot.headingTermsOf(leader.id()),
                runnerUpHeading, lead);
    }

    /**
     * Two passages of different documents close in score, neither holding the question's topic (its rarest content
     * word): a guess between them is often wrong, so both are offered as "did you mean" instead. Within one
     * document its sections share the vocabulary, and the nearer one is the better guess.
     */
    private static boolean neitherCoversTheTopic(List<ResolvedSlot> slots, List<Candidate> candidates,
            PassageSnapshot snapshot) {
        if (candidates.size() < 2
                || candidates.get(1).scored().score() < COMPETING * candidates.get(0).scored().score()
                || candidates.get(0).scored().passage().source().equals(candidates.get(1).scored().passage().source())) {
            return false;
        }
        ResolvedSlot topic = null;
        for (ResolvedSlot slot : slots) {
            if (!slot.slot().weak() && !slot.slot().general() && !slot.anchor() && !slot.unknown()
                    && (topic == null || slot.weight() > topic.weight())) {
                topic = slot;
            }
        }
        if (topic == null || topic.weight() < ConfidenceGate.DISTINCTIVE) {
            return false;
        }
        for (Candidate candidate : candidates.subList(0, 2)) {
            Set<String> own = snapshot.ownTermsOf(candidate.scored().passage().id());
            if (topic.known().stream().anyMatch(own::contains)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Two passages of different documents close in score (the leader less than {@link #CLEAR_LEAD} times the
     * runner-up): the words the question shares with both do not tell which one it asks about, and a guess between
     * them is as often wrong as right. Not covered, both offered as "did you mean", unless only the leader holds the
     * question's topic word. Within one document the nearer passage serves (its sections share the vocabulary and
     * the first article's example questions already tell them apart).
     */
    private static boolean tooClose(List<ResolvedSlot> slots, List<Candidate> candidates, PassageSnapshot snapshot) {
        if (candidates.size() < 2
                || candidates.get(1).scored().score() * CLEAR_LEAD <= candidates.get(0).scored().score()) {
            return false;
        }
        Passage first = candidates.get(0).scored().passage();
        Passage second = candidates.get(1).scored().passage();
        if (first.source().equals(second.source())) {
            return false;
        }
        ResolvedSlot topic = topicOf(slots);
        return topic == null || !holds(snapshot, first, topic) || holds(snapshot, second, topic);
    }

    /** How far the leader must be ahead of a passage of another document to be told apart from it. */
    static final double CLEAR_LEAD = 1.2;

    /** The question's rarest known content word that is neither a frame, a general word nor the subject's name. */
    private static ResolvedSlot topicOf(List<ResolvedSlot> slots) {
        ResolvedSlot topic = null;
        for (ResolvedSlot slot : slots) {
            if (!slot.slot().weak() && !slot.slot().general() && !slot.anchor() && !slot.unknown()
                    && (topic == null || slot.weight() > topic.weight())) {
                topic = slot;
            }
        }
        return topic;
    }

    private static boolean holds(PassageSnapshot snapshot, Passage passage, ResolvedSlot slot) {
        Set<String> own = snapshot.ownTermsOf(passage.id());
        return slot.known().stream().anyMatch(own::contains);
    }

    /** How far ahead of every other passage a passage must be to answer on its lead. */
    static final double DECISIVE_LEAD = 1.5;
    /** Rarity (0..1) of a topic word that lets a passage answer on its lead: a word few passages have. */
    static final double RARE_TOPIC = 0.7;

    /**
     * A document without example questions is read in its own words only, and a parent's dialect leaves many
     * of them unknown, so coverage alone turns away questions it answers. One passage that holds the question's
     * topic word (its rarest known content word), is well ahead of every other, and matches more of the
     * question than the question has unknown words answers it.
     */
    private static boolean clearLeader(List<ResolvedSlot> slots, List<Candidate> candidates,
            PassageSnapshot snapshot) {
        Passage leader = candidates.get(0).scored().passage();
        if (!leader.questions().isEmpty() || candidates.size() >= 2
                && candidates.get(1).scored().score() * DECISIVE_LEAD > candidates.get(0).scored().score()) {
            return false;
        }
        ResolvedSlot topic = topicOf(slots);
        if (topic == null || topic.weight() < RARE_TOPIC || !holds(snapshot, leader, topic)) {
            return false;
        }
        Set<String> own = snapshot.ownTermsOf(leader.id());
        int matched = 0;
        int unknown = 0;
        for (ResolvedSlot slot : slots) {
            if (slot.slot().weak()) {
                continue;
            }
            if (slot.unknown()) {
                unknown += slot.understood() || slot.slot().general() ? 0 : 1;
                continue;
            }
            if (slot.known().stream().anyMatch(own::contains)) {
                matched++;
            }
        }
        return matched >= 2 && unknown < matched;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private record Candidate(SearchResult.ScoredPassage scored, SearchResult.Evidence evidence) {
    }

    /** A slot as this state of the index sees it: which of its terms exist, and whether they were repaired. */
    record ResolvedSlot(Slot slot, Set<String> known, boolean repaired, double weight, boolean anchor,
            boolean understood) {

        boolean unknown() {
            return known.isEmpty();
        }
    }

    /**
     * Matches each slot against the vocabulary, repairing typos and Arabizi, and weighs it by how rare it is:
     * «حفاضه» tells which passage answers, «بوتوكس» only that the message is on topic. A word no document has
     * weighs as much as the rarest known one (1): it is likely what the question is about.
     */
    static List<ResolvedSlot> resolve(List<Slot> slots, Vocabulary vocabulary, int documents,
            QuestionReader questions) {
        List<ResolvedSlot> out = new ArrayList<>();
        int repairs = 0;
        for (Slot slot : slots) {
            Set<String> known = new LinkedHashSet<>();
            for (String term : slot.terms()) {
                if (known.size() < MAX_TERMS_PER_SLOT && vocabulary.contains(term)) {
                    known.add(term);
                }
            }
            boolean repaired = false;
            boolean everyday = false;
            // A dialect word the documents do not use, read as the MSA words the everyday lexicon gives for it.
            if (known.isEmpty()) {
                for (String term : slot.everyday()) {
                    if (known.size() < MAX_TERMS_PER_SLOT && vocabulary.contains(term)) {
                        known.add(term);
                    }
                }
                everyday = !known.isEmpty();
            }
            if (everyday) {
                // Found through the lexicon: no spelling repair needed.
            } else if (known.isEmpty() && slot.general()) {
                // An everyday word the documents do not use: nothing to repair it into.
            } else if (known.isEmpty() && slot.latin()) {
                vocabulary.withSkeleton(slot.latinSkeletons()).stream().limit(6).forEach(known::add);
                repaired = !known.isEmpty();
            } else if (known.isEmpty() && ArabicStemmer.isArabic(slot.surface()) && repairs < MAX_REPAIRS) {
                repairs++;
                for (String term : slot.terms()) {
                    if (term.length() >= 4) {
                        known.addAll(vocabulary.corrections(term));
                    }
                    if (known.size() >= 3) {
                        break;
                    }
                }
                repaired = !known.isEmpty();
            }
            int df = known.stream().mapToInt(vocabulary::documentFrequency).max().orElse(0);
            // Scaled to 0..1 (1 = a word only one document has, or none), so thresholds keep their meaning as
            // admins add documents.
            double weight = Math.log(1 + (double) documents / Math.max(1, df)) / Math.log(1 + documents);
            out.add(new ResolvedSlot(slot, known, repaired, weight,
                    slot.anchor() || repaired && questions.isAnchor(known), !slot.everyday().isEmpty()));
        }
        // «حقنة الانسولين», «ابرة فيتامين»: an injection named by a word no document has is another treatment.
        for (int i = 0; i + 1 < out.size(); i++) {
            ResolvedSlot slot = out.get(i);
            ResolvedSlot next = out.get(i + 1);
            boolean adjacent = next.slot().position() == slot.slot().position() + slot.slot().span();
            if (adjacent && slot.anchor() && questions.isOpenAnchor(slot.slot().terms()) && next.unknown()
                    && !next.slot().weak() && !next.slot().general() && !next.slot().latin()) {
                out.set(i, new ResolvedSlot(slot.slot(), slot.known(), slot.repaired(), slot.weight(), false,
                        slot.understood()));
            }
        }
        return out;
    }

    static Query toQuery(List<ResolvedSlot> slots, PassageSnapshot snapshot) {
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        int clauses = 0;
        for (ResolvedSlot slot : slots) {
            if (slot.unknown()) {
                continue;
            }
            // A passage with the parent's own word ranks above one with only a word a synonym rule added.
            Set<String> own = new LinkedHashSet<>(slot.known());
            own.retainAll(slot.slot().own());
            Set<String> added = new LinkedHashSet<>(slot.known());
            added.removeAll(own);
            Query clause;
            // A phrase («جرعة زيادة» → «جرعة زائدة») is what its rule says it is, as a whole.
            if (own.isEmpty() || added.isEmpty() || slot.slot().span() > 1) {
                clause = inFields(slot.known(), snapshot);
            } else {
                clause = new BooleanQuery.Builder()
                        .add(inFields(own, snapshot), BooleanClause.Occur.SHOULD)
                        .add(new BoostQuery(inFields(added, snapshot), ADDED_BOOST), BooleanClause.Occur.SHOULD)
                        .build();
            }
            float boost = (slot.slot().weak() ? WEAK_BOOST : 1f) * (slot.repaired() ? 0.7f : 1f);
            builder.add(new BoostQuery(clause, boost), BooleanClause.Occur.SHOULD);
            clauses++;
        }
        return clauses == 0 ? null : builder.build();
    }

    /**
     * The terms in each field, as one synonym: a term a field does not have scores nothing there, so it is left out
     * rather than looked up in that field's terms at every search (most words are in one or two of the fields).
     */
    private static Query inFields(Set<String> terms, PassageSnapshot snapshot) {
        List<Query> perField = new ArrayList<>();
        Query body = synonyms(PassageSnapshot.BODY, terms, snapshot);
        if (body != null) {
            perField.add(body);
        }
        Query context = synonyms(PassageSnapshot.CONTEXT, terms, snapshot);
        if (context != null) {
            perField.add(new BoostQuery(context, 0.6f));
        }
        Query question = synonyms(PassageSnapshot.QUESTION, terms, snapshot);
        if (question != null) {
            perField.add(question);
        }
        return perField.isEmpty() ? new MatchNoDocsQuery() : new DisjunctionMaxQuery(perField, 0.1f);
    }

    private static Query synonyms(String field, Set<String> terms, PassageSnapshot snapshot) {
        List<String> present = new ArrayList<>(terms.size());
        for (String t : terms) {
            if (snapshot.hasTerm(field, t)) {
                present.add(t);
            }
        }
        if (present.isEmpty()) {
            return null;
        }
        // What Lucene rewrites a one-term synonym query to, without looking the term up again at every search.
        if (present.size() == 1) {
            return snapshot.termQuery(field, present.get(0));
        }
        SynonymQuery.Builder builder = new SynonymQuery.Builder(field);
        present.forEach(t -> builder.addTerm(new Term(field, t)));
        return builder.build();
    }

    /**
     * A passage scores by its own text plus its best-matching example question: one short example question alone
     * must not outrank a passage whose text says what was asked.
     */
    static List<SearchResult.ScoredPassage> rank(PassageSnapshot snapshot, Query query) {
        TopDocs top;
        try {
            top = snapshot.rank(query, CANDIDATE_DOCS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Double> body = new LinkedHashMap<>();
        Map<String, Double> question = new LinkedHashMap<>();
        for (ScoreDoc hit : top.scoreDocs) {
            String id = snapshot.passageIdOf(hit.doc);
            (snapshot.isQuestion(hit.doc) ? question : body).merge(id, (double) hit.score, Math::max);
        }
        // The better of text and example question, and half the other: a passage no one wrote questions for
        // competes on its text alone, and a question adds to a text that says what was asked without
        // outweighing it.
        Map<String, Double> best = new LinkedHashMap<>(body);
        question.forEach((id, score) -> best.merge(id, score,
                (text, asked) -> Math.max(text, asked) + QUESTION_SHARE * Math.min(text, asked)));
        List<SearchResult.ScoredPassage> out = new ArrayList<>();
        best.forEach((id, score) -> {
            Passage passage = snapshot.passages().get(id);
            if (passage != null) {
                out.add(new SearchResult.ScoredPassage(passage, round(score)));
            }
        });
        out.sort(Comparator.comparingDouble(SearchResult.ScoredPassage::score).reversed());
        return out;
    }
}
