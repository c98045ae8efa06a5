package io.github.citebot.corpus;

import java.util.List;
import java.util.Objects;

/**
 * A cleaned article: page furniture removed, split into sentences. What is not known is empty, never a
 * placeholder such as "unknown", so that nothing is shown for it.
 *
 * @param source    the source id: the file name the article was read from
 * @param outlet    the publishing outlet ("Associated Press") where the text or a sidecar shows it, else ""
 * @param title     the headline where the text or a sidecar shows it, else one made from the lede or the file name
 * @param url       the article's original address where known, else ""
 * @param published the day it was published, ISO 8601 ("2015-04-30"), where known, else ""
 * @param sentences the citable sentences, in reading order
 */
public record Article(String source, String outlet, String title, String url, String published,
                      List<Sentence> sentences) {

    public Article {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(outlet, "outlet");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(published, "published");
        sentences = List.copyOf(sentences);
    }

    /** An article whose address and date are not known. */
    public Article(String source, String outlet, String title, List<Sentence> sentences) {
        this(source, outlet, title, "", "", sentences);
    }
}
