package io.github.citebot.index;

import io.github.citebot.corpus.Sentence;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.ByteBuffersIndexInput;
import org.apache.lucene.store.SingleInstanceLockFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A Lucene BM25 index of sentences, held in memory. Safe for concurrent searches. */
public final class LexicalIndex implements AutoCloseable {

    private static final String ID = "id";
    private static final String TEXT = "text";

    /**
     * Each file written is read back as Lucene's default does, but named plainly: the default names it with
     * {@code String.format("%,d bytes, ...")}, whose grouped numbers build a locale's number format at every file
     * of every flush (a tenth of the index build at a start, measured).
     */
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory(new SingleInstanceLockFactory(),
            ByteBuffersDataOutput::new, (name, output) -> new ByteBuffersIndexInput(output.toDataInput(), name));
    private final IndexWriter writer;
    /** Near-real-time searchers straight from the writer (no commit for an index in memory), counted while used. */
    private final SearcherManager searchers;

    public LexicalIndex() {
        try {
            writer = new IndexWriter(directory, new IndexWriterConfig(Vocabulary.ANALYZER).setSimilarity(new BM25Similarity())
                    .setRAMBufferSizeMB(64));
            searchers = new SearcherManager(writer, new SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                    IndexSearcher s = new IndexSearcher(reader);
                    s.setSimilarity(new BM25Similarity());
                    return s;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds or replaces sentences (by id) and makes them searchable. */
    public synchronized void add(List<Sentence> sentences) {
        try {
            boolean empty = writer.getDocStats().maxDoc == 0;
            for (Sentence s : sentences) {
                Document doc = new Document();
                doc.add(new StringField(ID, s.id(), Field.Store.YES));
                doc.add(new TextField(TEXT, s.text(), Field.Store.NO));
                if (empty) {
                    // Nothing to replace: skip the per-sentence delete-by-id lookup.
                    writer.addDocument(doc);
                } else {
                    writer.updateDocument(new Term(ID, s.id()), doc);
                }
            }
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code k} best BM25 matches for the text, best first; none when no term of it is in the index. */
    public List<Hit> search(String text, int k) {
        Set<String> terms = Vocabulary.terms(text);
        if (terms.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (String term : terms) {
            query.add(new TermQuery(new Term(TEXT, term)), BooleanClause.Occur.SHOULD);
        }
        try {
            IndexSearcher current = searchers.acquire();
            try {
                List<Hit> hits = new ArrayList<>();
                for (ScoreDoc sd : current.search(query.build(), k).scoreDocs) {
                    hits.add(new Hit(current.storedFields().document(sd.doc).get(ID), sd.score));
                }
                return hits;
            } finally {
                searchers.release(current);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The number of sentences indexed. */
    public int size() {
        try {
            IndexSearcher current = searchers.acquire();
            try {
                return current.getIndexReader().numDocs();
            } finally {
                searchers.release(current);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
