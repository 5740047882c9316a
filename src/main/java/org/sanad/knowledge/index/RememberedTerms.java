package org.sanad.knowledge.index;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FilterDirectoryReader;
import org.apache.lucene.index.FilterLeafReader;
import org.apache.lucene.index.ImpactsEnum;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.TermState;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.AttributeSource;
import org.apache.lucene.util.BytesRef;

/**
 * The index as it is, behind term dictionaries that remember where each term asked for lies: every search looks up
 * its terms (statistics and postings address) in a dictionary of a few thousand words that do not change until the
 * next reindex, and each look-up cost a new dictionary cursor. What a search reads is unchanged, so are its scores.
 */
final class RememberedTerms extends FilterDirectoryReader {

    private RememberedTerms(DirectoryReader in) throws IOException {
        super(in, new SubReaderWrapper() {
            @Override
            public LeafReader wrap(LeafReader reader) {
                return new Leaf(reader);
            }
        });
    }

    static DirectoryReader wrap(DirectoryReader reader) throws IOException {
        return new RememberedTerms(reader);
    }

    @Override
    protected DirectoryReader doWrapDirectoryReader(DirectoryReader in) throws IOException {
        return new RememberedTerms(in);
    }

    @Override
    public CacheHelper getReaderCacheHelper() {
        return null;
    }

    /** Where a term lies in one segment's field, or that it is not there. */
    private record Place(BytesRef term, TermState state, int docFreq, long totalTermFreq) {
    }

    private static final Place ABSENT = new Place(null, null, 0, 0);

    private static final class Leaf extends FilterLeafReader {

        private final Map<String, Map<BytesRef, Place>> places = new ConcurrentHashMap<>();

        Leaf(LeafReader in) {
            super(in);
        }

        @Override
        public Terms terms(String field) throws IOException {
            Terms terms = in.terms(field);
            if (terms == null) {
                return null;
            }
            Map<BytesRef, Place> known = places.computeIfAbsent(field, f -> new ConcurrentHashMap<>());
            return new FilterTerms(terms) {
                @Override
                public TermsEnum iterator() {
                    return new Cursor(in, known);
                }
            };
        }

        @Override
        public CacheHelper getCoreCacheHelper() {
            return null;
        }

        @Override
        public CacheHelper getReaderCacheHelper() {
            return null;
        }
    }

    /**
     * A dictionary cursor whose exact seeks are answered from the remembered places; the real cursor is made only
     * when something else is asked (postings, iteration), and is first put where the remembered seek left off.
     */
    private static final class Cursor extends TermsEnum {

        private final Terms terms;
        private final Map<BytesRef, Place> known;
        private TermsEnum real;
        /** The remembered place of the last exact seek, when the real cursor has not been moved there. */
        private Place pending;

        Cursor(Terms terms, Map<BytesRef, Place> known) {
            this.terms = terms;
            this.known = known;
        }

        private TermsEnum real() throws IOException {
            if (real == null) {
                real = terms.iterator();
            }
            if (pending != null) {
                real.seekExact(pending.term(), pending.state());
                pending = null;
            }
            return real;
        }

        @Override
        public boolean seekExact(BytesRef text) throws IOException {
            Place place = known.get(text);
            if (place == null) {
                pending = null;
                TermsEnum cursor = real();
                place = cursor.seekExact(text)
                        ? new Place(BytesRef.deepCopyOf(text), cursor.termState(), cursor.docFreq(),
                                cursor.totalTermFreq())
                        : ABSENT;
                known.putIfAbsent(BytesRef.deepCopyOf(text), place);
                return place != ABSENT;
            }
            pending = place == ABSENT ? null : place;
            return place != ABSENT;
        }

        @Override
        public TermState termState() throws IOException {
            if (pending != null) {
                // a copy: the caller may keep it while this cursor moves on
                TermState copy = pending.state().clone();
                return copy;
            }
            return real().termState();
        }

        @Override
        public int docFreq() throws IOException {
            return pending != null ? pending.docFreq() : real().docFreq();
        }

        @Override
        public long totalTermFreq() throws IOException {
            return pending != null ? pending.totalTermFreq() : real().totalTermFreq();
        }

        @Override
        public BytesRef term() throws IOException {
            return pending != null ? pending.term() : real().term();
        }

        @Override
        public AttributeSource attributes() {
            try {
                return real().attributes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public SeekStatus seekCeil(BytesRef text) throws IOException {
            pending = null;
            return real().seekCeil(text);
        }

        @Override
        public void seekExact(long ord) throws IOException {
            pending = null;
            real().seekExact(ord);
        }

        @Override
        public void seekExact(BytesRef term, TermState state) throws IOException {
            pending = null;
            real().seekExact(term, state);
        }

        @Override
        public long ord() throws IOException {
            return real().ord();
        }

        @Override
        public PostingsEnum postings(PostingsEnum reuse, int flags) throws IOException {
            return real().postings(reuse, flags);
        }

        @Override
        public ImpactsEnum impacts(int flags) throws IOException {
            return real().impacts(flags);
        }

        @Override
        public BytesRef next() throws IOException {
            return real().next();
        }
    }
}
