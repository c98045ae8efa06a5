package io.github.citebot.index;

/** Told how building the index goes, so a front-end can show a progress line. */
@FunctionalInterface
public interface IndexProgress {

    /** Does nothing. */
    IndexProgress NONE = (articles, embedded, total) -> { };

    /**
     * @param articles the number of articles loaded
     * @param embedded sentences embedded so far
     * @param total    sentences to embed in all
     */
    void update(int articles, int embedded, int total);
}
