package io.github.citebot.retrieval;

import io.github.citebot.CiteBotException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RankerModelTest {

    @Test
    void should_load_the_bundled_model_with_a_ranker_an_answerability_model_and_a_threshold() {
        RankerModel m = RankerModel.bundled();

        assertThat(m.ranker().features()).isNotEmpty().allMatch(f -> f.scope() == Feature.Scope.CANDIDATE);
        assertThat(m.answerability().features()).isNotEmpty();
        assertThat(m.minConfidence()).isBetween(0.0, 1.0);
    }

    @Test
    void should_fall_back_to_the_first_model_s_ranker_for_a_second_model_without_one() {
        assertThat(RankerModel.bundled("no-such-model")).isEqualTo(RankerModel.bundled());
        assertThat(RankerModel.bundled(null)).isEqualTo(RankerModel.bundled());
        assertThat(RankerModel.bundled().ranker().features()).doesNotContain(Feature.SECOND_COSINE);
    }

    @Test
    void should_write_the_same_bytes_it_reads() {
        String json = RankerModel.bundled().toJson();

        assertThat(RankerModel.parse(json, "ranker.json").toJson()).isEqualTo(json);
    }

    @Test
    void should_refuse_another_format_version_in_one_line_naming_the_file() {
        String json = RankerModel.bundled().toJson().replace("\"format\": 1", "\"format\": 99");

        assertThatThrownBy(() -> RankerModel.parse(json, "my.json")).isInstanceOf(CiteBotException.class)
                .hasMessage("my.json: ranker format 99 is not the one this citebot reads (1)");
    }

    @Test
    void should_refuse_a_feature_this_version_does_not_compute() {
        String json = RankerModel.bundled().toJson().replaceFirst("\"name\": \"[a-z_0-9]+\"", "\"name\": \"e6_cosine\"");

        assertThatThrownBy(() -> RankerModel.parse(json, "my.json")).isInstanceOf(CiteBotException.class)
                .hasMessageContaining("\"e6_cosine\"").hasMessageNotContaining("\n");
    }

    @Test
    void should_refuse_a_threshold_outside_zero_to_one_and_text_that_is_not_json() {
        String json = RankerModel.bundled().toJson().replaceFirst("\"min_confidence\": [0-9.]+", "\"min_confidence\": 1.5");

        assertThatThrownBy(() -> RankerModel.parse(json, "my.json")).isInstanceOf(CiteBotException.class)
                .hasMessageContaining("min_confidence");
        assertThatThrownBy(() -> RankerModel.parse("{oops", "my.json")).isInstanceOf(CiteBotException.class)
                .hasMessageStartingWith("my.json is not JSON").hasMessageNotContaining("\n");
    }
}
