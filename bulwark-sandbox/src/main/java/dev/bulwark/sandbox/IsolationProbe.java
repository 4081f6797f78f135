package dev.bulwark.sandbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks, at start-up, that the sandbox really isolates on this host: the tools exist, a run starts (user namespaces
 * allowed), and inside it no-new-privileges and the seccomp filter are in force, the only network interface is
 * loopback, a TCP listener of the host on 127.0.0.1 cannot be reached, new namespaces are refused, the system
 * directories are read-only and the host's {@code /etc/shadow} is absent. Any failed check disables the tool.
 */
public final class IsolationProbe {
    private IsolationProbe() {}

    public static Isolation check(Bubblewrap sandbox) {
        SandboxOptions o = sandbox.options();
        for (Path tool : tools(o, sandbox.dropsRoot())) {
            if (!Files.isExecutable(tool)) {
                return Isolation.disabled(tool + " is missing (install bubblewrap and util-linux)");
            }
        }
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(1);
            String script = SCRIPT.replace("PORT", Integer.toString(listener.getLocalPort()));
            Execution run = sandbox.run(List.of("/bin/sh", "probe.sh"),
                    Map.of("probe.sh", script.getBytes(StandardCharsets.UTF_8)), List.of(), false);
            if (accepted(listener)) {
                return Isolation.disabled("the probe reached a loopback listener of the host: no network isolation");
            }
            String problem = problem(facts(run.stdout().text()));
            if (run.exitCode() != 0 || problem != null) {
                return Isolation.disabled(problem != null ? problem
                        : "the probe failed (exit " + run.exitCode() + "): " + firstLine(run.stderr().text()));
            }
            return new Isolation(true, "code execution sandboxed by bubblewrap (namespaces: user, pid, net, ipc, "
                    + "uts, mount; seccomp filter; no new privileges"
                    + (sandbox.dropsRoot() ? "; runs as uid " + o.sandboxUid() : "") + "); limits by rlimits"
                    + " and the gateway's wall-time kill (cgroups not used): " + o.limits().describe());
        } catch (SandboxException e) {
            return Isolation.disabled("the probe could not run: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            return Isolation.disabled("the probe failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Isolation.disabled("the probe was interrupted");
        }
    }

    /** The reason the facts reported from inside show a hole, or {@code null} when they show none. */
    static String problem(Map<String, String> facts) {
        if (!"1".equals(facts.get("NoNewPrivs"))) {
            return "no-new-privileges is not set inside the sandbox";
        }
        if (!"2".equals(facts.get("Seccomp"))) {
            return "the seccomp filter is not loaded inside the sandbox";
        }
        String ifaces = facts.getOrDefault("ifaces", "?");
        if (!ifaces.isEmpty() && !ifaces.equals("lo,")) {
            return "network interfaces other than loopback inside the sandbox: " + ifaces;
        }
        if (!"denied".equals(facts.get("unshare"))) {
            return "a new namespace could be created inside the sandbox";
        }
        if (!"readonly".equals(facts.get("rootfs"))) {
            return "the system directories are writable inside the sandbox";
        }
        if (!"absent".equals(facts.get("shadow"))) {
            return "the host's /etc/shadow is visible inside the sandbox";
        }
        if ("connected".equals(facts.get("tcp"))) {
            return "a TCP connection to the host's loopback succeeded from inside the sandbox";
        }
        if (!"0".equals(facts.get("done"))) {
            return "the probe did not finish inside the sandbox";
        }
        return null;
    }

    static Map<String, String> facts(String stdout) {
        Map<String, String> facts = new HashMap<>();
        for (String line : stdout.split("\n")) {
            int sep = line.indexOf(line.contains("=") ? '=' : ':');
            if (sep > 0) {
                facts.putIfAbsent(line.substring(0, sep).strip(), line.substring(sep + 1).strip());
            }
        }
        return facts;
    }

    private static List<Path> tools(SandboxOptions o, boolean root) {
        List<Path> tools = new java.util.ArrayList<>(List.of(o.bwrap(), Path.of("/usr/bin/prlimit"),
                Path.of("/bin/sh"), Path.of("/usr/bin/timeout"), Path.of("/usr/bin/head")));
        if (root) {
            tools.add(Path.of("/usr/bin/setpriv"));
        }
        return tools;
    }

    private static boolean accepted(ServerSocket listener) throws IOException {
        try {
            listener.accept().close();
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    private static String firstLine(String s) {
        String line = s.strip().split("\n", 2)[0];
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    private static final String SCRIPT = """
            grep -E '^(NoNewPrivs|Seccomp):' /proc/self/status
            printf 'ifaces=%s\\n' "$(tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' | tr '\\n' ',')"
            if unshare -U -n true 2>/dev/null; then echo unshare=allowed; else echo unshare=denied; fi
            if touch /usr/.bulwark-probe 2>/dev/null || touch /.bulwark-probe 2>/dev/null; then echo rootfs=writable; \
            else echo rootfs=readonly; fi
            if [ -e /etc/shadow ]; then echo shadow=visible; else echo shadow=absent; fi
            if [ -x /bin/bash ]; then
              if /bin/bash -c 'exec 3<>/dev/tcp/127.0.0.1/PORT' 2>/dev/null; then echo tcp=connected; \
              else echo tcp=refused; fi
            fi
            echo done=0
            """;
}
