package io.github.citebot.corpus;

import java.util.List;
import java.util.Objects;

/**
 * A cleaned article: page furniture removed, split into sentences.
 *
 * @param source    the source id: the file name the article was read from
 * @param outlet    the publishing outlet where the text shows it ("Associated Press"), else "unknown"
 * @param title     the headline where the text shows it, else a title made from the file name
 * @param sentences the citable sentences, in reading order
 */
public record Article(String source, String outlet, String title, List<Sentence> sentences) {

    public Article {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(outlet, "outlet");
        Objects.requireNonNull(title, "title");
        sentences = List.copyOf(sentences);
    }
}
