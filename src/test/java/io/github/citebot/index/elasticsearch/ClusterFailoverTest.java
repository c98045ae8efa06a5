package io.github.citebot.index.elasticsearch;

import io.github.citebot.CiteBot;
import io.github.citebot.answer.Answer;
import io.github.citebot.embedding.Models;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 3-node cluster on loopback serving an index of 3 shards with 1 replica each; questions are asked without
 * pause while one data node is killed with SIGKILL. Every question must still get its answer, the same answer as
 * before the kill. Slow (three nodes start), so it runs only with {@code ./mvnw -B -Pfailover test}.
 */
@Tag("failover")
class ClusterFailoverTest {

    private static final String ALIAS = "failover";

    /** One question asked: when (ms since the start), how long it took, and what went wrong, if anything. */
    private record Asked(long at, long millis, String problem) {
    }

    @Test
    void every_question_is_answered_while_a_data_node_is_killed() throws Exception {
        List<String> questions = DevQuestions.load();
        List<ElasticsearchNode> nodes = ElasticsearchNode.startCluster(3);
        try {
            ElasticsearchNode first = nodes.get(0);
            first.request("PUT", "/_index_template/citebot-failover", """
                    {"index_patterns": ["failover-*"],
                     "template": {"settings": {"number_of_shards": 3, "number_of_replicas": 1}}}""");
            String urls = nodes.stream().map(ElasticsearchNode::url).collect(Collectors.joining(","));
            ElasticsearchBackend es = ElasticsearchBackend.connect(urls, ALIAS, Models.DEFAULT_NAME);
            try (CiteBot bot = CiteBot.builder().corpus(Path.of("seeds")).backend(es).build()) {
                first.awaitHealth("wait_for_status=green&index=" + ALIAS);
                Map<String, Answer> expected = new LinkedHashMap<>();
                for (String q : questions) {
                    expected.put(q, bot.ask(q));
                }
                String master = first.request("GET", "/_cat/master?h=node", null).strip();
                ElasticsearchNode victim = nodes.stream().filter(n -> !n.name().equals(master)).findFirst().orElseThrow();
                System.out.println("shards before the kill (shard, primary/replica, node):\n"
                        + first.request("GET", "/_cat/shards/" + ALIAS + "?h=shard,prirep,state,node&s=shard,prirep", null));

                List<Asked> asked = Collections.synchronizedList(new ArrayList<>());
                AtomicBoolean go = new AtomicBoolean(true);
                long start = System.nanoTime();
                Thread asker = new Thread(() -> {
                    while (go.get()) {
                        for (String q : questions) {
                            long t0 = System.nanoTime();
                            String problem;
                            try {
                                Answer a = bot.ask(q);
                                problem = a.equals(expected.get(q)) ? null : "different answer to: " + q;
                            } catch (RuntimeException e) {
                                problem = e.toString();
                            }
                            long t1 = System.nanoTime();
                            asked.add(new Asked((t0 - start) / 1_000_000, (t1 - t0) / 1_000_000, problem));
                        }
                    }
                });
                asker.start();
                Thread.sleep(5_000);
                long killedAt = (System.nanoTime() - start) / 1_000_000;
                victim.kill();
                ElasticsearchNode survivor = nodes.stream().filter(n -> n != victim).findFirst().orElseThrow();
                survivor.awaitHealth("wait_for_nodes=2&wait_for_status=yellow&index=" + ALIAS);
                long yellowAt = (System.nanoTime() - start) / 1_000_000;
                Thread.sleep(10_000);
                go.set(false);
                asker.join();

                List<Asked> all = List.copyOf(asked);
                List<Asked> after = all.stream().filter(a -> a.at() >= killedAt).toList();
                List<String> problems = all.stream().map(Asked::problem).filter(p -> p != null).toList();
                System.out.printf("killed %s (SIGKILL) at %d ms; index yellow again on 2 nodes at %d ms%n",
                        victim.name(), killedAt, yellowAt);
                System.out.printf("questions asked: %d (%d before the kill, %d after); answered as before: %d; problems: %d%n",
                        all.size(), all.size() - after.size(), after.size(), all.size() - problems.size(), problems.size());
                System.out.printf("latency before the kill: p50 %d ms, max %d ms; after: p50 %d ms, max %d ms%n",
                        percentile(all.subList(0, all.size() - after.size()), 50), percentile(all.subList(0, all.size() - after.size()), 100),
                        percentile(after, 50), percentile(after, 100));
                System.out.println("shards after the kill:\n"
                        + survivor.request("GET", "/_cat/shards/" + ALIAS + "?h=shard,prirep,state,node&s=shard,prirep", null));

                assertThat(problems).isEmpty();
                assertThat(after).hasSizeGreaterThan(questions.size());
            }
        } finally {
            nodes.forEach(ElasticsearchNode::close);
        }
    }

    private static long percentile(List<Asked> asked, int p) {
        List<Long> ms = asked.stream().map(Asked::millis).sorted().toList();
        return ms.isEmpty() ? 0 : ms.get(Math.min(ms.size() - 1, (int) Math.ceil(p / 100.0 * ms.size()) - (p == 0 ? 0 : 1)));
    }
}
