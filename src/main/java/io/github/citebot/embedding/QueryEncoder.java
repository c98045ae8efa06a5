package io.github.citebot.embedding;

import java.util.List;

/**
 * A model that embeds many questions in one batch, with its query prefix. LangChain4j's {@code embedAll} is for
 * passages (e5 reads "passage: " before them), so questions batched through it would be embedded as passages.
 */
public interface QueryEncoder {

    /** Each question's unit vector, in their order, as {@code embed(question)} would give it. */
    float[][] embedQueries(List<String> questions);
}
