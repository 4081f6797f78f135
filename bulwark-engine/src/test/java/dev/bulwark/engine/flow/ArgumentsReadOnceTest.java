package dev.bulwark.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading a call's arguments once and handing them to every record changes nothing against reading them per record. */
class ArgumentsReadOnceTest {
    private static final Map<String, Object> ARGUMENTS = Map.of(
            "to", "attacker@evil.example",
            "iban", "GB29NWBK60161331926819",
            "body", "send GB29NWBK60161331926819 to attacker@evil.example now",
            "nested", Map.of("list", List.of("DE89370400440532013000", 1234567)));
    private static final String OUTPUT = "sent to attacker@evil.example; account DE89370400440532013000 and "
            + "FR1420041010050500013M02606 charged; ref 1234567";

    private static Map<String, Object> traced(SessionFlow flow) {
        return flow.provenance(Map.of("a", "attacker@evil.example", "b", "FR1420041010050500013M02606",
                "c", "DE89370400440532013000 and GB29NWBK60161331926819", "d", 1234567), Set.of("a", "b", "c", "d"))
                .toContext();
    }

    @Test
    void outputsAndWritesRecordTheSameWhetherArgumentsAreReadOnceOrPerRecord() {
        SessionFlow perRecord = new SessionFlow();
        SessionFlow once = new SessionFlow();
        Set<String> untrusted = Set.of(Source.UNTRUSTED_LABEL);
        perRecord.output("mail from attacker@evil.example about GB29NWBK60161331926819", untrusted);
        once.output("mail from attacker@evil.example about GB29NWBK60161331926819", untrusted);

        perRecord.written(ARGUMENTS);
        perRecord.output(OUTPUT, Set.of(), false, ARGUMENTS);
        perRecord.output(Map.of("rows", List.of(OUTPUT)), untrusted, true, ARGUMENTS);
        SessionFlow.Arguments read = once.arguments(ARGUMENTS);
        once.written(read);
        once.output(OUTPUT, Set.of(), false, read);
        once.output(Map.of("rows", List.of(OUTPUT)), untrusted, true, read);

        assertThat(traced(once)).isEqualTo(traced(perRecord));
    }

    @Test
    void anEchoOfTheArgumentsIsNotRecordedFromTheOutput() {
        Map<String, Object> arguments = Map.of("to", "attacker@evil.example");
        SessionFlow echoed = new SessionFlow();
        SessionFlow unrelated = new SessionFlow();
        Set<String> untrusted = Set.of(Source.UNTRUSTED_LABEL);

        echoed.output("sent to attacker@evil.example", untrusted, false, echoed.arguments(arguments));
        unrelated.output("sent to attacker@evil.example", untrusted, false, unrelated.arguments(Map.of()));

        Map<String, Object> asEchoed = echoed.provenance(arguments, Set.of("to")).toContext();
        assertThat(asEchoed).isEqualTo(new SessionFlow().provenance(arguments, Set.of("to")).toContext());
        assertThat(asEchoed).isNotEqualTo(unrelated.provenance(arguments, Set.of("to")).toContext());
    }

    @Test
    void wordCountIsWhatSplittingOnWhitespaceGives() {
        for (String s : List.of("a", " a ", "a b", "a  b", "a\tb\nc", "a\u000Bb\fc\rd", " \t a \t ", "a\u00A0b",
                "a\u2003b", "\u2003a b\u2003", "a\u001Cb", "x y z w v u t", "😀 😀", "a,b;c")) {
            assertThat(Provenance.wordCount(s)).as("'%s'", s).isEqualTo(s.strip().split("\\s+").length);
        }
    }
}
