package dev.bulwark.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.tool.ToolResult;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Escape attempts, each run inside the sandbox and each asserted contained: from the outside where the host can
 * check (no connection arrived, the marker process is gone), from the inside otherwise (the attempt's own report).
 * Every snippet prints {@code BLOCKED <what>} or {@code ESCAPED <what>}; a test fails on any {@code ESCAPED} and on
 * a missing {@code BLOCKED}, so a snippet that silently did nothing fails too.
 */
class EscapeSuiteTest {
    @TempDir
    static Path host;
    static SandboxConnector sandbox;

    @BeforeAll
    static void open() {
        sandbox = Sandboxes.open(host.resolve("scratch"), Sandboxes.fast(), false);
    }

    @AfterAll
    static void close() {
        sandbox.close();
    }

    private static String python(String code) throws Exception {
        return Sandboxes.run(sandbox, "python", code).joinedText();
    }

    private static void assertBlocked(String output, String... attempts) {
        assertThat(output).doesNotContain("ESCAPED");
        for (String attempt : attempts) {
            assertThat(output).as(output).contains("BLOCKED " + attempt);
        }
    }

    private static final String TRY = """
            import os, socket, subprocess, ctypes, sys, time
            def attempt(name, action):
                try:
                    result = action()
                    print('ESCAPED', name, repr(result)[:200])
                except BaseException as e:
                    print('BLOCKED', name, type(e).__name__, str(e)[:120])
            """;

    @Test
    void tcpToALoopbackServerOfTheHostIsUnreachable() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(200);
            String out = python(TRY + """
                    attempt('tcp-loopback', lambda: socket.create_connection(('127.0.0.1', %d), timeout=1))
                    attempt('tcp-any', lambda: socket.create_connection(('0.0.0.0', %d), timeout=1))
                    attempt('tcp-public', lambda: socket.create_connection(('1.1.1.1', 443), timeout=1))
                    attempt('tcp-metadata', lambda: socket.create_connection(('169.254.169.254', 80), timeout=1))
                    """.formatted(server.getLocalPort(), server.getLocalPort()));
            assertBlocked(out, "tcp-loopback", "tcp-any", "tcp-public", "tcp-metadata");
            assertThat(nothingAccepted(server)).isTrue();
        }
    }

    @Test
    void udpAndDnsReachNothing() throws Exception {
        try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(300);
            String out = python(TRY + """
                    def udp(host, port):
                        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                        s.sendto(b'escape', (host, port))
                        s.settimeout(0.3)
                        return s.recv(10)
                    attempt('udp-loopback', lambda: udp('127.0.0.1', %d))
                    attempt('udp-dns-server', lambda: udp('8.8.8.8', 53))
                    attempt('dns-lookup', lambda: socket.getaddrinfo('example.com', 443))
                    attempt('resolv-conf', lambda: open('/etc/resolv.conf').read())
                    print('interfaces', sorted(n for _, n in socket.if_nameindex()))
                    """.formatted(server.getLocalPort()));
            assertBlocked(out, "udp-loopback", "udp-dns-server", "dns-lookup", "resolv-conf");
            assertThat(out).contains("interfaces ['lo']");
            try {
                server.receive(new DatagramPacket(new byte[16], 16));
                throw new AssertionError("a datagram from the sandbox reached the host");
            } catch (SocketTimeoutException expected) {
                // nothing arrived
            }
        }
    }

    @Test
    void unixSocketsOfHostServicesAreNeitherVisibleNorReachable() throws Exception {
        Path path = host.resolve("service.sock");
        try (ServerSocketChannel service = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            service.bind(UnixDomainSocketAddress.of(path));
            service.configureBlocking(false);
            Process abstractService = new ProcessBuilder("/usr/bin/python3", "-c", """
                    import socket, sys
                    s = socket.socket(socket.AF_UNIX); s.bind('\\0bulwark-escape-test'); s.listen(1)
                    s.settimeout(4)
                    try:
                        s.accept(); print('ACCEPTED')
                    except socket.timeout:
                        print('NONE')
                    """).start();
            try {
                Thread.sleep(300);
                String out = python(TRY + """
                        def unix(addr):
                            s = socket.socket(socket.AF_UNIX)
                            s.settimeout(1)
                            s.connect(addr)
                            return 'connected'
                        attempt('unix-file', lambda: unix('%s'))
                        attempt('unix-abstract', lambda: unix('\\0bulwark-escape-test'))
                        for sock in ['/run/dbus/system_bus_socket', '/var/run/docker.sock', '/run/systemd/private',
                                     '/tmp/.X11-unix/X0']:
                            attempt('unix ' + sock, lambda: unix(sock))
                        """.formatted(path));
                assertBlocked(out, "unix-file", "unix-abstract", "unix /run/dbus/system_bus_socket",
                        "unix /var/run/docker.sock");
                assertThat(service.accept()).isNull();
                assertThat(new String(abstractService.getInputStream().readAllBytes()).strip()).isEqualTo("NONE");
            } finally {
                abstractService.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void hostFilesStayUnreadable() throws Exception {
        Path data = host.resolve("data");
        Files.createDirectories(data.resolve("keys"));
        String secret = "secret-" + UUID.randomUUID();
        Files.writeString(data.resolve("keys/signing.key"), secret);
        Files.writeString(data.resolve("bulwark.db"), secret);
        long gateway = ProcessHandle.current().pid();
        String out = python(TRY + """
                attempt('shadow', lambda: open('/etc/shadow').read())
                attempt('passwd', lambda: open('/etc/passwd').read())
                attempt('key', lambda: open('%s/keys/signing.key').read())
                attempt('db', lambda: open('%s/bulwark.db').read())
                attempt('root-home', lambda: os.listdir('/root'))
                attempt('home', lambda: os.listdir('/home'))
                attempt('gateway-environ', lambda: open('/proc/%d/environ').read())
                attempt('gateway-cmdline', lambda: open('/proc/%d/cmdline').read())
                attempt('host-init-root', lambda: os.listdir('/proc/1/root/root'))
                attempt('ssh-keys', lambda: os.listdir('/etc/ssh'))
                print('pids', sorted(int(p) for p in os.listdir('/proc') if p.isdigit()))
                """.formatted(data, data, gateway, gateway));
        assertBlocked(out, "shadow", "passwd", "key", "db", "root-home", "home", "gateway-environ",
                "gateway-cmdline", "host-init-root", "ssh-keys");
        assertThat(out).doesNotContain(secret);
        String pids = out.lines().filter(l -> l.startsWith("pids")).findFirst().orElseThrow();
        assertThat(pids).as("only the sandbox's own few processes are visible").matches("pids \\[[0-9, ]{1,40}\\]");
    }

    @Test
    void theGatewaysEnvironmentIsNotPassedIn() throws Exception {
        String out = Sandboxes.run(sandbox, "sh", "env").joinedText();
        String stdout = out.substring(out.indexOf("stdout:\n") + 8, out.indexOf("\nstderr:"));
        Set<String> names = stdout.lines().map(l -> l.substring(0, Math.max(0, l.indexOf('='))))
                .collect(Collectors.toSet());
        assertThat(names).isSubsetOf("PATH", "HOME", "LANG", "TMPDIR", "PWD", "SHLVL", "_", "OLDPWD");
        for (Map.Entry<String, String> e : System.getenv().entrySet()) {
            if (e.getValue().length() > 8 && !e.getKey().equals("PATH") && !e.getKey().equals("LANG")) {
                assertThat(stdout).doesNotContain(e.getKey() + "=" + e.getValue());
            }
        }
    }

    @Test
    void processOneRevealsNoHostPathsOrEnvironment() throws Exception {
        // process 1 of the run's PID namespace is bubblewrap's own init, started on the host: its environment, command
        // line, descriptors and directories are readable inside (same user), so none may name anything of the host
        String hostCwd = Path.of("").toAbsolutePath().toString();
        String out = python(TRY + """
                for pid in sorted(p for p in os.listdir('/proc') if p.isdigit()):
                    for what in ('environ', 'cmdline'):
                        print(pid, what, repr(open('/proc/%s/%s' % (pid, what)).read()))
                    try:
                        print(pid, 'cwd', os.readlink('/proc/%s/cwd' % pid))
                        print(pid, 'fds', sorted(os.readlink('/proc/%s/fd/%s' % (pid, f)) for f in os.listdir('/proc/%s/fd' % pid)))
                    except OSError as e:
                        print(pid, 'unreadable', e.errno)
                attempt('init-root-host', lambda: os.listdir('/proc/1/root/home'))
                """);
        assertThat(out).contains("1 environ").doesNotContain(hostCwd).doesNotContain(host.toString());
        assertBlocked(out, "init-root-host");
    }

    @Test
    void anotherSessionsWorkDirectoryIsInvisible() throws Exception {
        String secret = "other-session-" + UUID.randomUUID();
        CompletableFuture<ToolResult> alice = CompletableFuture.supplyAsync(() -> {
            try {
                return Sandboxes.run(sandbox, "alice", Map.of("language", "sh",
                        "code", "echo " + secret + " > mine.txt; cp mine.txt /tmp/mine.txt; sleep 1.5; cat mine.txt"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500);
        ToolResult bob = Sandboxes.run(sandbox, "bob", Map.of("language", "sh",
                "code", "ls -A /work /tmp; cat /proc/*/root/work/mine.txt /proc/*/cwd/mine.txt 2>&1;"
                        + " grep -rs other-session /work /tmp /proc/[0-9]*/root/tmp 2>/dev/null; echo done"));
        assertThat(alice.join().joinedText()).contains(secret);
        assertThat(bob.joinedText()).contains("done").doesNotContain(secret).doesNotContain("mine.txt\n");
    }

    @Test
    void writesOutsideTheWorkDirectoryFail() throws Exception {
        String out = python(TRY + """
                for path in ['/usr/evil', '/etc/evil', '/evil', '/bin/evil', '/proc/sys/kernel/hostname',
                             '/dev/evil', '/lib/evil']:
                    attempt('write ' + path, lambda: open(path, 'w').write('x'))
                attempt('mkdir-root', lambda: os.mkdir('/newdir'))
                attempt('chmod-usr', lambda: os.chmod('/usr/bin/python3', 0o777))
                open('/work/ok.txt', 'w').write('fine'); open('/tmp/ok.txt', 'w').write('fine')
                print('work and tmp writable')
                """);
        assertBlocked(out, "write /usr/evil", "write /etc/evil", "write /evil", "write /bin/evil",
                "write /proc/sys/kernel/hostname", "write /dev/evil", "mkdir-root", "chmod-usr");
        assertThat(out).contains("work and tmp writable");
    }

    @Test
    void forkBombEndsWithinTheWallTimeAndLeavesNothing() throws Exception {
        String marker = "1000." + (System.nanoTime() % 1_000_000);
        long start = System.nanoTime();
        // every bomb process also starts a sleep with a marker the host can look for afterwards
        ToolResult result = Sandboxes.run(sandbox, "sh",
                "b() { sleep " + marker + " & b | b & }; b; while :; do :; done");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(9_000);
        assertThat(result.error()).isTrue();
        assertNoProcessMatches(marker);
        assertNoSandboxProcessLeft();
    }

    @Test
    void memoryBombFailsInsideTheSandbox() throws Exception {
        String out = python(TRY + """
                attempt('one-block', lambda: bytearray(2 * 1024 ** 3))
                hog = []
                def grow():
                    while True:
                        hog.append(bytearray(16 * 1024 ** 2))
                attempt('grow', grow)
                hog.clear()
                """);
        assertBlocked(out, "one-block MemoryError", "grow MemoryError");
    }

    @Test
    void diskFillStopsAtTheWorkDirectorysSize() throws Exception {
        String out = python(TRY + """
                def fill(directory):
                    for i in range(10000):
                        with open(f'{directory}/fill{i}', 'wb') as f:
                            f.write(b'x' * (1024 * 1024))
                attempt('fill-work', lambda: fill('/work'))
                attempt('fill-tmp', lambda: fill('/tmp'))
                attempt('one-huge-file', lambda: open('/work/huge', 'wb').write(b'x' * (64 * 1024 * 1024)))
                """);
        assertBlocked(out, "fill-work OSError", "fill-tmp OSError", "one-huge-file");
    }

    @Test
    void infiniteLoopIsKilled() throws Exception {
        long start = System.nanoTime();
        ToolResult result = Sandboxes.run(sandbox, "python", "while True:\n    pass\n");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(result.error()).isTrue();
        assertThat(result.joinedText()).containsAnyOf("ended by signal", "wall-time limit", "timed out");
        assertThat(millis).isLessThan(3_000 + Bubblewrap.GRACE_MILLIS + 1_000);
    }

    @Test
    void hugeOutputIsCutAndTheRunEnds() throws Exception {
        ToolResult result = Sandboxes.run(sandbox, "python", """
                import sys
                for i in range(1000):
                    for stream, c in ((sys.stdout, 'y'), (sys.stderr, 'z')):
                        try:
                            stream.write(c * 65536)
                            stream.flush()
                        except OSError:
                            pass
                """);
        assertThat(result.joinedText().length()).isLessThan(3 * (16 << 10));
        assertThat(result.joinedText()).contains("stdout (first 16384 of", "stderr (first 16384 of");
    }

    @Test
    void signalsCannotReachTheGatewayOrTheHost() throws Exception {
        long gateway = ProcessHandle.current().pid();
        Process neighbour = new ProcessBuilder("sleep", "30").start();
        try {
            String out = python(TRY + """
                    attempt('kill-gateway', lambda: os.kill(%d, 9))
                    attempt('kill-neighbour', lambda: os.kill(%d, 9))
                    time.sleep(0.2)
                    """.formatted(gateway, neighbour.pid()));
            assertThat(out).contains("BLOCKED kill-gateway ProcessLookupError", "BLOCKED kill-neighbour");
            // kill(-1) reaches only the sandbox's own processes (its supervisor included: the call then fails)
            assertThatThrownBy(() -> python("import os\nos.kill(-1, 9)\n"))
                    .isInstanceOf(dev.bulwark.spi.tool.ConnectorException.class);
            assertThat(neighbour.isAlive()).isTrue();
        } finally {
            neighbour.destroyForcibly().waitFor();
        }
        assertThat(ProcessHandle.current().isAlive()).isTrue();
        assertThat(Sandboxes.run(sandbox, "sh", "echo still-serving").joinedText()).contains("still-serving");
    }

    @Test
    void deniedSystemCallsFailWithEperm() throws Exception {
        StringBuilder calls = new StringBuilder();
        SeccompFilter.DENIED_X86_64.forEach((name, nr) ->
                calls.append("    ('").append(name).append("', ").append(nr).append("),\n"));
        String out = python(TRY + """
                libc = ctypes.CDLL(None, use_errno=True)
                def syscall(nr, *args):
                    if libc.syscall(nr, *args) == -1:
                        raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))
                    return 'succeeded'
                for name, nr in [
                %s]:
                    attempt('syscall ' + name, lambda: syscall(nr, 0, 0, 0, 0, 0))
                attempt('ptrace-attach-parent', lambda: syscall(101, 16, os.getppid(), 0, 0))
                attempt('clone-newuser', lambda: syscall(56, 0x10000000 | 17, 0, 0, 0, 0))
                attempt('clone-newnet', lambda: syscall(56, 0x40000000 | 17, 0, 0, 0, 0))
                attempt('unshare-user', lambda: subprocess.run(['unshare', '-U', '-r', 'id'], check=True,
                                                              capture_output=True))
                """.formatted(calls));
        assertThat(out).doesNotContain("ESCAPED");
        for (String name : SeccompFilter.DENIED_X86_64.keySet()) {
            assertThat(out).contains("BLOCKED syscall " + name + " PermissionError");
        }
        assertBlocked(out, "ptrace-attach-parent PermissionError", "clone-newuser PermissionError",
                "clone-newnet PermissionError", "unshare-user CalledProcessError");
    }

    @Test
    void processesLeftBehindAreKilledWithTheRun() throws Exception {
        String marker = "1000." + (System.nanoTime() % 1_000_000);
        ToolResult result = Sandboxes.run(sandbox, "python", """
                import subprocess, os, time
                subprocess.Popen(['sleep', '%s'], start_new_session=True)
                if os.fork() == 0:
                    os.setsid()
                    subprocess.Popen(['sleep', '%s'])
                    time.sleep(1000)
                while True:
                    time.sleep(1)
                """.formatted(marker, marker));
        assertThat(result.joinedText()).containsAnyOf("wall-time limit", "timed out");
        assertNoProcessMatches(marker);
        assertNoSandboxProcessLeft();
    }

    @Test
    void setuidBinariesGrantNothing() throws Exception {
        String out = Sandboxes.run(sandbox, "sh", """
                id -u
                for b in /usr/bin/su /usr/bin/passwd /bin/mount /usr/bin/newgrp /usr/bin/chsh; do
                  if [ -x "$b" ]; then
                    if r=$("$b" --version </dev/null 2>&1 && "$b" root -c id </dev/null 2>&1) \
                       && echo "$r" | grep -q 'uid=0'; then
                      echo "ESCAPED $b"
                    else
                      echo "BLOCKED $b"
                    fi
                  fi
                done
                grep NoNewPrivs /proc/self/status
                awk '$2 == "/usr" {print "usr-mount", $4}' /proc/self/mounts
                """).joinedText();
        assertThat(out).doesNotContain("ESCAPED").contains("BLOCKED /usr/bin/su", "NoNewPrivs:\t1");
        assertThat(out).containsPattern("usr-mount [^\\n]*nosuid");
        assertThat(out).contains("stdout:\n65534");
        String py = python(TRY + "attempt('setuid-0', lambda: os.setuid(0))\n");
        assertBlocked(py, "setuid-0");
    }

    private static boolean nothingAccepted(ServerSocket server) throws IOException {
        try {
            server.accept().close();
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        }
    }

    private static void assertNoProcessMatches(String marker) {
        List<String> left = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                .toList();
        assertThat(left).as("processes left after the run").isEmpty();
    }

    private static void assertNoSandboxProcessLeft() {
        List<Long> left = ProcessHandle.current().descendants().map(ProcessHandle::pid).toList();
        assertThat(left).as("children of the gateway left after the run").isEmpty();
    }
}
