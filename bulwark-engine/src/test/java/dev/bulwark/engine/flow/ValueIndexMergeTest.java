package dev.bulwark.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Two gateways' indexes of one session, combined: nothing untrusted is lost, nothing becomes trusted. */
class ValueIndexMergeTest {
    private static final ValueIndex.Bounds SMALL = new ValueIndex.Bounds(16, 64 * 1024, 8, 1 << 12, 4);

    private static FlowValue id(int i) {
        return FlowValue.of(ValueKind.ACCOUNT, "id:ACC" + (100000 + i));
    }

    private static List<FlowValue> ids(int from, int to) {
        List<FlowValue> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(id(i));
        }
        return out;
    }

    /** Two writers that started from the same stored index (the same summary seed), as after a shared read. */
    private static ValueIndex[] twoWritersFromOneBase() {
        ValueIndex base = new ValueIndex(SMALL);
        base.record(Source.INTENT, Set.of(), List.of(id(0)));
        return new ValueIndex[] {ValueIndex.fromBytes(base.toBytes()), ValueIndex.fromBytes(base.toBytes())};
    }

    @Test
    void concurrentWritersMergedKeepAllSources() {
        ValueIndex[] w = twoWritersFromOneBase();
        w[0].record(Source.UNTRUSTED_OUTPUT, Set.of("untrusted", "mail"), List.of(id(1), id(3)));
        w[1].record(Source.TRUSTED_OUTPUT, Set.of("bank"), List.of(id(2), id(3)));

        w[1].merge(w[0]);

        assertThat(w[1].lookup(id(0)).sources()).containsExactly(Source.INTENT);
        assertThat(w[1].lookup(id(1)).untrustedOnly()).isTrue();
        assertThat(w[1].lookup(id(1)).labels()).containsExactlyInAnyOrder("untrusted", "mail");
        assertThat(w[1].lookup(id(2)).sources()).containsExactly(Source.TRUSTED_OUTPUT);
        assertThat(w[1].lookup(id(3)).sources())
                .containsExactlyInAnyOrder(Source.UNTRUSTED_OUTPUT, Source.TRUSTED_OUTPUT);
        assertThat(w[1].lookup(id(3)).labels()).containsExactlyInAnyOrder("untrusted", "mail", "bank");
    }

    @Test
    void mergeIsAUnionWhicheverWayRound() {
        ValueIndex[] a = twoWritersFromOneBase();
        a[0].record(Source.UNTRUSTED_OUTPUT, Set.of(), List.of(id(1)));
        a[1].record(Source.TRUSTED_OUTPUT, Set.of(), List.of(id(1), id(2)));
        ValueIndex left = ValueIndex.fromBytes(a[0].toBytes());
        left.merge(a[1]);
        ValueIndex right = ValueIndex.fromBytes(a[1].toBytes());
        right.merge(a[0]);

        for (int i = 0; i < 3; i++) {
            assertThat(left.lookup(id(i)).sources()).isEqualTo(right.lookup(id(i)).sources());
        }
    }

    @Test
    void untrustedValuesEvictedByEitherWriterStayUntrustedAfterMerge() {
        ValueIndex[] w = twoWritersFromOneBase();
        w[0].record(Source.UNTRUSTED_OUTPUT, Set.of(), ids(100, 200)); // most go to the summary
        w[1].record(Source.TRUSTED_OUTPUT, Set.of(), ids(300, 310));

        w[1].merge(w[0]);

        for (int i = 100; i < 200; i++) {
            assertThat(w[1].lookup(id(i)).sources()).contains(Source.UNTRUSTED_OUTPUT);
        }
        assertThat(w[1].stats().entries()).isLessThanOrEqualTo(16);
    }

    @Test
    void summariesOfUnrelatedIndexesSaturateRatherThanLoseUntrustedValues() {
        ValueIndex a = new ValueIndex(SMALL);
        ValueIndex b = new ValueIndex(SMALL); // another seed: bits cannot be combined
        a.record(Source.UNTRUSTED_OUTPUT, Set.of(), ids(100, 200));

        b.merge(a);

        assertThat(b.lookup(id(150)).sources()).contains(Source.UNTRUSTED_OUTPUT);
        assertThat(b.lookup(id(9999)).trusted()).isFalse();
        assertThat(b.stats().saturated()).isTrue();
    }

    @Test
    void mergingAnEmptyUnrelatedIndexChangesNothing() {
        ValueIndex a = new ValueIndex(SMALL);
        a.record(Source.TRUSTED_OUTPUT, Set.of(), List.of(id(1)));

        a.merge(new ValueIndex(SMALL));

        assertThat(a.stats().saturated()).isFalse();
        assertThat(a.lookup(id(1)).sources()).containsExactly(Source.TRUSTED_OUTPUT);
        assertThat(a.lookup(id(2)).sources()).isEmpty();
    }

    @Test
    void shrinkingToASlotEvictsUntrustedValuesIntoTheSummary() {
        ValueIndex index = new ValueIndex(new ValueIndex.Bounds(4096, 512 * 1024, 8, 1 << 12, 4));
        index.record(Source.UNTRUSTED_OUTPUT, Set.of(), ids(0, 1000));
        int full = index.toBytes().length;

        byte[] form = index.shrinkTo(full / 4);

        assertThat(form.length).isLessThanOrEqualTo(full / 4);
        ValueIndex read = ValueIndex.fromBytes(form);
        for (int i = 0; i < 1000; i++) {
            assertThat(read.lookup(id(i)).untrustedOnly()).isTrue();
        }
    }

    @Test
    void aSlotTooSmallForAnEmptyIndexFailsRatherThanWriting() {
        ValueIndex index = new ValueIndex(SMALL);
        assertThatThrownBy(() -> index.shrinkTo(16)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void boundsForTheDefaultSlotFitAFullIndexOfOrdinaryValues() {
        int slot = dev.bulwark.spi.session.SessionLimits.defaults().maxExtensionBytes();
        ValueIndex index = new ValueIndex(ValueIndex.Bounds.forSlot(slot));
        index.record(Source.UNTRUSTED_OUTPUT, Set.of("untrusted"), ids(0, 10_000));
        index.record(Source.INTENT, Set.of(), ids(20_000, 21_100));

        assertThat(index.toBytes().length).isLessThanOrEqualTo(slot);
    }
}
