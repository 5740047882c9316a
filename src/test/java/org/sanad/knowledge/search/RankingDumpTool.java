package org.sanad.knowledge.search;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sanad.eval.EvalFolding;
import org.sanad.eval.EvalRow;
import org.sanad.eval.OffTopicQuestions;
import org.sanad.knowledge.TestKnowledge;
import org.sanad.knowledge.index.PassageIndex;
import org.sanad.knowledge.ingest.Passage;
import org.sanad.text.TestText;
import tools.jackson.databind.json.JsonMapper;

/**
 * For fitting the ranking and the gate on spent sets: per question, its slots as the index sees them and the ten
 * best passages with their text and example-question scores and which slots each one holds, as JSON lines
 * ({@code -Dout=file}), so that a rule can be tried on every set at once without a build. {@code -Dconfigs} is
 * {@code sets|docs;sets|docs} (sets comma-separated, docs a folder or empty; {@code negatives} for MentalQA).
 */
@Tag("tool")
class RankingDumpTool {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void dump() throws IOException {
        String configs = System.getProperty("configs");
        if (configs == null) {
            return;
        }
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(System.getProperty("out",
                "target/ranking-dump.jsonl")), StandardCharsets.UTF_8))) {
            for (String config : configs.split(";")) {
                String[] parts = config.split("\\|", -1);
                dumpConfig(parts[0], parts.length > 1 ? parts[1] : "", out);
            }
        }
    }

    private void dumpConfig(String sets, String docs, PrintWriter out) throws IOException {
        Path knowledge = Files.createTempDirectory("dump-knowledge");
        TestKnowledge.copyDocuments(TestKnowledge.PROJECT_KNOWLEDGE, knowledge);
        if (!docs.isBlank()) {
            TestKnowledge.copyDocuments(Path.of(docs), knowledge);
        }
        PassageIndex index = TestKnowledge.index(knowledge, Files.createTempDirectory("dump-index"));
        PassageSearch search = TestKnowledge.search(index);
        for (String set : sets.split(",")) {
            List<EvalRow> rows;
            if (set.equals("negatives")) {
                rows = new ArrayList<>();
                int i = 0;
                for (String q : OffTopicQuestions.load()) {
                    rows.add(new EvalRow("neg_" + i++, "neg", q, "msa", List.of(), false, false, false));
                }
            } else {
                rows = EvalRow.parse(Files.readAllLines(Path.of(set), StandardCharsets.UTF_8).stream()
                        .filter(l -> !l.isBlank()).toList());
            }
            for (EvalRow row : rows) {
                out.println(JSON.writeValueAsString(describe(set, docs, row, search, index)));
            }
        }
        index.close();
    }

    private Map<String, Object> describe(String set, String docs, EvalRow row, PassageSearch search,
            PassageIndex index) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("set", Path.of(set).getFileName().toString());
        d.put("docs", docs);
        d.put("id", row.id());
        d.put("kind", row.kind());
        d.put("dialect", row.dialect());
        SearchResult result = TestKnowledge.ask(search, row.text());
        d.put("verdict", result.verdict().name());
        List<SearchResult.ScoredPassage> shown = result.answered() ? result.passages() : result.related();
        List<Boolean> shownRight = new ArrayList<>();
        shown.forEach(p -> shownRight.add(EvalFolding.containsAny(p.passage().text(), row.expectAny())));
        d.put("shownRight", shownRight);
        index.withSnapshot(snapshot -> {
            QuestionReader reader = new QuestionReader(snapshot.language());
            QuestionReader.Analysis analysis = reader.analyze(TestText.read(row.text()).words());
            d.put("social", analysis.social().name());
            List<PassageSearch.ResolvedSlot> slots = PassageSearch.resolve(analysis.slots(), snapshot.vocabulary(),
                    snapshot.getIndexReader().numDocs(), reader);
            List<Map<String, Object>> slotRows = new ArrayList<>();
            for (PassageSearch.ResolvedSlot s : slots) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("s", s.slot().surface());
                m.put("weak", s.slot().weak());
                m.put("general", s.slot().general());
                m.put("anchor", s.anchor());
                m.put("unknown", s.unknown());
                m.put("understood", s.understood());
                m.put("repaired", s.repaired());
                m.put("latin", s.slot().latin());
                m.put("span", s.slot().span());
                m.put("w", Math.round(s.weight() * 1000) / 1000.0);
                m.put("df", s.known().stream().mapToInt(snapshot.vocabulary()::documentFrequency).max().orElse(0));
                slotRows.add(m);
            }
            d.put("slots", slotRows);
            d.put("n", snapshot.getIndexReader().numDocs());
            Query query = PassageSearch.toQuery(slots, snapshot);
            List<Map<String, Object>> cands = new ArrayList<>();
            if (query != null) {
                TopDocs top;
                try {
                    top = snapshot.search(query, 60);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                Map<String, Double> body = new LinkedHashMap<>();
                Map<String, Double> question = new LinkedHashMap<>();
                for (ScoreDoc hit : top.scoreDocs) {
                    String id = snapshot.passageIdOf(hit.doc);
                    (snapshot.isQuestion(hit.doc) ? question : body).merge(id, (double) hit.score, Math::max);
                }
                List<SearchResult.ScoredPassage> ranked = PassageSearch.rank(snapshot, query);
                for (SearchResult.ScoredPassage sp : ranked.subList(0, Math.min(10, ranked.size()))) {
                    Passage p = sp.passage();
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("pid", p.id());
                    c.put("src", p.source());
                    c.put("q", !p.questions().isEmpty());
                    c.put("score", sp.score());
                    c.put("body", body.getOrDefault(p.id(), 0.0));
                    c.put("qs", question.getOrDefault(p.id(), 0.0));
                    c.put("right", EvalFolding.containsAny(p.text(), row.expectAny()));
                    Set<String> own = snapshot.ownTermsOf(p.id());
                    Set<String> all = snapshot.termsOf(p.id());
                    Set<String> head = snapshot.headingTermsOf(p.id());
                    StringBuilder holds = new StringBuilder();
                    for (PassageSearch.ResolvedSlot s : slots) {
                        holds.append(s.known().stream().anyMatch(head::contains) ? 'H'
                                : s.known().stream().anyMatch(own::contains) ? 'O'
                                : s.known().stream().anyMatch(all::contains) ? 'Q' : '.');
                    }
                    c.put("holds", holds.toString());
                    c.put("len", own.size());
                    cands.add(c);
                }
            }
            d.put("cands", cands);
            return null;
        });
        return d;
    }
}
