package dev.bulwark.guards.eval.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Evaluation set A: credentials generated from providers' documented token shapes with a seeded generator, put into
 * prose, key=value, JSON, YAML, env-file, HTTP-header and code contexts, plus encoded forms (base64, hex, URL
 * encoding, spaced letters, nested base64); negatives are the strings secret scanners usually confuse with keys.
 */
final class SecretCorpus {
    static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    static final String DIGITS = "0123456789";
    static final String ALNUM = UPPER + LOWER + DIGITS;
    static final String B64 = ALNUM + "+/";
    static final String B64URL = ALNUM + "-_";
    static final String HEX = "0123456789abcdef";

    private final Random random;

    SecretCorpus(long seed) {
        this.random = new Random(seed);
    }

    /** {@code perKind} samples of every positive and negative kind. */
    static List<SecretSample> generate(long seed, int perKind) {
        SecretCorpus c = new SecretCorpus(seed);
        List<SecretSample> out = new ArrayList<>();
        for (int i = 0; i < perKind; i++) {
            c.positives(out);
            c.negatives(out);
        }
        return out;
    }

    String pick(String alphabet, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    @SafeVarargs
    final <T> T one(T... options) {
        return options[random.nextInt(options.length)];
    }

    byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    // ---- documented token shapes

    String awsKeyId() {
        return one("AKIA", "ASIA") + pick("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
    }

    String awsSecret() {
        return pick(B64, 40);
    }

    String pem(String label, int bytes) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(bytes(bytes));
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----";
    }

    /** An OpenSSH private key: its binary body starts with the format's magic. */
    String openSsh() {
        byte[] magic = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
        byte[] body = bytes(380);
        System.arraycopy(magic, 0, body, 0, magic.length);
        String b64 = Base64.getMimeEncoder(70, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(body);
        return "-----BEGIN OPENSSH PRIVATE KEY-----\n" + b64 + "\n-----END OPENSSH PRIVATE KEY-----";
    }

    String jwt() {
        Base64.Encoder e = Base64.getUrlEncoder().withoutPadding();
        String header = e.encodeToString(("{\"alg\":\"" + one("HS256", "RS256", "ES256") + "\",\"typ\":\"JWT\"}")
                .getBytes(StandardCharsets.UTF_8));
        String payload = e.encodeToString(("{\"sub\":\"" + random.nextInt(1_000_000) + "\",\"name\":\"user"
                + random.nextInt(999) + "\",\"iat\":" + (1_700_000_000 + random.nextInt(50_000_000)) + "}")
                .getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + "." + e.encodeToString(bytes(32));
    }

    String password() {
        return pick(LOWER, 3 + random.nextInt(4)) + pick(UPPER, 1) + pick(DIGITS, 2 + random.nextInt(3))
                + one("!", "#", "$", "%", "&", "@", "?", "") + pick(ALNUM, 2 + random.nextInt(4));
    }

    record Kind(String name, Function<SecretCorpus, String> token) {
    }

    static final List<Kind> TOKENS = List.of(
            new Kind("aws-access-key-id", SecretCorpus::awsKeyId),
            new Kind("gcp-api-key", c -> "AIza" + c.pick(B64URL, 35)),
            new Kind("github-classic", c -> c.one("ghp_", "gho_", "ghu_", "ghs_", "ghr_") + c.pick(ALNUM, 36)),
            new Kind("github-fine-grained", c -> "github_pat_" + c.pick(ALNUM, 22) + "_" + c.pick(ALNUM, 59)),
            new Kind("gitlab", c -> "glpat-" + c.pick(B64URL, 20)),
            new Kind("slack", c -> c.one("xoxb-", "xoxp-", "xoxa-") + c.pick(DIGITS, 12) + "-" + c.pick(DIGITS, 13)
                    + "-" + c.pick(ALNUM, 24)),
            new Kind("stripe", c -> c.one("sk_live_", "rk_live_", "sk_test_") + c.pick(ALNUM, 24 + c.random.nextInt(76))),
            new Kind("twilio", c -> "SK" + c.pick(HEX, 32)),
            new Kind("sendgrid", c -> "SG." + c.pick(B64URL, 22) + "." + c.pick(B64URL, 43)),
            new Kind("openai", c -> c.one("sk-proj-", "sk-") + c.pick(B64URL, 48 + c.random.nextInt(60))),
            new Kind("anthropic", c -> "sk-ant-api03-" + c.pick(B64URL, 93) + "AA"),
            new Kind("npm", c -> "npm_" + c.pick(ALNUM, 36)),
            new Kind("pypi", c -> "pypi-AgEIcHlwaS5vcmc" + c.pick(B64URL, 60 + c.random.nextInt(100))),
            new Kind("jwt", SecretCorpus::jwt));

    // ---- contexts

    private static final String[] NAMES = {"api_key", "apiKey", "API_KEY", "secret", "client_secret", "token",
        "access_token", "auth_token", "SECRET_KEY", "private_token", "x-api-key", "app_secret"};
    private static final String[] PASSWORD_NAMES = {"password", "passwd", "DB_PASSWORD", "db_pass", "pwd",
        "adminPassword", "mysql_root_password", "PGPASSWORD"};

    /** Puts a token of {@code kind} into one of the contexts, under a credential's name or none. */
    SecretSample inContext(String kind, String token, String name) {
        SecretSample.Builder b = SecretSample.builder();
        switch (random.nextInt(7)) {
            case 0 -> b.text(one("Here is the key you asked for: ", "Use ", "I rotated it, the new one is ",
                    "The deploy failed with ")).secret(kind, token).text(one(" — keep it safe.", ".", " and retry.", ""));
            case 1 -> b.text(name + "=").secret(kind, token).text("\n");
            case 2 -> b.text("{\"service\": \"billing\", \"" + name + "\": \"").secret(kind, token)
                    .text("\", \"region\": \"eu-west-1\"}");
            case 3 -> b.text("config:\n  endpoint: https://api.example.com\n  " + name + ": ").secret(kind, token)
                    .text("\n  timeout: 30\n");
            case 4 -> b.text("export " + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "=\"")
                    .secret(kind, token).text("\"\n");
            case 5 -> b.text("GET /v1/charges HTTP/1.1\nHost: api.example.com\nAuthorization: Bearer ")
                    .secret(kind, token).text("\nAccept: application/json\n");
            default -> b.text("client = Client(" + name.replace('-', '_') + "='").secret(kind, token)
                    .text("', timeout=10)\n");
        }
        return b.positive();
    }

    void positives(List<SecretSample> out) {
        for (Kind k : TOKENS) {
            out.add(inContext(k.name(), k.token().apply(this), one(NAMES)));
        }
        // AWS secret access key: next to its id or under its name
        String id = awsKeyId();
        String secret = awsSecret();
        out.add(switch (random.nextInt(4)) {
            case 0 -> SecretSample.builder().text("[default]\naws_access_key_id = ").secret("aws-access-key-id", id)
                    .text("\naws_secret_access_key = ").secret("aws-secret-access-key", secret).text("\n").positive();
            case 1 -> SecretSample.builder().text("AWS_ACCESS_KEY_ID=").secret("aws-access-key-id", id)
                    .text("\nAWS_SECRET_ACCESS_KEY=").secret("aws-secret-access-key", secret).text("\n").positive();
            case 2 -> SecretSample.builder().text("The key pair is ").secret("aws-access-key-id", id).text(" / ")
                    .secret("aws-secret-access-key", secret).text(", please rotate it.").positive();
            default -> SecretSample.builder().text("{\"AccessKeyId\": \"").secret("aws-access-key-id", id)
                    .text("\", \"SecretAccessKey\": \"").secret("aws-secret-access-key", secret)
                    .text("\", \"Expiration\": \"2026-01-01T00:00:00Z\"}").positive();
        });
        // GCP service-account JSON: the private key with escaped newlines
        String pemKey = pem("PRIVATE KEY", 1190);
        out.add(SecretSample.builder().text("{\n  \"type\": \"service_account\",\n  \"project_id\": \"proj-"
                + pick(DIGITS, 6) + "\",\n  \"private_key_id\": \"" + pick(HEX, 40) + "\",\n  \"private_key\": \"")
                .secret("gcp-service-account-key", pemKey.replace("\n", "\\n"))
                .text("\\n\",\n  \"client_email\": \"svc@proj.iam.gserviceaccount.com\"\n}").positive());
        // Azure storage connection string and client secret
        out.add(SecretSample.builder().text("DefaultEndpointsProtocol=https;AccountName=store" + pick(LOWER, 6)
                + ";AccountKey=").secret("azure-storage-key", Base64.getEncoder().encodeToString(bytes(64)))
                .text(";EndpointSuffix=core.windows.net").positive());
        out.add(inContext("azure-client-secret", pick(ALNUM, 3) + pick(DIGITS, 1) + "Q~" + pick(ALNUM + "_-.~", 34),
                one("AZURE_CLIENT_SECRET", "client_secret", "clientSecret")));
        // private keys
        out.add(SecretSample.builder().text(one("Found this in the repo:\n", "key.pem:\n", ""))
                .secret("pem-private-key", pem(one("RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY"), 600))
                .text("\n").positive());
        out.add(SecretSample.builder().text("~/.ssh/id_ed25519:\n").secret("openssh-private-key", openSsh())
                .text("\n").positive());
        // database URLs and passwords next to their names
        out.add(SecretSample.builder().text(one("DATABASE_URL=", "dsn: ", "connect to "))
                .text(one("postgres", "mysql", "mongodb+srv", "redis") + "://" + one("admin", "app", "root") + ":")
                .secret("database-url-password", password()).text("@db" + random.nextInt(9) + ".internal:5432/app\n")
                .positive());
        out.add(passwordSample(password()));
        out.add(SecretSample.builder().text("Server=tcp:sql.example.net;Database=app;User Id=sa;Password=")
                .secret("connection-string-password", password()).text(";Encrypt=true;").positive());
        out.add(inContext("generic-keyed-secret", pick(ALNUM, 32 + random.nextInt(16)), one(NAMES)));
        out.add(SecretSample.builder().text("curl -H 'Authorization: Basic ")
                .secret("basic-auth", Base64.getEncoder().encodeToString(("admin:" + password())
                        .getBytes(StandardCharsets.UTF_8))).text("' https://api.example.com/v1/me").positive());
        encoded(out);
    }

    SecretSample passwordSample(String pw) {
        String name = one(PASSWORD_NAMES);
        SecretSample.Builder b = SecretSample.builder();
        switch (random.nextInt(5)) {
            case 0 -> b.text(name + "=").secret("generic-password", pw).text("\n");
            case 1 -> b.text("{\"user\": \"admin\", \"" + name + "\": \"").secret("generic-password", pw).text("\"}");
            case 2 -> b.text("db:\n  user: app\n  " + name + ": ").secret("generic-password", pw).text("\n");
            case 3 -> b.text("Your temporary password is ").secret("generic-password", pw).text(".");
            default -> b.text(name + " = \"").secret("generic-password", pw).text("\"\n");
        }
        return b.positive();
    }

    void encoded(List<SecretSample> out) {
        Base64.Encoder b64 = Base64.getEncoder();
        String id = awsKeyId();
        String pair = "aws_access_key_id=" + id + "\naws_secret_access_key=" + awsSecret() + "\n";
        out.add(SecretSample.builder().text("payload: ").secret("base64-aws-key-pair",
                b64.encodeToString(pair.getBytes(StandardCharsets.UTF_8))).text("\n").positive());
        out.add(SecretSample.builder().text("{\"blob\": \"").secret("base64-pem-private-key",
                b64.encodeToString(pem("RSA PRIVATE KEY", 900).getBytes(StandardCharsets.UTF_8))).text("\"}")
                .positive());
        Kind k = one(TOKENS.toArray(Kind[]::new));
        out.add(SecretSample.builder().text("hex: ").secret("hex-token", HexFormat.of().formatHex(
                k.token().apply(this).getBytes(StandardCharsets.UTF_8))).text("\n").positive());
        out.add(SecretSample.builder().text("GET /callback?state=").secret("url-encoded-pem", java.net.URLEncoder
                .encode(pem("PRIVATE KEY", 300), StandardCharsets.UTF_8)).text(" HTTP/1.1").positive());
        String token = one(TOKENS.toArray(Kind[]::new)).token().apply(this);
        out.add(SecretSample.builder().text("spelled out: ").secret("spaced-letters",
                String.join(" ", token.split(""))).text(" (remove the spaces)").positive());
        out.add(SecretSample.builder().text("nested: ").secret("double-base64", b64.encodeToString(
                b64.encodeToString(("token=" + k.token().apply(this)).getBytes(StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8))).text("\n").positive());
    }

    // ---- negatives

    static final String[] WORDS = {"internationalization", "counterrevolutionary", "electroencephalograph",
        "incomprehensibilities", "responsibilities", "characterization", "telecommunications",
        "uncharacteristically", "misunderstanding", "indistinguishable", "photosynthesis", "configuration"};
    static final String[] LOREM = {"lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit",
        "sed", "do", "eiusmod", "tempor", "incididunt", "ut", "labore", "et", "dolore", "magna", "aliqua"};

    String sha(String algorithm) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes(16)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    void negatives(List<SecretSample> out) {
        out.add(SecretSample.builder().text("sha1sum: " + sha("SHA-1") + "  release.tar.gz").negative("sha1-hex"));
        out.add(SecretSample.builder().text("checksum " + sha("SHA-256") + " verified").negative("sha256-hex"));
        out.add(SecretSample.builder().text("commit " + sha("SHA-1") + "\nAuthor: Jane <jane@example.org>\n\n"
                + "    Fix the build (" + sha("SHA-1").substring(0, 7) + ")").negative("git-commit"));
        out.add(SecretSample.builder().text("request_id=" + java.util.UUID.nameUUIDFromBytes(bytes(8))
                + " trace " + java.util.UUID.nameUUIDFromBytes(bytes(8))).negative("uuid"));
        byte[] png = bytes(60 + random.nextInt(400));
        png[0] = (byte) 0x89;
        png[1] = 'P';
        png[2] = 'N';
        png[3] = 'G';
        out.add(SecretSample.builder().text("<img src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(png) + "\" alt=\"logo\">").negative("data-url-image"));
        out.add(SecretSample.builder().text(minifiedJs()).negative("minified-js"));
        out.add(SecretSample.builder().text("Reading /" + String.join("/", one(LOREM), one(WORDS), one(LOREM),
                one(WORDS)) + "/" + one(WORDS) + ".java and ./" + one(WORDS) + "/" + one(LOREM) + "_"
                + one(WORDS) + ".py").negative("file-path"));
        out.add(SecretSample.builder().text("The " + one(WORDS) + " of " + one(WORDS) + " is "
                + one(WORDS) + ".").negative("long-words"));
        out.add(SecretSample.builder().text("upgrade from " + random.nextInt(9) + "." + random.nextInt(30) + "."
                + random.nextInt(99) + "-rc." + random.nextInt(9) + "+build." + random.nextInt(99999) + " to v"
                + random.nextInt(9) + "." + random.nextInt(30) + ".0").negative("version-string"));
        byte[] wire = bytes(51);
        System.arraycopy(new byte[] {0, 0, 0, 11}, 0, wire, 0, 4);
        System.arraycopy("ssh-ed25519".getBytes(StandardCharsets.US_ASCII), 0, wire, 4, 11);
        System.arraycopy(new byte[] {0, 0, 0, 32}, 0, wire, 15, 4);
        out.add(SecretSample.builder().text("ssh-ed25519 " + Base64.getEncoder().encodeToString(wire) + " jane@laptop")
                .negative("ssh-public-key"));
        out.add(SecretSample.builder().text(publicPem()).negative("pem-public-key"));
        StringBuilder lorem = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            lorem.append(one(LOREM)).append(i % 9 == 8 ? ". " : " ");
        }
        out.add(SecretSample.builder().text(lorem.toString()).negative("lorem"));
    }

    String publicPem() {
        try {
            java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
            java.security.SecureRandom r = java.security.SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(random.nextLong());
            g.initialize(256, r);
            byte[] der = g.generateKeyPair().getPublic().getEncoded();
            return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(der) + "\n-----END PUBLIC KEY-----";
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String minifiedJs() {
        StringBuilder b = new StringBuilder("!function(e,t){");
        for (int i = 0; i < 12; i++) {
            String v = pick(LOWER, 1) + (random.nextBoolean() ? pick(ALNUM, 1) : "");
            b.append("var ").append(v).append("=").append(one("e", "t", "n", "r")).append(".")
                    .append(one("prototype", "createElement", "addEventListener", "querySelectorAll"))
                    .append("(").append(random.nextInt(100)).append(");");
        }
        return b.append("}(window,document);").toString();
    }
}
