package io.github.citebot.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.citebot.CiteBot;
import io.github.citebot.CiteBotException;
import io.github.citebot.SharedBot;
import io.github.citebot.answer.JsonRenderer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HTTP API through a real HTTP client against a real server over the bundled articles. */
class WebApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KIM = "Why didn't Kim go to Moscow?";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static CiteBot bot;
    private static WebServer server;

    @BeforeAll
    static void start() {
        bot = SharedBot.seeds();
        server = WebServer.start(BotState.of(bot), WebServer.Settings.DEFAULTS.withPort(0).withoutRateLimit());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> post(WebServer server, String path, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(server.uri().resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(WebServer server, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(server.uri().resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static String question(String q) {
        return JSON.createObjectNode().put("question", q).toString();
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        return JSON.readTree(response.body());
    }

    /** The API's answer without what it adds to ask --json's line. */
    private static JsonNode withoutEvidence(JsonNode answer) {
        JsonNode copy = answer.deepCopy();
        copy.get("citations").forEach(c -> ((ObjectNode) c).remove("evidence"));
        return copy;
    }

    @Test
    void should_answer_with_the_json_of_ask_json_and_the_evidence_of_why() throws Exception {
        HttpResponse<String> response = post(server, "api/ask", question(KIM));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = json(response);
        assertThat(withoutEvidence(answer)).isEqualTo(JSON.readTree(new JsonRenderer().render(bot.ask(KIM))));
        assertThat(answer.get("citations").get(0).get("sentence").asText()).containsAnyOf("internal", "Kremlin");
        JsonNode evidence = answer.get("citations").get(0).get("evidence");
        assertThat(evidence.get("dense_rank").asInt() + evidence.get("bm25_rank").asInt()).isPositive();
    }

    @Test
    void should_answer_a_question_in_a_conversation() throws Exception {
        HttpResponse<String> response = post(server, "api/ask",
                JSON.createObjectNode().put("question", KIM).put("conversation", "chat-1").toString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("question").asText()).isEqualTo(KIM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"question\": \"\"}", "{\"question\": \"   \"}", "{}", "{\"question\": 42}", "not json",
            "[\"a list\"]", "", "{\"question\": \"Why?\", \"conversation\": 7}", "{\"question\": \"Why?\"} trailing"})
    void should_reject_a_missing_or_empty_question_with_400(String body) throws Exception {
        HttpResponse<String> response = post(server, "api/ask", body);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = json(response);
        assertThat(error.get("status").asInt()).isEqualTo(400);
        assertThat(error.get("error").asText()).isNotBlank().doesNotContain("Exception", "\tat ");
    }

    @Test
    void should_say_a_question_that_is_not_text_is_not_text() throws Exception {
        HttpResponse<String> response = post(server, "api/ask", "{\"question\": 42}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).startsWith("question must be a string");
    }

    @Test
    void should_reject_an_over_long_question_with_400() throws Exception {
        HttpResponse<String> response = post(server, "api/ask", question("why ".repeat(CiteBot.MAX_QUESTION_CHARS / 4 + 1)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).contains("too long");
    }

    @Test
    void should_reject_an_oversized_body_with_413() throws Exception {
        HttpResponse<String> response = post(server, "api/ask", question("x".repeat(WebServer.MAX_BODY_BYTES)));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).get("status").asInt()).isEqualTo(413);
    }

    @Test
    void should_list_the_sources_and_report_ready() throws Exception {
        JsonNode sources = json(get(server, "api/sources")).get("sources");
        assertThat(sources).hasSize(bot.sources().size());
        assertThat(sources.get(0).get("source").asText()).isEqualTo(bot.sources().get(0).source());
        assertThat(sources.get(0).get("sentences").asInt()).isPositive();

        HttpResponse<String> health = get(server, "api/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).get("status").asText()).isEqualTo("ready");
        assertThat(json(health).get("sentences").asInt()).isEqualTo(bot.sentenceCount());
    }

    @Test
    void should_show_the_paragraph_that_holds_a_cited_sentence() throws Exception {
        JsonNode citation = json(post(server, "api/ask", question(KIM))).get("citations").get(0);
        String query = "api/context?source=" + enc(citation.get("source").asText()) + "&sentence="
                + enc(citation.get("sentence").asText());

        JsonNode context = json(get(server, query));

        List<JsonNode> cited = new ArrayList<>();
        context.get("paragraph").forEach(s -> {
            if (s.get("cited").asBoolean()) {
                cited.add(s);
            }
        });
        assertThat(cited).hasSize(1);
        assertThat(cited.get(0).get("text").asText()).isEqualTo(citation.get("sentence").asText());
        assertThat(get(server, "api/context?source=" + enc(citation.get("source").asText()) + "&sentence=nothing")
                .statusCode()).isEqualTo(404);
        assertThat(get(server, "api/context").statusCode()).isEqualTo(400);
    }

    @Test
    void should_escape_control_characters_in_what_it_echoes_as_ask_json_does() throws Exception {
        HttpResponse<String> response = get(server, "api/context?source=" + enc("x\u009b31m\u001b[2J") + "&sentence=y");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("\u009b", "\u001b");
        assertThat(response.body().toLowerCase(java.util.Locale.ROOT)).contains("\\u009b", "\\u001b");
        assertThat(json(response).get("error").asText()).contains("x\u009b31m");
    }

    @Test
    void should_describe_the_api_in_openapi() throws Exception {
        JsonNode spec = json(get(server, "api/openapi.json"));

        assertThat(spec.get("openapi").asText()).startsWith("3.");
        assertThat(spec.get("paths").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("/api/ask", "/api/sources", "/api/context", "/api/health");
    }

    @Test
    void should_answer_unknown_paths_and_methods_in_json() throws Exception {
        HttpResponse<String> missing = get(server, "api/nothing");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).get("status").asInt()).isEqualTo(404);

        HttpResponse<String> wrongMethod = get(server, "api/ask");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(json(wrongMethod).get("error").asText()).isNotBlank();
    }

    @Test
    void should_forbid_inline_script_and_other_origins_by_default() throws Exception {
        HttpResponse<String> page = get(server, "");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script src=\"app.js\"").doesNotContain("onclick", "<script>");
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(get(server, "api/health").headers().firstValue("Content-Security-Policy")).isPresent();

        HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(server.uri().resolve("api/ask"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://elsewhere.example")
                .header("Access-Control-Request-Method", "POST").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a url", "example.org", "https://example.org/page", "ftp://example.org"})
    void should_refuse_a_cors_origin_that_no_browser_would_send(String origin) {
        assertThatThrownBy(() -> new WebServer.Settings("127.0.0.1", 0, origin, 10, 0))
                .isInstanceOf(io.github.citebot.CiteBotException.class).hasMessageStartingWith("--cors must be an origin");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.org", "http://localhost:3000", "http://[::1]:8080"})
    void should_take_an_origin_for_cors(String origin) {
        assertThat(new WebServer.Settings("127.0.0.1", 0, origin, 10, 0).corsOrigin()).isEqualTo(origin);
    }

    @Test
    void should_allow_the_one_origin_given_for_cors() throws Exception {
        String origin = "https://news.example";
        try (WebServer cors = WebServer.start(BotState.of(bot), new WebServer.Settings("127.0.0.1", 0, origin, 10, 0))) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(cors.uri().resolve("api/ask"))
                    .header("Origin", origin).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(question(KIM))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(origin);

            HttpResponse<String> other = HTTP.send(HttpRequest.newBuilder(cors.uri().resolve("api/health"))
                    .header("Origin", "https://elsewhere.example").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    @Test
    void should_limit_the_rate_of_one_client_with_429() throws Exception {
        try (WebServer limited = WebServer.start(BotState.of(bot), new WebServer.Settings("127.0.0.1", 0, null, 2, 0.01))) {
            assertThat(post(limited, "api/ask", question(KIM)).statusCode()).isEqualTo(200);
            assertThat(post(limited, "api/ask", question(KIM)).statusCode()).isEqualTo(200);

            HttpResponse<String> third = post(limited, "api/ask", question(KIM));

            assertThat(third.statusCode()).isEqualTo(429);
            assertThat(third.headers().firstValue("Retry-After")).hasValueSatisfying(s -> assertThat(Long.parseLong(s)).isPositive());
            assertThat(json(third).get("error").asText()).contains("too many");
        }
    }

    @Test
    void should_answer_503_with_progress_while_indexing() throws Exception {
        BotState building = new BotState() {
            @Override
            public Optional<CiteBot> bot() {
                return Optional.empty();
            }

            @Override
            public Progress progress() {
                return new Progress(4, 32, 59);
            }
        };
        try (WebServer early = WebServer.start(building, WebServer.Settings.DEFAULTS.withPort(0))) {
            HttpResponse<String> health = get(early, "api/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(json(health).get("status").asText()).isEqualTo("indexing");
            assertThat(json(health).get("embedded").asInt()).isEqualTo(32);
            assertThat(json(health).get("total").asInt()).isEqualTo(59);

            HttpResponse<String> ask = post(early, "api/ask", question(KIM));
            assertThat(ask.statusCode()).isEqualTo(503);
            assertThat(json(ask).get("error").asText()).contains("32/59");
            assertThat(get(early, "").statusCode()).as("the page loads meanwhile").isEqualTo(200);
        }
    }

    @Test
    void should_say_so_in_one_line_when_the_port_is_in_use() {
        assertThatThrownBy(() -> WebServer.start(BotState.of(bot), WebServer.Settings.DEFAULTS.withPort(server.port())))
                .isInstanceOf(CiteBotException.class)
                .hasMessageContaining(":" + server.port())
                .hasMessageContaining("in use")
                .hasMessageNotContaining("\n");
    }

    @ParameterizedTest
    @CsvSource({"no-such-host.invalid, unknown host", "192.0.2.1, give --host"})
    void should_name_a_host_that_cannot_be_listened_on_without_blaming_the_port(String host, String why) {
        assertThatThrownBy(() -> WebServer.start(BotState.of(bot), new WebServer.Settings(host, 0, null, 10, 2)))
                .isInstanceOf(CiteBotException.class)
                .hasMessageContaining(host)
                .hasMessageContaining(why)
                .hasMessageNotContaining("in use")
                .hasMessageNotContaining("\n");
    }

    @Test
    void should_answer_concurrent_requests_each_with_its_own_answer() throws Exception {
        List<String> questions = List.of(KIM, "Who said the decision was connected to internal affairs?",
                "Would it have been Kim's first trip abroad?", "What is the capital of Peru?");
        List<JsonNode> single = new ArrayList<>();
        for (String q : questions) {
            single.add(json(post(server, "api/ask", question(q))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<JsonNode>> answers = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String q = questions.get(i % questions.size());
                answers.add(pool.submit(() -> json(post(server, "api/ask", question(q)))));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertThat(answers.get(i).get()).isEqualTo(single.get(i % questions.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
