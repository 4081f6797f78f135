package dev.bulwark.sandbox;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seccomp program handed to bubblewrap ({@code --seccomp FD}): classic BPF over {@code struct seccomp_data},
 * written here so that no library is needed at start-up. Only x86-64 is built; on any other architecture
 * {@link #forThisMachine()} refuses, and the sandbox is then disabled (fail closed).
 *
 * <p>The rules: a call from another ABI (i386 via {@code int 0x80}, x32) kills the process, since syscall numbers
 * differ there; the listed system calls fail with {@code EPERM}; {@code clone} fails with {@code EPERM} when its flags
 * ask for a new namespace; {@code clone3} fails with {@code ENOSYS} (its flags live in memory a filter cannot read),
 * which makes the C library fall back to {@code clone}. Everything else is allowed.
 */
public final class SeccompFilter {
    static final int AUDIT_ARCH_X86_64 = 0xC000003E;
    static final int X32_SYSCALL_BIT = 0x40000000;
    static final int CLONE_X86_64 = 56;
    static final int CLONE3_X86_64 = 435;
    /** CLONE_NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET and NEWTIME. */
    static final int NAMESPACE_FLAGS = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000
            | 0x40000000 | 0x00000080;
    static final int EPERM = 1;
    static final int ENOSYS = 38;

    /** Denied system calls of x86-64, by name (the name is for documentation and tests). */
    static final Map<String, Integer> DENIED_X86_64 = denied();

    private static final int RET_ALLOW = 0x7fff0000;
    private static final int RET_ERRNO = 0x00050000;
    private static final int RET_KILL_PROCESS = 0x80000000;

    private SeccompFilter() {}

    /** The filter for the machine the gateway runs on. */
    public static byte[] forThisMachine() {
        String arch = System.getProperty("os.arch");
        if (!"amd64".equals(arch) && !"x86_64".equals(arch)) {
            throw new IllegalStateException("the seccomp filter is built for x86-64 only, not " + arch);
        }
        return x86_64();
    }

    static byte[] x86_64() {
        Program p = new Program();
        p.load(4);                                          // seccomp_data.arch
        p.jumpUnless(AUDIT_ARCH_X86_64, "kill");
        p.load(0);                                          // seccomp_data.nr
        p.jumpIfAtLeast(X32_SYSCALL_BIT, "kill");
        for (int nr : DENIED_X86_64.values()) {
            p.jumpIf(nr, "deny");
        }
        p.jumpIf(CLONE3_X86_64, "nosys");
        p.jumpIf(CLONE_X86_64, "clone");
        p.ret(RET_ALLOW);
        p.label("clone");
        p.load(16);                                         // low half of args[0]: the clone flags
        p.jumpIfAnyBit(NAMESPACE_FLAGS, "deny");
        p.ret(RET_ALLOW);
        p.label("deny");
        p.ret(RET_ERRNO | EPERM);
        p.label("nosys");
        p.ret(RET_ERRNO | ENOSYS);
        p.label("kill");
        p.ret(RET_KILL_PROCESS);
        return p.assemble();
    }

    private static Map<String, Integer> denied() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("ptrace", 101);
        m.put("syslog", 103);
        m.put("uselib", 134);
        m.put("vhangup", 153);
        m.put("pivot_root", 155);
        m.put("adjtimex", 159);
        m.put("chroot", 161);
        m.put("acct", 163);
        m.put("settimeofday", 164);
        m.put("mount", 165);
        m.put("umount2", 166);
        m.put("swapon", 167);
        m.put("swapoff", 168);
        m.put("reboot", 169);
        m.put("iopl", 172);
        m.put("ioperm", 173);
        m.put("init_module", 175);
        m.put("delete_module", 176);
        m.put("quotactl", 179);
        m.put("clock_settime", 227);
        m.put("kexec_load", 246);
        m.put("add_key", 248);
        m.put("request_key", 249);
        m.put("keyctl", 250);
        m.put("unshare", 272);
        m.put("move_pages", 279);
        m.put("perf_event_open", 298);
        m.put("name_to_handle_at", 303);
        m.put("open_by_handle_at", 304);
        m.put("clock_adjtime", 305);
        m.put("setns", 308);
        m.put("process_vm_readv", 310);
        m.put("process_vm_writev", 311);
        m.put("kcmp", 312);
        m.put("finit_module", 313);
        m.put("kexec_file_load", 320);
        m.put("bpf", 321);
        m.put("userfaultfd", 323);
        m.put("io_uring_setup", 425);
        m.put("io_uring_enter", 426);
        m.put("io_uring_register", 427);
        m.put("open_tree", 428);
        m.put("move_mount", 429);
        m.put("fsopen", 430);
        m.put("fsconfig", 431);
        m.put("fsmount", 432);
        m.put("fspick", 433);
        m.put("pidfd_getfd", 438);
        m.put("mount_setattr", 442);
        return java.util.Collections.unmodifiableMap(m);
    }

    /** A tiny assembler: instructions with symbolic forward jumps, resolved to BPF's 8-bit relative offsets. */
    private static final class Program {
        private record Insn(int code, String jt, String jf, int k) {}

        private final List<Insn> code = new ArrayList<>();
        private final Map<String, Integer> labels = new LinkedHashMap<>();

        void load(int offset) {
            code.add(new Insn(0x20, null, null, offset));    // BPF_LD | BPF_W | BPF_ABS
        }

        void jumpIf(int value, String target) {
            code.add(new Insn(0x15, target, null, value));   // BPF_JMP | BPF_JEQ | BPF_K
        }

        void jumpUnless(int value, String target) {
            code.add(new Insn(0x15, null, target, value));
        }

        void jumpIfAtLeast(int value, String target) {
            code.add(new Insn(0x35, target, null, value));   // BPF_JMP | BPF_JGE | BPF_K
        }

        void jumpIfAnyBit(int bits, String target) {
            code.add(new Insn(0x45, target, null, bits));    // BPF_JMP | BPF_JSET | BPF_K
        }

        void ret(int value) {
            code.add(new Insn(0x06, null, null, value));     // BPF_RET | BPF_K
        }

        void label(String name) {
            labels.put(name, code.size());
        }

        byte[] assemble() {
            ByteBuffer out = ByteBuffer.allocate(code.size() * 8).order(ByteOrder.nativeOrder());
            for (int i = 0; i < code.size(); i++) {
                Insn insn = code.get(i);
                out.putShort((short) insn.code());
                out.put(offset(i, insn.jt()));
                out.put(offset(i, insn.jf()));
                out.putInt(insn.k());
            }
            return out.array();
        }

        private byte offset(int at, String label) {
            if (label == null) {
                return 0;
            }
            int target = labels.get(label);
            int jump = target - at - 1;
            if (jump < 0 || jump > 255) {
                throw new IllegalStateException("jump out of range: " + label);
            }
            return (byte) jump;
        }
    }
}
