package io.github.citebot.index;

import io.github.citebot.corpus.Sentence;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A Lucene BM25 index of sentences, held in memory. Safe for concurrent searches. */
public final class LexicalIndex implements AutoCloseable {

    private static final String ID = "id";
    private static final String TEXT = "text";

    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private volatile IndexSearcher searcher;

    public LexicalIndex() {
        try {
            writer = new IndexWriter(directory, new IndexWriterConfig(Vocabulary.ANALYZER).setSimilarity(new BM25Similarity())
                    .setRAMBufferSizeMB(64));
            reopen();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds or replaces sentences (by id) and makes them searchable. */
    public synchronized void add(List<Sentence> sentences) {
        try {
            boolean empty = searcher.getIndexReader().maxDoc() == 0;
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
            reopen();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes sentences by id. */
    public synchronized void remove(List<String> ids) {
        try {
            for (String id : ids) {
                writer.deleteDocuments(new Term(ID, id));
            }
            reopen();
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
        IndexSearcher current = searcher;
        try {
            List<Hit> hits = new ArrayList<>();
            for (ScoreDoc sd : current.search(query.build(), k).scoreDocs) {
                hits.add(new Hit(current.storedFields().document(sd.doc).get(ID), sd.score));
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The number of sentences indexed. */
    public int size() {
        return searcher.getIndexReader().numDocs();
    }

    private void reopen() throws IOException {
        // A near-real-time reader straight from the writer: no commit needed for an index that lives in memory.
        IndexSearcher next = new IndexSearcher(DirectoryReader.open(writer));
        next.setSimilarity(new BM25Similarity());
        // Searches already running keep the previous reader; it is released with the index.
        searcher = next;
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
