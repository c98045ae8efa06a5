package io.github.citebot;

import java.nio.file.Path;

/** One bot over the bundled articles, built once and shared by the tests of this JVM (indexing takes a second). */
public final class SharedBot {

    private static CiteBot bot;

    private SharedBot() {
    }

    public static synchronized CiteBot seeds() {
        if (bot == null) {
            bot = CiteBot.builder().corpus(Path.of("seeds")).noCache().build();
        }
        return bot;
    }
}
