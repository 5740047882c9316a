package org.sanad.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.TermVectors;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

/**
 * Finds the passages that answer a parent's message, and decides whether they really do. Every channel asks
 * through here, via the answering service.
 */
public final class PassageSearch {

    private static final int CANDIDATE_DOCS = 40;
    private static final int SHOWN = 3;
    private static final int MAX_TERMS_PER_SLOT = 24;
    /** Coverage re-ranks the leaders, but a much better BM25 score still counts: score × (base + coverage). */
    private static final double RERANK_BASE = 0.25;
    /** Question words steer («متى» toward timing) without outweighing the subject words. */
    private static final float WEAK_BOOST = 0.6f;
    private static final int MAX_CLAUSES = 4;

    private final PassageIndex index;
    private final ConfidenceGate gate;

    PassageSearch(PassageIndex index, ConfidenceGate gate) {
        this.index = index;
        this.gate = gate;
    }

    public SearchResult search(String message) {
        return index.withGeneration(generation -> search(message, generation));
    }

    /**
     * Looks up only the message's last clause that says something: after «ما عنده ضيق تنفس، بس…» the question
     * comes last, and the reassurance before it is no part of it.
     */
    public SearchResult searchFinalClause(String message) {
        List<String> clauses = QuestionAnalyzer.clauses(message);
        return index.withGeneration(generation -> {
            for (int i = clauses.size() - 1; i >= 0; i--) {
                QuestionAnalyzer.Analysis analysis = generation.analysis.questions().analyze(clauses.get(i));
                if (!analysis.content().isEmpty()) {
                    return lookUp(analysis, generation);
                }
            }
            return SearchResult.of(SearchResult.Verdict.UNCLEAR);
        });
    }

    private SearchResult search(String message, PassageIndex.Generation generation) {
        QuestionAnalyzer questions = generation.analysis.questions();
        QuestionAnalyzer.Analysis analysis = questions.analyze(message);
        SearchResult result = lookUp(analysis, generation);
        if (!result.answered()) {
            result = bestClause(questions, message, generation).orElse(result);
        }
        // «مرحبا، متى يبدأ المفعول؟» is a question; «مرحبا، كيفك اليوم؟» and «شكرا على المعلومات» are not.
        if (analysis.social() == QuestionAnalyzer.Social.NONE || analysis.content().size() > 1) {
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
     * Parents write context before the question: «ما عنده ضيق تنفس الحمد لله، بس قديش بيضل المفعول؟». When the
     * whole message is not clearly answered, one of its clauses may be, by the same gate.
     */
    private java.util.Optional<SearchResult> bestClause(QuestionAnalyzer questions, String message,
            PassageIndex.Generation generation) {
        List<String> clauses = QuestionAnalyzer.clauses(message);
        // A long message of many clauses is a story about something else; a fragment of it proves nothing.
        if (clauses.size() < 2 || clauses.size() > MAX_CLAUSES) {
            return java.util.Optional.empty();
        }
        SearchResult best = null;
        for (String clause : clauses) {
            QuestionAnalyzer.Analysis analysis = questions.analyze(clause);
            if (analysis.content().stream().noneMatch(Slot::anchor)) {
                continue;
            }
            SearchResult result = lookUp(analysis, generation);
            // One word of a clause proves nothing («el 7o2na b kam?»), and a fragment must be covered on its own.
            if (result.answered() && result.evidence().matched() >= 2 && gate.coveredPlainly(result.evidence())
                    && (best == null || result.evidence().coverage() > best.evidence().coverage())) {
                best = result;
            }
        }
        return java.util.Optional.ofNullable(best);
    }

    private SearchResult lookUp(QuestionAnalyzer.Analysis analysis, PassageIndex.Generation generation) {
        List<ResolvedSlot> slots = resolve(analysis.slots(), generation.vocabulary, generation.reader.numDocs(),
                generation.analysis.questions());
        if (slots.isEmpty()) {
            return SearchResult.of(SearchResult.Verdict.UNCLEAR);
        }
        Query query = toQuery(slots);
        if (query == null) {
            return new SearchResult(SearchResult.Verdict.NOT_COVERED, List.of(), List.of(),
                    gate.evidence(slots, Set.of()));
        }
        try {
            List<SearchResult.ScoredPassage> ranked = rank(generation, query);
            if (ranked.isEmpty()) {
                return new SearchResult(SearchResult.Verdict.NOT_COVERED, List.of(), List.of(),
                        gate.evidence(slots, Set.of()));
            }
            // Re-rank the leaders by score and by how much of the question each one covers.
            List<Candidate> candidates = new ArrayList<>();
            for (SearchResult.ScoredPassage scored : ranked.subList(0, Math.min(5, ranked.size()))) {
                Set<String> terms = passageTerms(generation, scored.passage().id());
                candidates.add(new Candidate(scored, gate.evidence(slots, terms)));
            }
            candidates.sort(Comparator.comparingDouble(
                    (Candidate c) -> c.scored().score() * (RERANK_BASE + c.evidence().coverage())).reversed());
            Candidate best = candidates.get(0);
            List<SearchResult.ScoredPassage> ordered = new ArrayList<>();
            candidates.forEach(c -> ordered.add(c.scored()));
            ranked.stream().skip(candidates.size()).forEach(ordered::add);
            List<SearchResult.ScoredPassage> top = ordered.subList(0, Math.min(SHOWN, ordered.size()));
            if (gate.answers(best.evidence())) {
                return new SearchResult(SearchResult.Verdict.ANSWERED, List.copyOf(top), List.of(), best.evidence());
            }
            return new SearchResult(SearchResult.Verdict.NOT_COVERED, List.of(), List.copyOf(top), best.evidence());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Candidate(SearchResult.ScoredPassage scored, SearchResult.Evidence evidence) {
    }

    /** A slot as this index generation sees it: which of its terms exist, and whether they were repaired. */
    record ResolvedSlot(Slot slot, Set<String> known, boolean repaired, double weight, boolean anchor) {

        boolean unknown() {
            return known.isEmpty();
        }
    }

    /**
     * Matches each slot against this generation's vocabulary, repairing typos and Arabizi, and weighs it by how
     * rare it is: «حفاضه» tells which passage answers, «بوتوكس» only that the message is on topic. A word no
     * document has weighs as much as the rarest known one (1): it is likely what the question is about.
     */
    private static List<ResolvedSlot> resolve(List<Slot> slots, Vocabulary vocabulary, int documents,
            QuestionAnalyzer questions) {
        List<ResolvedSlot> out = new ArrayList<>();
        for (Slot slot : slots) {
            Set<String> known = new LinkedHashSet<>();
            for (String term : slot.terms()) {
                if (known.size() < MAX_TERMS_PER_SLOT && vocabulary.contains(term)) {
                    known.add(term);
                }
            }
            boolean repaired = false;
            if (known.isEmpty() && slot.general()) {
                // An everyday word the documents do not use: nothing to repair it into.
            } else if (known.isEmpty() && slot.latin()) {
                vocabulary.withSkeleton(slot.latinSkeletons()).stream().limit(6).forEach(known::add);
                repaired = !known.isEmpty();
            } else if (known.isEmpty() && ArabicStemmer.isArabic(slot.surface())) {
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
            out.add(new ResolvedSlot(slot, known, repaired, weight, slot.anchor() || repaired && questions.isAnchor(known)));
        }
        // «حقنة الانسولين», «ابرة فيتامين»: an injection named by a word no document has is another treatment.
        for (int i = 0; i + 1 < out.size(); i++) {
            ResolvedSlot slot = out.get(i);
            ResolvedSlot next = out.get(i + 1);
            boolean adjacent = next.slot().position() == slot.slot().position() + slot.slot().span();
            if (adjacent && slot.anchor() && questions.isOpenAnchor(slot.slot().terms()) && next.unknown()
                    && !next.slot().weak() && !next.slot().general() && !next.slot().latin()) {
                out.set(i, new ResolvedSlot(slot.slot(), slot.known(), slot.repaired(), slot.weight(), false));
            }
        }
        return out;
    }

    private static Query toQuery(List<ResolvedSlot> slots) {
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        int clauses = 0;
        for (ResolvedSlot slot : slots) {
            if (slot.unknown()) {
                continue;
            }
            List<Query> perField = new ArrayList<>();
            perField.add(synonyms(PassageIndex.BODY, slot.known()));
            perField.add(new BoostQuery(synonyms(PassageIndex.CONTEXT, slot.known()), 0.6f));
            perField.add(synonyms(PassageIndex.QUESTION, slot.known()));
            Query clause = new DisjunctionMaxQuery(perField, 0.1f);
            float boost = (slot.slot().weak() ? WEAK_BOOST : 1f) * (slot.repaired() ? 0.7f : 1f);
            builder.add(new BoostQuery(clause, boost), BooleanClause.Occur.SHOULD);
            clauses++;
        }
        return clauses == 0 ? null : builder.build();
    }

    private static Query synonyms(String field, Set<String> terms) {
        SynonymQuery.Builder builder = new SynonymQuery.Builder(field);
        terms.forEach(t -> builder.addTerm(new Term(field, t)));
        return builder.build();
    }

    private static List<SearchResult.ScoredPassage> rank(PassageIndex.Generation generation, Query query)
            throws IOException {
        TopDocs top = generation.searcher.search(query, CANDIDATE_DOCS);
        // A passage scores by its own text plus its best-matching example question: one short example question
        // alone must not outrank a passage whose text says what was asked.
        Map<String, Double> body = new LinkedHashMap<>();
        Map<String, Double> question = new LinkedHashMap<>();
        var storedFields = generation.searcher.storedFields();
        for (ScoreDoc hit : top.scoreDocs) {
            var stored = storedFields.document(hit.doc, Set.of(PassageIndex.PASSAGE_ID, PassageIndex.QUESTION_TEXT));
            String id = stored.get(PassageIndex.PASSAGE_ID);
            (stored.get(PassageIndex.QUESTION_TEXT) == null ? body : question).merge(id, (double) hit.score, Math::max);
        }
        Map<String, Double> best = new LinkedHashMap<>(body);
        question.forEach((id, score) -> best.merge(id, score, Double::sum));
        List<SearchResult.ScoredPassage> out = new ArrayList<>();
        best.forEach((id, score) -> {
            Passage passage = generation.passages.get(id);
            if (passage != null) {
                out.add(new SearchResult.ScoredPassage(passage, Math.round(score * 1000) / 1000.0));
            }
        });
        out.sort(Comparator.comparingDouble(SearchResult.ScoredPassage::score).reversed());
        return out;
    }

    /** Every analysed word of a passage, its heading and its example questions, read from the term vectors. */
    private static Set<String> passageTerms(PassageIndex.Generation generation, String passageId) throws IOException {
        Set<String> terms = new HashSet<>();
        TopDocs docs = generation.searcher.search(new TermQuery(new Term(PassageIndex.PASSAGE_ID, passageId)), 1000);
        TermVectors vectors = generation.reader.termVectors();
        for (ScoreDoc doc : docs.scoreDocs) {
            Terms vector = vectors.get(doc.doc, PassageIndex.VOCABULARY);
            if (vector == null) {
                continue;
            }
            TermsEnum it = vector.iterator();
            for (BytesRef term = it.next(); term != null; term = it.next()) {
                terms.add(term.utf8ToString());
            }
        }
        return terms;
    }
}
