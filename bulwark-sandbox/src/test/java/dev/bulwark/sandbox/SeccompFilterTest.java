package dev.bulwark.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class SeccompFilterTest {
    /** A small interpreter of the classic BPF subset the filter uses, to check its verdicts without a kernel. */
    static int verdict(byte[] program, int arch, int nr, long arg0) {
        ByteBuffer p = ByteBuffer.wrap(program).order(ByteOrder.nativeOrder());
        ByteBuffer data = ByteBuffer.allocate(64).order(ByteOrder.nativeOrder());
        data.putInt(0, nr).putInt(4, arch).putLong(16, arg0);
        int acc = 0;
        int pc = 0;
        for (int steps = 0; steps < 10_000; steps++) {
            int code = p.getShort(pc * 8) & 0xffff;
            int jt = p.get(pc * 8 + 2) & 0xff;
            int jf = p.get(pc * 8 + 3) & 0xff;
            int k = p.getInt(pc * 8 + 4);
            switch (code) {
                case 0x20 -> { acc = data.getInt(k); pc++; }
                case 0x15 -> pc += 1 + (acc == k ? jt : jf);
                case 0x35 -> pc += 1 + (Integer.compareUnsigned(acc, k) >= 0 ? jt : jf);
                case 0x45 -> pc += 1 + ((acc & k) != 0 ? jt : jf);
                case 0x06 -> { return k; }
                default -> throw new AssertionError("unexpected opcode " + code);
            }
        }
        throw new AssertionError("no verdict");
    }

    static final int ALLOW = 0x7fff0000;
    static final int EPERM = 0x00050001;
    static final int ENOSYS = 0x00050026;
    static final int KILL = 0x80000000;
    static final byte[] FILTER = SeccompFilter.x86_64();

    @Test
    void deniesEachListedCallWithEperm() {
        SeccompFilter.DENIED_X86_64.forEach((name, nr) ->
                assertThat(verdict(FILTER, SeccompFilter.AUDIT_ARCH_X86_64, nr, 0)).as(name).isEqualTo(EPERM));
    }

    @Test
    void allowsOrdinaryCalls() {
        for (int nr : new int[] {0, 1, 2, 3, 9, 57, 59, 60, 231, 257}) {   // read write open close mmap fork execve ...
            assertThat(verdict(FILTER, SeccompFilter.AUDIT_ARCH_X86_64, nr, 0)).as("nr " + nr).isEqualTo(ALLOW);
        }
    }

    @Test
    void cloneIsAllowedForThreadsAndProcessesButNotForNamespaces() {
        int threads = 0x003d0f00;   // what glibc passes for pthread_create
        assertThat(verdict(FILTER, SeccompFilter.AUDIT_ARCH_X86_64, 56, threads)).isEqualTo(ALLOW);
        assertThat(verdict(FILTER, SeccompFilter.AUDIT_ARCH_X86_64, 56, 17)).isEqualTo(ALLOW);   // SIGCHLD: fork
        for (int flag : new int[] {0x00020000, 0x02000000, 0x04000000, 0x08000000, 0x10000000, 0x20000000,
                0x40000000, 0x00000080}) {
            assertThat(verdict(FILTER, SeccompFilter.AUDIT_ARCH_X86_64, 56, 17 | flag)).isEqualTo(EPERM);
        }
        assertThat(verdict(FILTER, SeccompFilter.AUDIT_ARCH_X86_64, 435, 0)).isEqualTo(ENOSYS);
    }

    @Test
    void killsCallsFromAnotherAbi() {
        assertThat(verdict(FILTER, 0x40000003, 26, 0)).as("i386 ptrace via int 0x80").isEqualTo(KILL);
        assertThat(verdict(FILTER, SeccompFilter.AUDIT_ARCH_X86_64, 0x40000000 | 101, 0)).as("x32").isEqualTo(KILL);
    }

    @Test
    void isWholeInstructions() {
        assertThat(FILTER.length % 8).isZero();
        assertThat(FILTER.length / 8).isBetween(10, 4096);
    }
}
