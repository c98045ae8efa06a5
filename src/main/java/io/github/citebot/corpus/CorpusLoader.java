package io.github.citebot.corpus;

import io.github.citebot.CiteBotException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Loads every article (.txt, .md, .html) of a folder. The file name is the article's source id.
 *
 * <p>A folder that is missing, holds no article, or holds only unreadable ones is an error. One unreadable or
 * invalid file among good ones is skipped with a warning, so that one bad download does not take the corpus down.
 */
public final class CorpusLoader {

    private static final Logger LOG = LoggerFactory.getLogger(CorpusLoader.class);

    private final ArticleParser parser = new ArticleParser();

    /** Whether citebot reads a file of this name as an article. */
    public static boolean isArticle(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && (name.endsWith(".txt") || name.endsWith(".md") || name.endsWith(".markdown")
                || name.endsWith(".html") || name.endsWith(".htm"));
    }

    /**
     * The articles of a folder, sorted by file name.
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
        List<Article> articles = new ArrayList<>();
        List<CiteBotException> skipped = new ArrayList<>();
        for (Path file : files) {
            try {
                Article article = loadFile(file);
                if (article.sentences().isEmpty()) {
                    skipped.add(new CiteBotException("no sentences in " + file));
                } else {
                    articles.add(article);
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
     * One article file.
     *
     * @throws CiteBotException naming the file when it cannot be read or is not valid UTF-8
     */
    public Article loadFile(Path file) {
        String text = read(file);
        String source = file.getFileName().toString();
        String name = source.toLowerCase(Locale.ROOT);
        if (name.endsWith(".html") || name.endsWith(".htm")) {
            return parser.parseHtml(source, text);
        }
        if (name.endsWith(".md") || name.endsWith(".markdown")) {
            return parser.parseMarkdown(source, text);
        }
        return parser.parseText(source, text);
    }

    private static String read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CiteBotException("cannot read " + file + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null || e.getMessage().equals(file.toString()) ? "" : " " + e.getMessage()), e);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new CiteBotException(file + " is not valid UTF-8 text", e);
        }
    }
}
