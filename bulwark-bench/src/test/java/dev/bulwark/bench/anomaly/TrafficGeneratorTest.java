package dev.bulwark.bench.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.anomaly.AnomalyKind;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrafficGeneratorTest {
    private static final TrafficSetting SMALL = new TrafficSetting("T", 7, 12, 6, 2, 0.5, 3, 1.0, 0.5, 0.05, 0.01,
            0.05, 0.2, 0.1, 2.5, 0.8, 3, 5, 8, 7, 4);

    @Test
    void theSameSeedGivesTheSameTraffic() {
        List<TrafficGenerator.Generated> a = new TrafficGenerator(SMALL).generate();
        List<TrafficGenerator.Generated> b = new TrafficGenerator(SMALL).generate();
        assertThat(a).isEqualTo(b);
    }

    @Test
    void injectsEpisodesOfEveryKindAfterTheLearningDaysInTimeOrder() {
        TrafficGenerator generator = new TrafficGenerator(SMALL);
        List<TrafficGenerator.Generated> traffic = generator.generate();
        Set<AnomalyKind> kinds = new HashSet<>();
        generator.episodes.forEach(e -> kinds.add(e.kind()));
        assertThat(kinds).containsExactlyInAnyOrder(AnomalyKind.values());
        for (int i = 1; i < traffic.size(); i++) {
            assertThat(traffic.get(i).event().time()).isAfterOrEqualTo(traffic.get(i - 1).event().time());
        }
        traffic.stream().filter(g -> g.episode() >= 0).forEach(g -> assertThat(g.event().time())
                .isAfterOrEqualTo(TrafficGenerator.EPOCH.plusSeconds(3 * 86_400)));
    }

    @Test
    void aFirstUseEpisodeStartsWithAToolTheAgentNeverCalledBefore() {
        TrafficGenerator generator = new TrafficGenerator(SMALL);
        List<TrafficGenerator.Generated> traffic = generator.generate();
        for (TrafficGenerator.Episode e : generator.episodes) {
            if (e.kind() != AnomalyKind.FIRST_USE) {
                continue;
            }
            TrafficGenerator.Generated first = traffic.stream().filter(g -> g.episode() == e.id() && g.index() == 1)
                    .findFirst().orElseThrow();
            assertThat(traffic.stream().filter(g -> g.event().agentId().equals(e.agent())
                    && g.event().time().isBefore(first.event().time()))
                    .map(g -> g.event().tool())).doesNotContain(first.event().tool());
        }
    }

    @Test
    void episodesPlantNoOtherKind_fanOutSendsNothingVolumeReadsOwnToolsDenialBurstsPassOnlyOwnTools() {
        TrafficGenerator generator = new TrafficGenerator(SMALL);
        List<TrafficGenerator.Generated> traffic = generator.generate();
        int checked = 0;
        for (TrafficGenerator.Generated g : traffic) {
            if (g.episode() < 0) {
                continue;
            }
            TrafficGenerator.Episode e = generator.episodes.get(g.episode());
            SimAgent agent = generator.agents.stream().filter(a -> a.id.equals(e.agent())).findFirst().orElseThrow();
            List<String> own = agent.tools.stream().map(Catalog.ToolSpec::name).toList();
            boolean egress = g.event().kind() == dev.bulwark.spi.tool.ToolKind.EGRESS;
            if (e.kind() == AnomalyKind.FAN_OUT) {
                assertThat(egress).as("fan-out " + g.event().tool()).isFalse();
                checked++;
            } else if (e.kind() == AnomalyKind.OUTSIDE_INTENT && egress) {
                assertThat(own).as("off-task egress is the task's own").contains(g.event().tool());
                checked++;
            } else if (e.kind() == AnomalyKind.DATA_VOLUME) {
                assertThat(own).as("a volume episode reads one of the agent's own tools").contains(g.event().tool());
                checked++;
            } else if (e.kind() == AnomalyKind.DENIAL_BURST && !g.event().denied()) {
                assertThat(own).contains(g.event().tool());
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(20);
    }

    @Test
    void aSensitiveSequenceEpisodeTakesAPathTheAgentsDataNeverTookBefore() {
        TrafficGenerator generator = new TrafficGenerator(SMALL);
        List<TrafficGenerator.Generated> traffic = generator.generate();
        int checked = 0;
        for (TrafficGenerator.Episode e : generator.episodes) {
            if (e.kind() != AnomalyKind.SENSITIVE_SEQUENCE) {
                continue;
            }
            List<dev.bulwark.anomaly.CallEvent> episode = traffic.stream().filter(g -> g.episode() == e.id())
                    .map(TrafficGenerator.Generated::event).toList();
            List<dev.bulwark.anomaly.CallEvent> before = traffic.stream()
                    .filter(g -> g.event().agentId().equals(e.agent())
                            && g.event().time().isBefore(episode.get(0).time()))
                    .map(TrafficGenerator.Generated::event).toList();
            String path = episode.get(0).tool() + "->" + episode.get(episode.size() - 1).tool();
            assertThat(TrafficGenerator.sequencesIn(episode)).contains(path);
            assertThat(TrafficGenerator.sequencesIn(before)).doesNotContain(path);
            checked++;
        }
        assertThat(checked).isPositive();
    }

    @Test
    void theHeldOutSettingDiffersFromTheTuningSettingsInSeedAndShape() {
        for (TrafficSetting tuned : List.of(TrafficSetting.A, TrafficSetting.B)) {
            assertThat(TrafficSetting.C.seed()).isNotEqualTo(tuned.seed());
            assertThat(TrafficSetting.C.medianRate()).isNotEqualTo(tuned.medianRate());
            assertThat(TrafficSetting.C.zipf()).isNotEqualTo(tuned.zipf());
            assertThat(TrafficSetting.C.sizeSpread()).isNotEqualTo(tuned.sizeSpread());
            assertThat(TrafficSetting.C.firstShiftStart()).isNotEqualTo(tuned.firstShiftStart());
        }
    }

    @Test
    void theSecondHeldOutSettingDiffersFromEverySettingUsedBefore() {
        for (TrafficSetting used : List.of(TrafficSetting.A, TrafficSetting.B, TrafficSetting.C)) {
            assertThat(TrafficSetting.D.seed()).isNotEqualTo(used.seed());
            assertThat(TrafficSetting.D.medianRate()).isNotEqualTo(used.medianRate());
            assertThat(TrafficSetting.D.zipf()).isNotEqualTo(used.zipf());
            assertThat(TrafficSetting.D.sizeSpread()).isNotEqualTo(used.sizeSpread());
            assertThat(TrafficSetting.D.busyFactor()).isNotEqualTo(used.busyFactor());
        }
        assertThat(TrafficSetting.named("D")).isSameAs(TrafficSetting.D);
    }

    @Test
    void theThirdHeldOutSettingDiffersFromEverySettingUsedBefore() {
        for (TrafficSetting used : List.of(TrafficSetting.A, TrafficSetting.B, TrafficSetting.C, TrafficSetting.D)) {
            assertThat(TrafficSetting.E.seed()).isNotEqualTo(used.seed());
            assertThat(TrafficSetting.E.medianRate()).isNotEqualTo(used.medianRate());
            assertThat(TrafficSetting.E.zipf()).isNotEqualTo(used.zipf());
            assertThat(TrafficSetting.E.sizeSpread()).isNotEqualTo(used.sizeSpread());
            assertThat(TrafficSetting.E.busyFactor()).isNotEqualTo(used.busyFactor());
        }
        assertThat(TrafficSetting.named("E")).isSameAs(TrafficSetting.E);
    }

    @Test
    void theThirdHeldOutSettingHasRoomForEveryKindsEpisodes() {
        // generates E's traffic (no detector runs): D's flaw was days too few for its episodes
        TrafficGenerator generator = new TrafficGenerator(TrafficSetting.E);
        generator.generate();
        for (AnomalyKind kind : AnomalyKind.values()) {
            assertThat(generator.episodes.stream().filter(e -> e.kind() == kind).count()).as(kind.label())
                    .isEqualTo(TrafficSetting.E.episodesPerKind());
        }
    }

    @Test
    void theFourthHeldOutSettingDiffersFromEverySettingUsedBefore() {
        for (TrafficSetting used : List.of(TrafficSetting.A, TrafficSetting.B, TrafficSetting.C, TrafficSetting.D,
                TrafficSetting.E)) {
            assertThat(TrafficSetting.F.seed()).isNotEqualTo(used.seed());
            assertThat(TrafficSetting.F.medianRate()).isNotEqualTo(used.medianRate());
            assertThat(TrafficSetting.F.zipf()).isNotEqualTo(used.zipf());
            assertThat(TrafficSetting.F.sizeSpread()).isNotEqualTo(used.sizeSpread());
            assertThat(TrafficSetting.F.busyFactor()).isNotEqualTo(used.busyFactor());
        }
        assertThat(TrafficSetting.named("F")).isSameAs(TrafficSetting.F);
    }

    @Test
    void theFourthHeldOutSettingHasRoomForEveryKindsEpisodes() {
        // generates F's traffic only (no detector runs), so F stays unseen by the detectors until its one run
        TrafficGenerator generator = new TrafficGenerator(TrafficSetting.F);
        generator.generate();
        for (AnomalyKind kind : AnomalyKind.values()) {
            assertThat(generator.episodes.stream().filter(e -> e.kind() == kind).count()).as(kind.label())
                    .isEqualTo(TrafficSetting.F.episodesPerKind());
        }
    }

    @Test
    void theFifthHeldOutSettingDiffersFromEverySettingUsedBefore() {
        for (TrafficSetting used : List.of(TrafficSetting.A, TrafficSetting.B, TrafficSetting.C, TrafficSetting.D,
                TrafficSetting.E, TrafficSetting.F)) {
            assertThat(TrafficSetting.G.seed()).isNotEqualTo(used.seed());
            assertThat(TrafficSetting.G.medianRate()).isNotEqualTo(used.medianRate());
            assertThat(TrafficSetting.G.zipf()).isNotEqualTo(used.zipf());
            assertThat(TrafficSetting.G.sizeSpread()).isNotEqualTo(used.sizeSpread());
            assertThat(TrafficSetting.G.busyFactor()).isNotEqualTo(used.busyFactor());
            assertThat(TrafficSetting.G.firstShiftStart()).isNotEqualTo(used.firstShiftStart());
        }
        assertThat(TrafficSetting.named("G")).isSameAs(TrafficSetting.G);
    }

    @Test
    void theFifthHeldOutSettingHasRoomForEveryKindsEpisodes() {
        // generates G's traffic only (no detector runs), so G stays unseen by the detectors until its one run
        TrafficGenerator generator = new TrafficGenerator(TrafficSetting.G);
        generator.generate();
        for (AnomalyKind kind : AnomalyKind.values()) {
            assertThat(generator.episodes.stream().filter(e -> e.kind() == kind).count()).as(kind.label())
                    .isEqualTo(TrafficSetting.G.episodesPerKind());
        }
    }

    @Test
    void shiftsThatLeaveNoUnusualHourAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TrafficSetting("X", 1, 1, 4, 1, 0.5, 1, 1, 0.5,
                0, 0, 0, 0, 0, 1, 0, 1, 0, 4, 16, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCallRateBoundJudgesEveryCallRateEpisodeAndFindsFasterLoopsMoreSurely() {
        CallRateBound.Bound bound = CallRateBound.of(SMALL);
        TrafficGenerator generator = new TrafficGenerator(SMALL);
        generator.generate();
        long episodes = generator.episodes.stream().filter(e -> e.kind() == AnomalyKind.CALL_RATE).count();
        assertThat(bound.episodes()).isEqualTo((int) episodes).isPositive();
        assertThat(bound.found()).isBetween(0, bound.episodes());
        assertThat(bound.fifthPercentile()).isLessThanOrEqualTo(bound.median());
        // a setting without busy sessions (factor 1): every loop is 10 × the busy rate and found within 20 calls
        TrafficSetting calm = new TrafficSetting("T1", 7, 12, 6, 2, 0.5, 3, 1.0, 0.5, 0.05, 0.01, 0.05, 0.2, 0.1, 1.0,
                0.8, 3, 5, 8, 7, 4);
        CallRateBound.Bound easy = CallRateBound.of(calm);
        assertThat(easy.found()).isEqualTo(easy.episodes());
    }

    @Test
    void theEvaluationReportsEveryKind() {
        AnomalyEvaluation.Result result = AnomalyEvaluation.run(SMALL);
        assertThat(result.kinds()).containsOnlyKeys(AnomalyKind.values());
        assertThat(result.benign()).isPositive();
        assertThat(AnomalyEvaluation.table(result)).contains("| fan-out |").contains("per 10,000 benign");
        int alarms = result.kinds().values().stream().mapToInt(AnomalyEvaluation.KindResult::falseAlarms).sum();
        assertThat(result.falseAlarmReasons()).hasSize(alarms);
        assertThat(AnomalyEvaluation.falseAlarms(result).lines()).hasSize(alarms);
    }
}
