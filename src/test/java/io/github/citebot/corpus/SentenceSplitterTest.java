package io.github.citebot.corpus;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class SentenceSplitterTest {

    static Stream<org.junit.jupiter.params.provider.Arguments> paragraphs() {
        return Stream.of(
                arguments("Peskov also announced that U.N. Secretary-General Ban Ki-moon would be among those coming. He did not elaborate.",
                        List.of("Peskov also announced that U.N. Secretary-General Ban Ki-moon would be among those coming.", "He did not elaborate.")),
                arguments("“We were informed of the decision via diplomatic channels,” Peskov said. “The decision is connected with North Korean domestic affairs.”",
                        List.of("“We were informed of the decision via diplomatic channels,” Peskov said.", "“The decision is connected with North Korean domestic affairs.”")),
                arguments("\"He has decided to stay,\" he said. \"This decision is related to [North] Korea's internal affairs.\" Next one.",
                        List.of("\"He has decided to stay,\" he said.", "\"This decision is related to [North] Korea's internal affairs.\"", "Next one.")),
                arguments("Mr. Smith met Gen. Jones in the U.S. The talks ended.",
                        List.of("Mr. Smith met Gen. Jones in the U.S.", "The talks ended.")),
                arguments("The church was replaced by Trinity-St. Paul's Church. Ex-Gov. Cuomo spoke. It rained.",
                        List.of("The church was replaced by Trinity-St. Paul's Church.", "Ex-Gov. Cuomo spoke.", "It rained.")),
                arguments("Never mind.", List.of("Never mind.")));
    }

    @ParameterizedTest
    @MethodSource("paragraphs")
    void should_split_news_text_at_sentence_ends_only(String paragraph, List<String> sentences) {
        assertThat(new SentenceSplitter().split(paragraph)).containsExactlyElementsOf(sentences);
    }
}
