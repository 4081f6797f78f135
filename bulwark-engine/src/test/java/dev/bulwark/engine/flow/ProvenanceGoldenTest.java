package dev.bulwark.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every case of {@code flow/provenance-cases.json}: a session is given the intent and the outputs (of document
 * tools, of tools returning records, trusted ones), and one argument is traced; its sources, whether untrusted content
 * reached it and, where the case says, whether untrusted text chose it as a whole value must be as recorded.
 */
class ProvenanceGoldenTest {
    record Case(String name, String intent, List<String> trusted, List<String> untrusted, List<String> records,
                List<String> trusted_but_flagged, Object argument, Set<String> sources, boolean untrusted_only,
                Boolean untrusted_value, Boolean unseen_identifier) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() throws IOException {
        try (InputStream in = ProvenanceGoldenTest.class.getResourceAsStream("/flow/provenance-cases.json")) {
            return new ObjectMapper().readValue(in, new TypeReference<List<Case>>() {}).stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void tracesLikeTheGoldenCase(Case c) {
        SessionFlow flow = new SessionFlow();
        flow.intent(c.intent());
        for (String out : orEmpty(c.trusted())) {
            flow.output(out, Set.of(Source.TRUSTED_LABEL));
        }
        for (String out : orEmpty(c.untrusted())) {
            flow.output(out, Set.of(Source.UNTRUSTED_LABEL));
        }
        for (String out : orEmpty(c.records())) {
            flow.output(out, Set.of(Source.UNTRUSTED_LABEL), true, Map.of());
        }
        for (String out : orEmpty(c.trusted_but_flagged())) {
            flow.output(out, Set.of(Source.TRUSTED_LABEL, Source.UNTRUSTED_LABEL));
        }

        CallProvenance p = flow.provenance(Map.of("arg", c.argument()), Set.of("arg"));
        ArgumentProvenance arg = p.arguments().get("arg");

        assertThat(arg.sourceNames()).as(c.name()).containsExactlyInAnyOrderElementsOf(c.sources());
        assertThat(arg.untrustedOnly()).as(c.name() + " untrusted_only").isEqualTo(c.untrusted_only());
        assertThat(p.untrustedInSink()).as(c.name() + " untrusted_in_sink").isEqualTo(c.untrusted_only());
        if (c.unseen_identifier() != null) {
            assertThat(p.unseenIdentifierInSink()).as(c.name() + " unseen_identifier").isEqualTo(c.unseen_identifier());
        }
        if (c.untrusted_value() != null) {
            assertThat(arg.untrustedValue()).as(c.name() + " untrusted_value").isEqualTo(c.untrusted_value());
            assertThat(p.untrustedValueInSink()).as(c.name()).isEqualTo(c.untrusted_value());
        }
    }

    private static List<String> orEmpty(List<String> l) {
        return l == null ? List.of() : l;
    }

    @Test
    void thereAreAtLeastTwentyCases() throws IOException {
        assertThat(cases().count()).isGreaterThanOrEqualTo(20);
    }
}
