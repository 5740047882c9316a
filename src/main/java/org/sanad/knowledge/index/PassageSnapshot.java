package org.sanad.knowledge.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.TermVectors;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;
import org.sanad.knowledge.ingest.Passage;
import org.sanad.text.LanguageResources;

/**
 * One committed state of the index and everything a search needs beside it, read once when the content is swapped
 * in: the passages, the words each passage has, the vocabulary, and the language the content was analysed with.
 */
public final class PassageSnapshot extends IndexSearcher {

    public static final String KIND = "kind";
    public static final String PASSAGE_ID = "passage_id";
    /** The passage itself, analysed, with term vectors so that the gate can see which question words it has. */
    public static final String BODY = "body";
    /** Document title and section heading: a parent often names the topic rather than the wording. */
    public static final String CONTEXT = "context";
    /** One admin-written example question per Lucene document, as QnA Maker's alternate questions. */
    public static final String QUESTION = "question";
    /** Every analysed word of passages, headings and questions: the vocabulary for typo and Arabizi repair. */
    public static final String VOCABULARY = "vocabulary";
    static final String TITLE = "title";
    static final String SECTION = "section";
    static final String TEXT = "text";
    static final String SOURCE = "source";
    static final String QUESTIONS = "questions";
    static final String KIND_PASSAGE = "passage";
    static final String KIND_QUESTION = "question";

    private final Map<String, Passage> passages;
    /** The passage each Lucene document belongs to, by document number. */
    private final String[] passageOfDoc;
    private final boolean[] questionDoc;
    private final Map<String, Set<String>> termsOfPassage;
    /** The words of the passage's own text and heading, without its example questions. */
    private final Map<String, Set<String>> ownTermsOfPassage;
    /** The words of the passage's own section heading (its title when it has none): the topic it is about. */
    private final Map<String, Set<String>> headingTermsOfPassage;
    private final Vocabulary vocabulary;
    /** The terms of each searched field, so that a query asks a field only for the terms it has. */
    private final Map<String, Set<String>> termsOfField = new HashMap<>();
    /** A searched term's statistics and place, looked up once per snapshot instead of at every search that asks it. */
    private final Map<Term, TermStates> termStates = new ConcurrentHashMap<>();
    /** The same index, searched through term dictionaries that remember each term's place (queries ask only terms a
     * field has, so what they remember is bounded by the vocabulary). */
    private final IndexSearcher ranking;
    private final LanguageResources language;
    private final String contentHash;

    PassageSnapshot(DirectoryReader reader, LanguageResources language, String hashKey) throws IOException {
        super(reader);
        this.ranking = new IndexSearcher(RememberedTerms.wrap(reader));
        this.language = language;
        this.contentHash = reader.getIndexCommit().getUserData().getOrDefault(hashKey, "");
        int max = reader.maxDoc();
        passageOfDoc = new String[max];
        questionDoc = new boolean[max];
        Map<String, Passage> byId = new LinkedHashMap<>();
        Map<String, Set<String>> terms = new HashMap<>();
        Map<String, Set<String>> own = new HashMap<>();
        StoredFields stored = reader.storedFields();
        TermVectors vectors = reader.termVectors();
        for (int doc = 0; doc < max; doc++) {
            Document d = stored.document(doc);
            String id = d.get(PASSAGE_ID);
            passageOfDoc[doc] = id;
            questionDoc[doc] = KIND_QUESTION.equals(d.get(KIND));
            if (!questionDoc[doc]) {
                byId.put(id, new Passage(id, d.get(TITLE), d.get(SECTION), d.get(TEXT), d.get(SOURCE),
                        List.of(d.getValues(QUESTIONS))));
            }
            Set<String> words = terms.computeIfAbsent(id, k -> new HashSet<>());
            Set<String> ownWords = own.computeIfAbsent(id, k -> new HashSet<>());
            Terms vector = vectors.get(doc, VOCABULARY);
            if (vector != null) {
                TermsEnum it = vector.iterator();
                for (BytesRef term = it.next(); term != null; term = it.next()) {
                    words.add(term.utf8ToString());
                    if (!questionDoc[doc]) {
                        ownWords.add(term.utf8ToString());
                    }
                }
            }
        }
        this.passages = Collections.unmodifiableMap(byId);
        Map<String, Set<String>> headings = new HashMap<>();
        try (Analyzer analyzer = PassageDocuments.analyzer(language)) {
            for (Passage passage : byId.values()) {
                headings.put(passage.id(), analysed(analyzer,
                        passage.section().isBlank() ? passage.title() : passage.section()));
            }
        }
        this.headingTermsOfPassage = headings;
        terms.replaceAll((id, set) -> Set.copyOf(set));
        own.replaceAll((id, set) -> Set.copyOf(set));
        this.termsOfPassage = terms;
        this.ownTermsOfPassage = own;
        this.vocabulary = Vocabulary.of(reader, VOCABULARY);
        for (String field : List.of(BODY, CONTEXT, QUESTION)) {
            Set<String> fieldTerms = new HashSet<>();
            Terms all = MultiTerms.getTerms(reader, field);
            if (all != null) {
                TermsEnum it = all.iterator();
                for (BytesRef term = it.next(); term != null; term = it.next()) {
                    fieldTerms.add(term.utf8ToString());
                }
            }
            termsOfField.put(field, Set.copyOf(fieldTerms));
        }
    }

    /** True when some document has the term in the field. */
    public boolean hasTerm(String field, String term) {
        Set<String> terms = termsOfField.get(field);
        return terms == null || terms.contains(term);
    }

    /**
     * The query for one term of a field, scoring exactly as Lucene's own (a one-term synonym query is rewritten to
     * it), with the term's statistics and postings address from this snapshot's cache.
     */
    public Query termQuery(String field, String term) {
        Term key = new Term(field, term);
        return new TermQuery(key, termStates.computeIfAbsent(key, this::lookUp));
    }

    /** The best {@code n} documents for the query, scored as {@link #search(Query, int)} scores them. */
    public TopDocs rank(Query query, int n) throws IOException {
        return ranking.search(query, n);
    }

    private TermStates lookUp(Term term) {
        try {
            return TermStates.build(ranking, term, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every passage, in the order of the documents. */
    public Map<String, Passage> passages() {
        return passages;
    }

    public List<Passage> passageList() {
        return new ArrayList<>(passages.values());
    }

    /** The passage a Lucene document (a passage or one of its example questions) belongs to. */
    public String passageIdOf(int doc) {
        return passageOfDoc[doc];
    }

    /** True when the Lucene document is an example question rather than the passage itself. */
    public boolean isQuestion(int doc) {
        return questionDoc[doc];
    }

    /** Every analysed word of a passage, its heading and its example questions. */
    public Set<String> termsOf(String passageId) {
        return termsOfPassage.getOrDefault(passageId, Set.of());
    }

    /** The analysed words of a passage's own text and heading: what it says, not what it was asked. */
    public Set<String> ownTermsOf(String passageId) {
        return ownTermsOfPassage.getOrDefault(passageId, Set.of());
    }

    /** The analysed words of the heading a passage sits under (its section, or the title when it has none). */
    public Set<String> headingTermsOf(String passageId) {
        return headingTermsOfPassage.getOrDefault(passageId, Set.of());
    }

    private static Set<String> analysed(Analyzer analyzer, String text) throws IOException {
        Set<String> out = new HashSet<>();
        try (TokenStream tokens = analyzer.tokenStream(CONTEXT, text)) {
            CharTermAttribute term =
                    tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                out.add(term.toString());
            }
            tokens.end();
        }
        return Set.copyOf(out);
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** The bundled word lists and the clinic's own synonyms, as when this content was indexed. */
    public LanguageResources language() {
        return language;
    }

    String contentHash() {
        return contentHash;
    }
}
