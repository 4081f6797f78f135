package dev.bulwark.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValueIndexTest {
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

    @Test
    void neverHoldsMoreEntriesThanItsBound() {
        ValueIndex index = new ValueIndex(SMALL);

        index.record(Source.UNTRUSTED_OUTPUT, Set.of(), ids(0, 10_000));

        assertThat(index.stats().entries()).isEqualTo(16);
        assertThat(index.stats().evicted()).isEqualTo(10_000 - 16);
    }

    @Test
    void neverHoldsMoreBytesThanItsBound() {
        ValueIndex index = new ValueIndex(new ValueIndex.Bounds(1_000_000, 4096, 8, 1 << 12, 4));
        List<FlowValue> big = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            big.add(FlowValue.of(ValueKind.TOKEN, "tok:" + "x".repeat(200) + i));
        }

        index.record(Source.TRUSTED_OUTPUT, Set.of(), big);

        assertThat(index.stats().bytes()).isLessThanOrEqualTo(4096);
        assertThat(index.stats().entries()).isGreaterThan(0);
    }

    @Test
    void anEvictedUntrustedValueIsStillReportedUntrusted() {
        ValueIndex index = new ValueIndex(SMALL);
        index.record(Source.UNTRUSTED_OUTPUT, Set.of(), List.of(id(-1)));

        index.record(Source.TRUSTED_OUTPUT, Set.of(), ids(0, 1000)); // pushes it out

        assertThat(index.stats().entries()).isEqualTo(16);
        assertThat(index.lookup(id(-1)).sources()).containsExactly(Source.UNTRUSTED_OUTPUT);
    }

    @Test
    void anEvictedValueSeenTrustedAndUntrustedLosesOnlyItsTrust() {
        ValueIndex index = new ValueIndex(SMALL);
        index.record(Source.TRUSTED_OUTPUT, Set.of(), List.of(id(-1)));
        index.record(Source.UNTRUSTED_OUTPUT, Set.of(), List.of(id(-1)));

        index.record(Source.UNTRUSTED_OUTPUT, Set.of(), ids(0, 1000));

        assertThat(index.lookup(id(-1)).sources()).containsExactly(Source.UNTRUSTED_OUTPUT);
    }

    @Test
    void anEvictedTrustedValueBecomesUnseenNeverTrusted() {
        ValueIndex index = new ValueIndex(SMALL);
        index.record(Source.TRUSTED_OUTPUT, Set.of(), List.of(id(-1)));

        index.record(Source.TRUSTED_OUTPUT, Set.of(), ids(0, 1000));

        assertThat(index.lookup(id(-1)).sources()).isEmpty();
    }

    @Test
    void outputFloodsCannotEvictTheIntent() {
        ValueIndex index = new ValueIndex(SMALL);
        index.record(Source.INTENT, Set.of(), List.of(id(-1)));

        index.record(Source.UNTRUSTED_OUTPUT, Set.of(), ids(0, 10_000));

        // the small summary is saturated by now, so it may add untrusted_output (a false positive, the safe side)
        assertThat(index.lookup(id(-1)).sources()).contains(Source.INTENT);
        assertThat(index.lookup(id(-1)).trusted()).isTrue();
    }

    @Test
    void intentBeyondItsBoundIsDroppedAndCounted() {
        ValueIndex index = new ValueIndex(SMALL);

        index.record(Source.INTENT, Set.of(), ids(0, 20));

        assertThat(index.stats().intentEntries()).isEqualTo(8);
        assertThat(index.stats().droppedIntent()).isEqualTo(12);
        assertThat(index.lookup(id(19)).sources()).isEmpty();
    }

    @Test
    void untrustedWordsAreSummarisedNotHeld() {
        ValueIndex index = new ValueIndex(SMALL);
        FlowValue fred = FlowValue.of(ValueKind.WORD, "word:fred");

        index.record(Source.UNTRUSTED_OUTPUT, Set.of(), List.of(fred));

        assertThat(index.stats().entries()).isZero();
        assertThat(index.lookup(fred).sources()).containsExactly(Source.UNTRUSTED_OUTPUT);
        assertThat(index.lookup(FlowValue.of(ValueKind.WORD, "word:alice")).sources()).isEmpty();
    }

    @Test
    void labelsAreMergedPerValueAndOverflowIsReported() {
        ValueIndex index = new ValueIndex(SMALL);
        index.record(Source.TRUSTED_OUTPUT, Set.of("pii"), List.of(id(1)));
        index.record(Source.UNTRUSTED_OUTPUT, Set.of("confidential"), List.of(id(1)));
        index.record(Source.UNTRUSTED_OUTPUT, Set.of("a", "b", "c", "d", "e"), List.of(id(2)));

        assertThat(index.lookup(id(1)).labels()).containsExactlyInAnyOrder("pii", "confidential");
        assertThat(index.lookup(id(2)).labels()).contains(ValueIndex.OVERFLOW_LABEL);
    }

    @Test
    void aMatchOnAnyKeyOfAnAmbiguousValueCounts() {
        ValueIndex index = new ValueIndex(SMALL);
        index.record(Source.INTENT, Set.of(), List.of(FlowValue.of(ValueKind.DATE, "date:2024-03-05")));

        ValueIndex.Seen seen = index.lookup(new FlowValue(ValueKind.DATE, List.of("date:2024-05-03", "date:2024-03-05")));

        assertThat(seen.sources()).containsExactly(Source.INTENT);
    }

    @Test
    void survivesARoundTripThroughBytes() {
        ValueIndex index = new ValueIndex(SMALL);
        index.record(Source.INTENT, Set.of(), List.of(id(-2)));
        index.record(Source.TRUSTED_OUTPUT, Set.of("pii"), List.of(id(-3)));
        index.record(Source.UNTRUSTED_OUTPUT, Set.of("untrusted"), ids(0, 100));
        index.record(Source.UNTRUSTED_OUTPUT, Set.of(), List.of(FlowValue.of(ValueKind.WORD, "word:fred")));

        ValueIndex copy = ValueIndex.fromBytes(index.toBytes());

        assertThat(copy.stats()).isEqualTo(index.stats());
        for (int i = -3; i < 100; i++) {
            assertThat(copy.lookup(id(i))).as("value %d", i).isEqualTo(index.lookup(id(i)));
        }
        assertThat(copy.lookup(FlowValue.of(ValueKind.WORD, "word:fred")).sources())
                .containsExactly(Source.UNTRUSTED_OUTPUT);
        assertThat(copy.toBytes()).isEqualTo(index.toBytes());
    }

    @Test
    void refusesMalformedBytes() {
        ValueIndex index = new ValueIndex(SMALL);
        index.record(Source.UNTRUSTED_OUTPUT, Set.of("x"), ids(0, 10));
        byte[] good = index.toBytes();

        assertThatThrownBy(() -> ValueIndex.fromBytes(Arrays.copyOf(good, good.length - 3)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ValueIndex.fromBytes(Arrays.copyOf(good, good.length + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] badMagic = good.clone();
        badMagic[0] ^= 1;
        assertThatThrownBy(() -> ValueIndex.fromBytes(badMagic)).isInstanceOf(IllegalArgumentException.class);
        byte[] hugeBound = good.clone();
        hugeBound[8] = 0x7f; // maxEntries
        assertThatThrownBy(() -> ValueIndex.fromBytes(hugeBound)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ValueIndex.fromBytes(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAStoredEntryThatClaimsToBeIntent() {
        ValueIndex index = new ValueIndex(SMALL);
        index.record(Source.UNTRUSTED_OUTPUT, Set.of(), List.of(id(1)));
        byte[] bytes = index.toBytes();
        // the output entry's source byte follows its key; flip it to INTENT (bit 1)
        String key = "id:ACC100001";
        int at = indexOf(bytes, key.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + key.length();
        assertThat(bytes[at]).isEqualTo((byte) Source.UNTRUSTED_OUTPUT.bit());
        bytes[at] = (byte) (Source.INTENT.bit() | Source.UNTRUSTED_OUTPUT.bit());

        assertThatThrownBy(() -> ValueIndex.fromBytes(bytes)).isInstanceOf(IllegalArgumentException.class);
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void outputLabelsDecideTheSource() {
        assertThat(Source.ofOutput(Set.of())).isEqualTo(Source.UNTRUSTED_OUTPUT);
        assertThat(Source.ofOutput(Set.of("trusted"))).isEqualTo(Source.TRUSTED_OUTPUT);
        assertThat(Source.ofOutput(Set.of("trusted", "untrusted"))).isEqualTo(Source.UNTRUSTED_OUTPUT);
        assertThat(Source.ofOutput(Set.of("pii"))).isEqualTo(Source.UNTRUSTED_OUTPUT);
    }

    @Test
    void aWrittenUntrustedValueStaysUntrustedWhenATrustedOutputRepeatsIt() {
        ValueIndex index = new ValueIndex(SMALL);
        index.record(Source.UNTRUSTED_OUTPUT, Set.of(), List.of(id(1)));
        index.record(Source.TRUSTED_OUTPUT, Set.of(), List.of(id(3)));
        index.recordWritten(List.of(id(1), id(2), id(3))); // id(2) was seen nowhere, id(3) trusted

        index.record(Source.TRUSTED_OUTPUT, Set.of(), List.of(id(1), id(2), id(3)));

        assertThat(index.lookup(id(1)).sources()).containsExactly(Source.UNTRUSTED_OUTPUT);
        assertThat(index.lookup(id(2)).sources()).as("still seen nowhere").isEmpty();
        assertThat(index.lookup(id(3)).sources()).containsExactly(Source.TRUSTED_OUTPUT);
    }

    @Test
    void whenAWrittenMarkIsEvictedATrustedOutputCannotUpgradeWhatTheSummaryHoldsUntrusted() {
        ValueIndex index = new ValueIndex(SMALL);
        index.record(Source.UNTRUSTED_OUTPUT, Set.of(), List.of(id(-1), id(-2)));
        index.recordWritten(List.of(id(-1)));
        index.record(Source.UNTRUSTED_OUTPUT, Set.of(), ids(0, 100)); // both pushed out, id(-1) with its mark

        index.record(Source.TRUSTED_OUTPUT, Set.of(), List.of(id(-1), id(-2), id(5000)));

        assertThat(index.lookup(id(-1)).trusted()).isFalse();
        assertThat(index.lookup(id(-2)).trusted()).as("the summary cannot tell them apart: the safe side").isFalse();
        assertThat(index.lookup(id(5000)).sources()).containsExactly(Source.TRUSTED_OUTPUT);
    }

    @Test
    void writtenMarksSurviveTheByteFormAndAMerge() {
        ValueIndex index = new ValueIndex(SMALL);
        index.record(Source.UNTRUSTED_OUTPUT, Set.of(), List.of(id(1)));
        index.recordWritten(List.of(id(1)));

        ValueIndex read = ValueIndex.fromBytes(index.toBytes());
        ValueIndex merged = new ValueIndex(SMALL);
        merged.merge(read);
        read.record(Source.TRUSTED_OUTPUT, Set.of(), List.of(id(1)));
        merged.record(Source.TRUSTED_OUTPUT, Set.of(), List.of(id(1)));

        assertThat(read.lookup(id(1)).sources()).containsExactly(Source.UNTRUSTED_OUTPUT);
        assertThat(merged.lookup(id(1)).sources()).containsExactly(Source.UNTRUSTED_OUTPUT);
    }

    @Test
    void anEvictedWrittenValueSeenNowhereReadsUntrustedNeverTrusted() {
        ValueIndex index = new ValueIndex(SMALL);
        index.recordWritten(List.of(id(-1)));
        index.record(Source.UNTRUSTED_OUTPUT, Set.of(), ids(0, 100));

        index.record(Source.TRUSTED_OUTPUT, Set.of(), List.of(id(-1)));

        assertThat(index.lookup(id(-1)).trusted()).isFalse();
    }

    @Test
    void aStoredEntryWithAnUnknownSourceBitIsRefused() {
        ValueIndex index = new ValueIndex(SMALL);
        index.record(Source.TRUSTED_OUTPUT, Set.of(), List.of(id(1)));
        byte[] form = index.toBytes();
        String key = "id:ACC100001";
        int at = indexOf(form, key.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + key.length();
        form[at] = (byte) (form[at] | 1 << 5);

        byte[] hostile = form;
        assertThatThrownBy(() -> ValueIndex.fromBytes(hostile)).hasMessageContaining("bad sources");
    }
}
