package io.github.citebot.corpus;

import io.github.citebot.CiteBotException;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;

/**
 * The articles bundled with citebot (the checkout's {@code seeds/}, which the build copies into the jar): the
 * default corpus, found where the classes are, so that the library and the launcher answer from any working
 * directory.
 */
public final class BundledCorpus {

    /** Where the build puts the bundled articles on the class path. */
    static final String RESOURCE = "/io/github/citebot/seeds";

    private BundledCorpus() {
    }

    /**
     * The folder of the bundled articles, for {@link CorpusLoader#load}: a plain folder when the classes are one
     * (tests, an IDE), else a folder inside the jar (its file system stays open for the life of the JVM).
     *
     * @throws CiteBotException when the class path lacks them (a jar built without its resources)
     */
    public static Path folder() {
        return Holder.FOLDER;
    }

    /** Found once, on first use: opening the jar as a file system takes a few milliseconds. */
    private static final class Holder {
        static final Path FOLDER = locate();
    }

    private static Path locate() {
        URL url = BundledCorpus.class.getResource(RESOURCE);
        if (url == null) {
            throw new CiteBotException("the bundled articles (" + RESOURCE + ") are missing from the class path: "
                    + "give a corpus folder");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try {
                    FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException opened) {
                    // another part of this JVM opened the jar already: its file system serves
                }
            }
            return Path.of(uri);
        } catch (URISyntaxException | IOException | FileSystemNotFoundException | IllegalArgumentException e) {
            throw new CiteBotException("cannot read the bundled articles at " + url + ": " + e.getMessage(), e);
        }
    }
}
