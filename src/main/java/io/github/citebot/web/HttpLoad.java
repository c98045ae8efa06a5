package io.github.citebot.web;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code citebot bench}'s figures for {@code serve}: questions asked over HTTP by one client, then by many clients
 * at once, each checked to get the answer the one client got for the same question.
 */
public final class HttpLoad {

    /**
     * @param singleMillis one client asking in turn: the latency of each question
     * @param clients      clients asking at once
     * @param millis       many clients at once: the latency of each question
     * @param answered     of those, answered with status 200
     * @param ownAnswers   of those, the very answer the single client got for the same question
     * @param seconds      many clients at once: from the first question to the last answer
     */
    public record Figures(List<Double> singleMillis, int clients, List<Double> millis, int answered, int ownAnswers,
                          double seconds) {
    }

    private record Reply(int question, int status, String body, double millis) {
    }

    private HttpLoad() {
    }

    /**
     * Asks the questions of {@code questions} over {@code POST /api/ask}: five passes by one client, then
     * {@code clients} clients at once, each asking {@code perClient} questions (client c starts at question c).
     */
    public static Figures measure(URI server, List<String> questions, int clients, int perClient) throws Exception {
        URI ask = server.resolve("api/ask");
        HttpClient one = client();
        List<String> expected = new ArrayList<>();
        for (int q = 0; q < questions.size(); q++) {
            expected.add(post(one, ask, questions, q).body());
        }
        List<Double> single = new ArrayList<>();
        for (int pass = 0; pass < 5; pass++) {
            for (int q = 0; q < questions.size(); q++) {
                single.add(post(one, ask, questions, q).millis());
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<Reply>>> runs = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int first = c;
            runs.add(pool.submit(() -> {
                HttpClient mine = client();
                List<Reply> replies = new ArrayList<>();
                go.await();
                for (int i = 0; i < perClient; i++) {
                    replies.add(post(mine, ask, questions, (first + i) % questions.size()));
                }
                return replies;
            }));
        }
        long t0 = System.nanoTime();
        go.countDown();
        List<Reply> all = new ArrayList<>();
        for (Future<List<Reply>> run : runs) {
            all.addAll(run.get());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        int answered = (int) all.stream().filter(r -> r.status() == 200).count();
        int own = (int) all.stream().filter(r -> r.status() == 200 && r.body().equals(expected.get(r.question()))).count();
        return new Figures(single, clients, all.stream().map(Reply::millis).toList(), answered, own, seconds);
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    private static Reply post(HttpClient client, URI ask, List<String> questions, int q) throws IOException, InterruptedException {
        String body = JsonNodeFactory.instance.objectNode().put("question", questions.get(q)).toString();
        long t0 = System.nanoTime();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(ask).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(q, r.statusCode(), r.body(), (System.nanoTime() - t0) / 1e6);
    }
}
