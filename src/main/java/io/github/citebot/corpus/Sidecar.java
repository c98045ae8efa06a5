package io.github.citebot.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.github.citebot.JsonTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The optional sidecar of a corpus folder: {@code sources.csv} and/or {@code sources.json}, one row per article
 * with the columns {@code file} (the article's file name) and any of {@code outlet}, {@code title}, {@code url},
 * {@code published} (or {@code date}, ISO 8601: 2015-04-30). It sets what the article's text cannot show; a value
 * left empty keeps what the text shows. Where both files name an article, sources.json wins.
 *
 * <pre>
 * [{"file": "kim.txt", "outlet": "The Diplomat", "published": "2015-04-30", "url": "https://example.com/kim"}]
 * </pre>
 *
 * A sidecar that cannot be read is a warning, not an error: the articles load without it.
 */
final class Sidecar {

    static final String CSV = "sources.csv";
    static final String JSON = "sources.json";

    private static final Logger LOG = LoggerFactory.getLogger(Sidecar.class);

    /** What a row says about one article; "" where it says nothing. */
    record Entry(String outlet, String title, String url, String published) {

        Article applyTo(Article a) {
            return new Article(a.source(), or(outlet, a.outlet()), or(title, a.title()), or(url, a.url()),
                    or(published, a.published()), a.sentences());
        }

        private static String or(String value, String otherwise) {
            return value.isEmpty() ? otherwise : value;
        }
    }

    private final Map<String, Entry> entries;

    private Sidecar(Map<String, Entry> entries) {
        this.entries = entries;
    }

    /** Whether a file of this name is a sidecar. */
    static boolean isSidecar(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.equals(CSV) || name.equals(JSON);
    }

    /** The sidecars of a folder; empty when it has none. */
    static Sidecar read(Path folder) {
        Map<String, Entry> entries = new HashMap<>();
        Path csv = folder.resolve(CSV);
        if (Files.isRegularFile(csv)) {
            try (MappingIterator<JsonNode> rows = new CsvMapper().readerFor(JsonNode.class)
                    .with(CsvSchema.emptySchema().withHeader()).readValues(Files.readAllBytes(csv))) {
                rows.forEachRemaining(row -> add(entries, csv, row));
            } catch (IOException | RuntimeException e) {
                LOG.warn("ignoring {}: {}", csv, oneLine(e));
            }
        }
        Path json = folder.resolve(JSON);
        if (Files.isRegularFile(json)) {
            try {
                JsonNode root = JsonTree.read(Files.readAllBytes(json));
                if (root == null || !root.isArray()) {
                    LOG.warn("ignoring {}: expected a JSON array of objects with \"file\"", json);
                } else {
                    root.forEach(row -> add(entries, json, row));
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("ignoring {}: {}", json, oneLine(e));
            }
        }
        return new Sidecar(entries);
    }

    /** The article with what the sidecar says about it. */
    Article applyTo(Article article) {
        Entry e = entries.get(article.source());
        return e == null ? article : e.applyTo(article);
    }

    private static void add(Map<String, Entry> entries, Path sidecar, JsonNode row) {
        String file = text(row, "file");
        if (file.isEmpty()) {
            LOG.warn("{}: a row without \"file\" is ignored", sidecar);
            return;
        }
        String url = text(row, "url");
        String date = text(row, "published").isEmpty() ? text(row, "date") : text(row, "published");
        if (!url.isEmpty() && ArticleParser.webAddress(url).isEmpty()) {
            LOG.warn("{}: {}: url is not an http(s) address, ignored: {}", sidecar, file, url);
        }
        if (!date.isEmpty() && ArticleParser.isoDate(date).isEmpty()) {
            LOG.warn("{}: {}: date is not an ISO date such as 2015-04-30, ignored: {}", sidecar, file, date);
        }
        entries.put(file, new Entry(ArticleParser.collapse(text(row, "outlet")), ArticleParser.collapse(text(row, "title")),
                ArticleParser.webAddress(url), ArticleParser.isoDate(date)));
    }

    private static String text(JsonNode row, String field) {
        JsonNode value = row.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? "" : value.asText().strip();
    }

    private static String oneLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int eol = message.indexOf('\n');
        return eol < 0 ? message : message.substring(0, eol);
    }
}
