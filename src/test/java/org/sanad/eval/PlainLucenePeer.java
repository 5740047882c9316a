package org.sanad.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.sanad.ask.Answer;
import org.sanad.knowledge.ingest.KnowledgeLoader;
import org.sanad.knowledge.ingest.Passage;

/**
 * The naive baseline the issue compares Sanad with: Lucene's {@code ArabicAnalyzer}, BM25, one document per
 * paragraph with its heading, no example questions, every query word OR-ed, no gate (it answers whenever
 * anything matches).
 */
final class PlainLucenePeer implements AutoCloseable {

    private static final String TEXT = "text";

    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final ArabicAnalyzer analyzer = new ArabicAnalyzer();
    private final List<Passage> passages = new ArrayList<>();
    private final IndexSearcher searcher;

    PlainLucenePeer(Path knowledge) {
        try {
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
                for (Passage passage : new KnowledgeLoader().load(knowledge, "peer").passages()) {
                    Document doc = new Document();
                    doc.add(new TextField(TEXT, passage.heading() + "\n" + passage.text(), Field.Store.NO));
                    doc.add(new StoredField("n", passages.size()));
                    passages.add(passage);
                    writer.addDocument(doc);
                }
            }
            searcher = new IndexSearcher(DirectoryReader.open(directory));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Answer answer(String message) {
        try {
            BooleanQuery.Builder query = new BooleanQuery.Builder();
            try (TokenStream tokens = analyzer.tokenStream(TEXT, message)) {
                CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
                tokens.reset();
                while (tokens.incrementToken()) {
                    query.add(new TermQuery(new Term(TEXT, term.toString())), BooleanClause.Occur.SHOULD);
                }
                tokens.end();
            }
            List<Answer.Source> sources = new ArrayList<>();
            for (ScoreDoc hit : searcher.search(query.build(), 3).scoreDocs) {
                Passage p = passages.get(searcher.storedFields().document(hit.doc).getField("n").numericValue()
                        .intValue());
                sources.add(new Answer.Source(p.id(), p.title(), p.section(), p.text(), p.source(), hit.score, ""));
            }
            return new Answer(sources.isEmpty() ? Answer.Kind.NOT_COVERED : Answer.Kind.ANSWERED, false, sources,
                    List.of(), "");
        } catch (IndexSearcher.TooManyClauses e) {
            return new Answer(Answer.Kind.NOT_COVERED, false, List.of(), List.of(), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        searcher.getIndexReader().close();
        directory.close();
    }
}
