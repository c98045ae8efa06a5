package io.github.citebot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JsonTree reads what ObjectMapper.readTree reads, node for node. */
class JsonTreeTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {
            "[{\"file\": \"000_57856c64828ec8cb.txt\", \"published\": \"2015-04-30\"}, {\"file\": \"b.txt\", \"outlet\": \"The Diplomat\"}]",
            "{\"format\": 1, \"trained_on\": [\"seeds\", \"squad2\"], \"min_confidence\": 0.118, \"ranker\": {\"bias\": -1.5e-3, \"features\": []}}",
            "{\"a\": 1, \"a\": \"later wins\"}",
            "[2147483647, 2147483648, 9223372036854775807, 9223372036854775808, -0, 0.0, 1e400, -2.5E-3]",
            "[true, false, null, \"\", \"\\u00e9\\n\\\"\", [], {}, [[[]]]]",
            "  \"just a string\"  ",
            "42",
            "null",
            "[1] trailing text is not read",
            "",
            "   "})
    void should_read_the_same_tree_as_an_object_mapper(String json) throws IOException {
        JsonNode expected = MAPPER.readTree(json);
        assertSameTree(JsonTree.read(json), expected);
        assertSameTree(JsonTree.read(json.getBytes(StandardCharsets.UTF_8)), MAPPER.readTree(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void should_read_the_bundled_ranker_models_as_an_object_mapper_does() throws IOException {
        for (String resource : List.of("/io/github/citebot/retrieval/ranker.json",
                "/io/github/citebot/retrieval/ranker-e5-small-v2-q.json")) {
            byte[] json = JsonTreeTest.class.getResourceAsStream(resource).readAllBytes();
            assertSameTree(JsonTree.read(json), MAPPER.readTree(json));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1, 2", "{\"file\": }", "{'file': 1}", "[1,]", "nul"})
    void should_fail_on_malformed_json_with_the_parsers_first_line(String json) {
        String expected = firstLine(catchMessage(() -> MAPPER.readTree(json)));
        assertThatThrownBy(() -> JsonTree.read(json)).isInstanceOf(JsonProcessingException.class)
                .satisfies(e -> assertThat(firstLine(e.getMessage())).isEqualTo(expected));
    }

    private interface Read {
        void run() throws IOException;
    }

    private static String catchMessage(Read read) {
        try {
            read.run();
        } catch (IOException e) {
            return e.getMessage();
        }
        throw new AssertionError("ObjectMapper read it");
    }

    private static String firstLine(String message) {
        return message.lines().findFirst().orElse("");
    }

    /** Equal trees whose nodes are of the same classes (an int node where ObjectMapper makes one, and so on). */
    private static void assertSameTree(JsonNode actual, JsonNode expected) {
        assertThat(actual).isEqualTo(expected);
        assertThat(shape(actual)).isEqualTo(shape(expected));
    }

    private static List<String> shape(JsonNode node) {
        List<String> out = new ArrayList<>();
        shape(node, "$", out);
        return out;
    }

    private static void shape(JsonNode node, String path, List<String> out) {
        out.add(path + " " + node.getClass().getSimpleName());
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                shape(e.getValue(), path + "." + e.getKey(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                shape(node.get(i), path + "[" + i + "]", out);
            }
        }
    }
}
