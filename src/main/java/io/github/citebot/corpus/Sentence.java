package io.github.citebot.corpus;

import java.util.Objects;

/**
 * One citable sentence of an article, with its exact text and position.
 *
 * @param source    the article's source id (its file name)
 * @param index     position of the sentence within the article, from 0
 * @param paragraph position of the paragraph that holds it, from 0
 * @param text      the sentence, verbatim from the article (white space collapsed)
 */
public record Sentence(String source, int index, int paragraph, String text) {

    public Sentence {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
    }

    /** A stable id, unique within a corpus: {@code source#index}. */
    public String id() {
        return source + "#" + index;
    }
}
