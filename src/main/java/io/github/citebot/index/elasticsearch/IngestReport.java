package io.github.citebot.index.elasticsearch;

/**
 * What one build of the Elasticsearch index did.
 *
 * @param index    the concrete index the alias serves after the build
 * @param indexed  sentences sent to Elasticsearch because the served index lacked them (new or changed)
 * @param kept     sentences the served index already held, copied over as they were
 * @param switched whether the alias now points at a new index (false when the corpus had not changed)
 */
public record IngestReport(String index, int indexed, int kept, boolean switched) {
}
