package org.sanad.knowledge.index;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;
import org.sanad.knowledge.ingest.Passage;
import org.sanad.text.ArabicStemmer;
import org.sanad.text.LanguageResources;
import org.sanad.text.TextAnalyzer;

/** How a passage is written to the index: one Lucene document for it, and one per example question. */
final class PassageDocuments {

    private static final FieldType ANALYSED_WITH_VECTORS = analysedWithVectors();

    private PassageDocuments() {
    }

    static Analyzer analyzer(LanguageResources language) {
        return new TextAnalyzer(new ArabicStemmer(language.lemmas()), language.stopWords());
    }

    static List<Document> of(Passage passage) {
        List<Document> docs = new ArrayList<>();
        Document doc = new Document();
        doc.add(new StringField(PassageSnapshot.KIND, PassageSnapshot.KIND_PASSAGE, Field.Store.YES));
        doc.add(new StringField(PassageSnapshot.PASSAGE_ID, passage.id(), Field.Store.YES));
        doc.add(new Field(PassageSnapshot.BODY, passage.text(), ANALYSED_WITH_VECTORS));
        doc.add(new Field(PassageSnapshot.CONTEXT, passage.heading(), ANALYSED_WITH_VECTORS));
        doc.add(new Field(PassageSnapshot.VOCABULARY, passage.text() + "\n" + passage.heading(), ANALYSED_WITH_VECTORS));
        doc.add(new StoredField(PassageSnapshot.TITLE, passage.title()));
        doc.add(new StoredField(PassageSnapshot.SECTION, passage.section()));
        doc.add(new StoredField(PassageSnapshot.TEXT, passage.text()));
        doc.add(new StoredField(PassageSnapshot.SOURCE, passage.source()));
        passage.questions().forEach(q -> doc.add(new StoredField(PassageSnapshot.QUESTIONS, q)));
        docs.add(doc);
        for (String question : passage.questions()) {
            Document q = new Document();
            q.add(new StringField(PassageSnapshot.KIND, PassageSnapshot.KIND_QUESTION, Field.Store.YES));
            q.add(new StringField(PassageSnapshot.PASSAGE_ID, passage.id(), Field.Store.YES));
            q.add(new Field(PassageSnapshot.QUESTION, question, ANALYSED_WITH_VECTORS));
            q.add(new Field(PassageSnapshot.VOCABULARY, question, ANALYSED_WITH_VECTORS));
            docs.add(q);
        }
        return docs;
    }

    private static FieldType analysedWithVectors() {
        FieldType type = new FieldType();
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
        type.setTokenized(true);
        type.setStoreTermVectors(true);
        type.freeze();
        return type;
    }
}
