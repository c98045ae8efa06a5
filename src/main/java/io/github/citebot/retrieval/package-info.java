/**
 * Retrieval, as stages, each one obvious place:
 * <ol>
 *   <li>candidates: the union of the dense and BM25 searches ({@code CandidateSearch});</li>
 *   <li>features: named {@link io.github.citebot.retrieval.Feature features} of each candidate and of the
 *       question, in an enum-keyed {@link io.github.citebot.retrieval.Features} vector ({@code FeatureExtractor},
 *       which works out what depends only on the sentence once, at index time; with a second model, the
 *       question is embedded in it once and its cosines with the candidates, whose vectors were computed at index
 *       time, are features too);</li>
 *   <li>scorer: a {@link io.github.citebot.retrieval.Scorer} ranks the candidates; by default the learned
 *       {@link io.github.citebot.retrieval.LinearScorer} of the bundled
 *       {@link io.github.citebot.retrieval.RankerModel} ({@code citebot train} writes it; one for the first model
 *       alone, one for each second model it has been trained with);</li>
 *   <li>claims: near-duplicates from different outlets cited together
 *       ({@link io.github.citebot.retrieval.ClaimGrouper});</li>
 *   <li>answerability: the calibrated probability that the first citation answers, below the threshold "The
 *       articles don't say." ({@link io.github.citebot.retrieval.Answerability}).</li>
 * </ol>
 * {@link io.github.citebot.retrieval.Retriever#rank(String)} runs stages 1-3 for any query text and
 * {@link io.github.citebot.retrieval.Answerer#answer(String, io.github.citebot.retrieval.Ranking, int)} runs 4-5
 * and makes the {@link io.github.citebot.answer.Answer}; {@link io.github.citebot.retrieval.Ranker} chooses
 * citebot's stages or a baseline's.
 */
package io.github.citebot.retrieval;
