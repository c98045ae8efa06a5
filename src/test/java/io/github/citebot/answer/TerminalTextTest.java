package io.github.citebot.answer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'plain text, ünïcode and emoji 🙂' | 'plain text, ünïcode and emoji 🙂'",
            "'\u001b]0;pwned\u0007' | '␛]0;pwned␇'",
            "'\u001b[2Jcleared' | '␛[2Jcleared'",
            "'a\tb\nc\rd' | 'a b c d'",
            "'\u0001\u007f\u009b31m' | '␁␡\ufffd31m'",
            "'evil\u202egnp.exe \u2066x\u2069 \u202a\u202b\u202c\u202d\u2067\u2068' | 'evil\ufffdgnp.exe \ufffdx\ufffd \ufffd\ufffd\ufffd\ufffd\ufffd\ufffd'",
            "'right-to-left mark \u200f and Hebrew \u05e9\u05dc\u05d5\u05dd' | 'right-to-left mark \u200f and Hebrew \u05e9\u05dc\u05d5\u05dd'"})
    void should_make_control_characters_visible_on_one_line(String text, String shown) {
        assertThat(TerminalText.safe(text)).isEqualTo(shown);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'one\ntwo\n' | 'one\ntwo\n'",
            "'one\r\n\u001b[Atwo' | 'one \n␛[Atwo'"})
    void should_keep_the_line_breaks_of_several_lines_only(String text, String shown) {
        assertThat(TerminalText.safeLines(text)).isEqualTo(shown);
    }
}
