package io.github.citebot.corpus;

import io.github.citebot.CiteBotException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Loads every article (.txt, .md, .html) of a folder. The file name is the article's source id. An optional
 * sidecar in the folder ({@code sources.csv} and/or {@code sources.json}, see {@link Sidecar}) sets the outlet,
 * title, address and date the text cannot show.
 *
 * <p>A folder that is missing, holds no article, or holds only unreadable ones is an error. One unreadable or
 * invalid file among good ones is skipped with a warning, so that one bad download does not take the corpus down.
 */
public final class CorpusLoader {

    private static final Logger LOG = LoggerFactory.getLogger(CorpusLoader.class);
    /** {@code <meta charset="x">} or {@code <meta http-equiv="Content-Type" content="text/html; charset=x">}. */
    private static final Pattern DECLARED_CHARSET = Pattern.compile("(?i)<meta[^>]+charset\\s*=\\s*[\"']?([\\w.:-]+)");

    private final ArticleParser parser = new ArticleParser();

    /** Whether citebot reads a file of this name as an article. */
    public static boolean isArticle(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && (name.endsWith(".txt") || name.endsWith(".md") || name.endsWith(".markdown")
                || name.endsWith(".html") || name.endsWith(".htm"));
    }

    /** Whether a change to this file changes the corpus: an article or a sidecar. */
    public static boolean isCorpusFile(Path file) {
        return isArticle(file) || Sidecar.isSidecar(file);
    }

    /**
     * The articles of a folder, sorted by file name, with what the folder's sidecar says about them.
     *
     * @throws CiteBotException naming the folder or file when nothing can be loaded from it
     */
    public List<Article> load(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new CiteBotException((Files.exists(folder) ? "corpus is not a folder: " : "corpus folder not found: ")
                    + folder);
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(Files::isRegularFile).filter(CorpusLoader::isArticle).sorted().toList();
        } catch (IOException e) {
            throw new CiteBotException("cannot read corpus folder " + folder + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new CiteBotException("no articles (.txt, .md, .html) in corpus folder " + folder);
        }
        Sidecar sidecar = Sidecar.read(folder);
        List<Article> articles = new ArrayList<>();
        List<CiteBotException> skipped = new ArrayList<>();
        for (Path file : files) {
            try {
                Article article = loadFile(file);
                if (article.sentences().isEmpty()) {
                    skipped.add(new CiteBotException("nothing to cite in " + file + ": it holds no text but page furniture"));
                } else {
                    articles.add(sidecar.applyTo(article));
                }
            } catch (CiteBotException e) {
                skipped.add(e);
            }
        }
        if (articles.isEmpty()) { // one line for the user: the last file's problem
            throw skipped.get(skipped.size() - 1);
        }
        skipped.forEach(e -> LOG.warn("skipping an article: {}", e.getMessage()));
        return articles;
    }

    /**
     * One article file (without the folder's sidecar), UTF-8; a byte order mark says when it is UTF-16 instead; an
     * HTML page may declare another charset ({@code <meta charset="windows-1252">}), as pages saved from older
     * sites do.
     *
     * @throws CiteBotException naming the file when it cannot be read or is not valid text in its charset
     */
    public Article loadFile(Path file) {
        String source = file.getFileName().toString();
        String name = source.toLowerCase(Locale.ROOT);
        boolean html = name.endsWith(".html") || name.endsWith(".htm");
        String text = read(file, html);
        if (html) {
            return parser.parseHtml(source, text);
        }
        if (name.endsWith(".md") || name.endsWith(".markdown")) {
            return parser.parseMarkdown(source, text);
        }
        return parser.parseText(source, text);
    }

    private static String read(Path file, boolean html) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CiteBotException("cannot read " + file + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null || e.getMessage().equals(file.toString()) ? "" : " " + e.getMessage()), e);
        }
        Charset marked = byteOrderMark(bytes);
        if (marked != null) {
            try {
                return decode(bytes, marked);
            } catch (CharacterCodingException e) {
                throw new CiteBotException(file + " starts with a " + marked.name() + " byte order mark but is not valid "
                        + marked.name() + " text", e);
            }
        }
        try {
            return decode(bytes, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            // Valid UTF-8 is what a page saved today holds, whatever it declares; an older page may not be.
            Charset declared = html ? declaredCharset(bytes) : StandardCharsets.UTF_8;
            if (!declared.equals(StandardCharsets.UTF_8)) {
                try {
                    return decode(bytes, declared);
                } catch (CharacterCodingException alsoBad) {
                    throw new CiteBotException(file + " is neither valid UTF-8 nor valid " + declared.name(), e);
                }
            }
            throw new CiteBotException(file + " is not valid UTF-8 text", e);
        }
    }

    private static String decode(byte[] bytes, Charset charset) throws CharacterCodingException {
        String text = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** The charset a byte order mark at the start names (UTF-8, UTF-16 in either order), else null. */
    private static Charset byteOrderMark(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        return null;
    }

    /** The charset an HTML page declares in its head (the first 2 kB, read as ASCII), else UTF-8. */
    private static Charset declaredCharset(byte[] page) {
        String head = new String(page, 0, Math.min(page.length, 2048), StandardCharsets.US_ASCII);
        Matcher m = DECLARED_CHARSET.matcher(head);
        try {
            return m.find() ? Charset.forName(m.group(1)) : StandardCharsets.UTF_8;
        } catch (IllegalArgumentException unknown) {
            return StandardCharsets.UTF_8;
        }
    }
}
