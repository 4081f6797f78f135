package dev.bulwark.injection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.guard.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class InjectionVerdictTest {

    @Test
    void distinctRulesCombineAsIndependentEvidence() {
        InjectionVerdict v = InjectionVerdict.of(List.of(f("a", 10, 0.5), f("b", 0, 0.5)));
        assertThat(v.score()).isEqualTo(0.75);
        assertThat(v.reasons()).extracting(Finding::start).containsExactly(0, 10);
    }

    @Test
    void oneRuleCountsOnceWithItsStrongestFinding() {
        assertThat(InjectionVerdict.of(List.of(f("a", 0, 0.4), f("a", 5, 0.6), f("a", 9, 0.6))).score())
                .isEqualTo(0.6);
    }

    @Test
    void weakEvidenceAloneLabelsAtMostAndNeverQuarantines() {
        assertThat(InjectionVerdict.of(List.of(f("a", 0, 0.25), f("b", 1, 0.25))).score())
                .isLessThan(InjectionVerdict.WEAK);
        double three = InjectionVerdict.of(List.of(f("a", 0, 0.25), f("b", 1, 0.25), f("c", 2, 0.25))).score();
        assertThat(three).isGreaterThanOrEqualTo(InjectionVerdict.WEAK).isLessThan(InjectionVerdict.MEDIUM);
        double many = InjectionVerdict.of(List.of(f("a", 0, 0.29), f("b", 1, 0.29), f("c", 2, 0.29),
                f("d", 3, 0.29), f("e", 4, 0.29))).score();
        assertThat(many).isLessThan(InjectionVerdict.MEDIUM);
    }

    @Test
    void oneMediumFindingLiftsTheCap() {
        assertThat(InjectionVerdict.of(List.of(f("a", 0, 0.3), f("b", 1, 0.25))).score())
                .isCloseTo(1 - 0.7 * 0.75, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void rejectsScoresOutsideTheUnitInterval() {
        assertThatThrownBy(() -> new InjectionVerdict(1.5, List.of())).hasMessageContaining("score");
        assertThatThrownBy(() -> new InjectionVerdict(Double.NaN, List.of())).hasMessageContaining("score");
    }

    private static Finding f(String rule, int start, double score) {
        return new Finding("INJECTION_PHRASE", start, start + 1, score, "test/" + rule);
    }

    @Test
    void noFindingsGiveACleanVerdictWithAPositiveZeroScore() {
        InjectionVerdict none = InjectionVerdict.of(new java.util.ArrayList<>());

        assertThat(none).isEqualTo(InjectionVerdict.clean());
        assertThat(Double.compare(none.score(), 0.0)).isZero();
        assertThat(none.reasons()).isEmpty();
    }
}
