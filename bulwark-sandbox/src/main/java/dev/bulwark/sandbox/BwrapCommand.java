package dev.bulwark.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The host command line of one run: a shell that opens the seccomp program on descriptor 3, then (as root) drops to
 * the sandbox uid, sets the rlimits, and starts bubblewrap, which runs {@link #BOOTSTRAP} inside the namespaces.
 */
final class BwrapCommand {
    static final String WORK = "/work";
    static final String STDOUT_DIR = "/.bulwark/1";
    static final String STDERR_DIR = "/.bulwark/2";

    /**
     * Runs inside the sandbox as {@code sh -c BOOTSTRAP sh <wall seconds> <program...>}. Reads the inputs from stdin
     * ({@code file <size> <name>} then the bytes; {@code want <name>}; {@code all}; {@code end}), runs the program with
     * stdin from /dev/null and its output in size-bounded tmpfs files, then writes on stdout {@code exit <status>}
     * and {@code data <kept> <total> <name>} then the bytes, for stdout, stderr and each file asked for. Before reading
     * back, every process of the run but the bootstrap is killed, so no file changes while it is read. The program can write to this stream too
     * (it is the same user): what comes back is untrusted either way, and a broken framing only fails its own call.
     */
    static final String BOOTSTRAP = """
            wall=$1; cap=$2; shift 2
            umask 077
            want=; all=
            while read -r kind size name; do
              case $kind in
                file) head -c "$size" > "/work/$name" || exit 97 ;;
                want) want="$want $size" ;;
                all) all=1 ;;
                end) break ;;
                *) exit 98 ;;
              esac
            done
            timeout -k 1 "$wall" "$@" </dev/null >/.bulwark/1/out 2>/.bulwark/2/err
            rc=$?
            # Whatever the program left running is killed (pid 1, bubblewrap, is immune), then forks are retried until
            # the dead are reaped, so a fork bomb cannot starve the read-back of process slots.
            kill -9 -1 2>/dev/null; kill -9 -1 2>/dev/null
            i=0; until (:) 2>/dev/null; do i=$((i+1)); [ "$i" -ge 100000 ] && break; done
            emit() {
              if [ -f "$2" ] && [ ! -L "$2" ]; then
                t=$(wc -c < "$2"); n=$t; [ "$n" -gt "$3" ] && n=$3
                printf 'data %s %s %s\\n' "$n" "$t" "$1"
                head -c "$n" "$2"
              else
                printf 'missing %s\\n' "$1"
              fi
            }
            printf 'exit %s\\n' "$rc"
            emit stdout /.bulwark/1/out "$cap"
            emit stderr /.bulwark/2/err "$cap"
            if [ -n "$all" ]; then
              for f in /work/* /work/.[!.]*; do [ -f "$f" ] && emit "file:${f#/work/}" "$f" 999999999999; done
            fi
            for f in $want; do emit "want:$f" "/work/$f" "$cap"; done
            printf 'end\\n'
            """;

    private BwrapCommand() {}

    static List<String> of(SandboxOptions options, Path filter, boolean root, List<String> program) {
        SandboxOptions.Limits l = options.limits();
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", "exec 3<\"$0\" && exec \"$@\"",
                filter.toString()));
        if (root) {
            String id = Integer.toString(options.sandboxUid());
            argv.addAll(List.of("/usr/bin/setpriv", "--reuid=" + id, "--regid=" + id, "--clear-groups",
                    "--inh-caps=-all", "--"));
        }
        argv.addAll(List.of("/usr/bin/prlimit",
                "--cpu=" + l.cpuSeconds() + ":" + (l.cpuSeconds() + 1),
                "--as=" + l.memoryBytes(),
                "--nproc=" + l.processes(),
                "--fsize=" + l.fileBytes(),
                "--nofile=" + l.openFiles(),
                "--core=0",
                "--"));
        argv.add(options.bwrap().toString());
        argv.addAll(List.of("--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent",
                "--new-session", "--cap-drop", "ALL", "--uid", "65534", "--gid", "65534", "--hostname", "sandbox",
                "--clearenv", "--setenv", "PATH", "/usr/local/bin:/usr/bin:/bin", "--setenv", "HOME", WORK,
                "--setenv", "LANG", "C.UTF-8", "--setenv", "TMPDIR", "/tmp"));
        argv.addAll(List.of("--ro-bind", "/usr", "/usr"));
        for (String dir : List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")) {
            Path p = Path.of(dir);
            if (Files.isSymbolicLink(p)) {
                try {
                    argv.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), dir));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            } else if (Files.isDirectory(p)) {
                argv.addAll(List.of("--ro-bind", dir, dir));
            }
        }
        // Only what the dynamic loader and interpreters read: never passwd, shadow, keys or the host's config.
        for (String file : List.of("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives",
                "/etc/localtime")) {
            argv.addAll(List.of("--ro-bind-try", file, file));
        }
        String work = Long.toString(l.workBytes());
        String out = Long.toString(l.outputBytes() + 4096L);
        argv.addAll(List.of("--proc", "/proc", "--dev", "/dev",
                "--size", work, "--perms", "0700", "--tmpfs", WORK,
                "--size", work, "--perms", "0700", "--tmpfs", "/tmp",
                "--size", out, "--perms", "0700", "--tmpfs", STDOUT_DIR,
                "--size", out, "--perms", "0700", "--tmpfs", STDERR_DIR,
                "--remount-ro", "/", "--remount-ro", "/dev",
                "--chdir", WORK,
                "--seccomp", "3",
                "--", "/bin/sh", "-c", BOOTSTRAP, "sh", seconds(l.wallTime()), Integer.toString(l.outputBytes())));
        argv.addAll(program);
        return argv;
    }

    private static String seconds(java.time.Duration d) {
        return String.format(java.util.Locale.ROOT, "%.3f", d.toMillis() / 1000.0);
    }
}
