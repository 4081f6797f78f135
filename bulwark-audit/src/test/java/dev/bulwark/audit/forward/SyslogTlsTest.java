package dev.bulwark.audit.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.testkit.SyslogReceiver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Syslog over TLS (RFC 5425) to a receiver on loopback whose certificate is made by the JDK's keytool: delivered when
 * the receiver's certificate is trusted, refused when it is not or when it names another host.
 */
class SyslogTlsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();
    @TempDir
    static Path dir;

    @BeforeAll
    static void makeCertificates() throws Exception {
        keytool("-genkeypair", "-alias", "syslog", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-keystore", dir.resolve("server.p12").toString(),
                "-storetype", "PKCS12", "-storepass", "changeit");
        keytool("-genkeypair", "-alias", "other", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=other",
                "-ext", "SAN=dns:other.example", "-validity", "2", "-keystore", dir.resolve("other.p12").toString(),
                "-storetype", "PKCS12", "-storepass", "changeit");
        for (String name : List.of("server", "other")) {
            keytool("-exportcert", "-alias", name.equals("server") ? "syslog" : "other", "-keystore",
                    dir.resolve(name + ".p12").toString(), "-storepass", "changeit", "-file",
                    dir.resolve(name + ".der").toString());
            keytool("-importcert", "-noprompt", "-alias", name, "-file", dir.resolve(name + ".der").toString(),
                    "-keystore", dir.resolve(name + "-trust.p12").toString(), "-storetype", "PKCS12", "-storepass",
                    "changeit");
        }
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("keytool failed: " + out);
        }
    }

    private static KeyStore store(String file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(file))) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    private static SSLContext server(String keyStore) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store(keyStore), PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static SSLContext client(String trustStore) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store(trustStore));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    @Test
    void deliversOverTlsToATrustedReceiver() throws Exception {
        try (SyslogReceiver receiver = new SyslogReceiver(server("server.p12"))) {
            SyslogSender sender = SyslogSender.to("127.0.0.1:" + receiver.port(), client("server-trust.p12"));
            sender.send(List.of("<110>1 - - - - - - hello", "<110>1 - - - - - - world"));
            assertThat(receiver.await(2)).containsExactly("<110>1 - - - - - - hello", "<110>1 - - - - - - world");
            sender.close();
        }
    }

    @Test
    void refusesAReceiverWhoseCertificateIsNotTrusted() throws Exception {
        try (SyslogReceiver receiver = new SyslogReceiver(server("server.p12"))) {
            SyslogSender sender = SyslogSender.to("127.0.0.1:" + receiver.port(), client("other-trust.p12"));
            assertThatThrownBy(() -> sender.send(List.of("secret-free but must not go"))).isInstanceOf(IOException.class);
            assertThat(receiver.messages()).isEmpty();
        }
    }

    @Test
    void refusesATrustedCertificateThatNamesAnotherHost() throws Exception {
        try (SyslogReceiver receiver = new SyslogReceiver(server("other.p12"))) {
            SyslogSender sender = SyslogSender.to("127.0.0.1:" + receiver.port(), client("other-trust.p12"));
            assertThatThrownBy(() -> sender.send(List.of("x"))).isInstanceOf(IOException.class);
            assertThat(receiver.messages()).isEmpty();
        }
    }
}
