package dev.bulwark.injection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rates on the bundled evaluation sets at the label threshold (see {@link InjectionSetEvaluation} and
 * docs/BENCHMARKS.md). The floors sit below the measured rates and catch regressions; set C is the held-out set.
 */
class InjectionEvaluationSetsTest {
    private static final HeuristicInjectionDetector DETECTOR = new HeuristicInjectionDetector(
            DetectionSettings.defaults(), () -> LabelledTexts.DEMO_TOOLS);

    @ParameterizedTest(name = "{0}")
    @CsvSource({"set-a, 0.97, 0.01", "set-b, 0.85, 0.01", "set-c, 0.65, 0.015"})
    void detectsInjectionsAndLeavesBenignOutputAlone(String set, double minDetection, double maxFalsePositives) {
        LabelledTexts texts = LabelledTexts.bundled(set);
        assertThat(texts.samples()).filteredOn(LabelledTexts.Sample::injection).hasSizeGreaterThan(300);
        assertThat(texts.samples()).filteredOn(s -> !s.injection()).hasSizeGreaterThan(200);

        LabelledTexts.Rates rates = texts.rates(DETECTOR, InjectionPolicy.defaults().labelAt());

        assertThat(rates.detectionRate()).as("%s missed %s", set, rates.missedByFamily().keySet())
                .isGreaterThanOrEqualTo(minDetection);
        assertThat(rates.falsePositiveRate()).as("%s false alarms %s", set, rates.falseAlarmSamples())
                .isLessThanOrEqualTo(maxFalsePositives);
    }
}
