package dev.bulwark.guards.eval.secrets;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Evaluation set B, written apart from set A: another generator ({@link SplittableRandom}, tokens drawn from byte
 * strings encoded the way providers do), other credential names, and other surroundings (log lines, Kubernetes and
 * docker-compose files, Terraform, Java properties, XML, .npmrc / .pypirc, git remotes, curl commands, markdown
 * tables, stack traces). Negatives are other look-alikes: labelled digests, npm integrity strings, Mongo object ids,
 * pod names, colours, timestamps, Java class names, URL slugs, Ethereum and Bitcoin addresses, base64 of harmless
 * JSON, GIF data URLs, long compound words.
 */
final class SecretCorpusB {
    private final SplittableRandom r;

    private SecretCorpusB(long seed) {
        this.r = new SplittableRandom(seed * 7919 + 17);
    }

    static List<SecretSample> generate(long seed, int perKind) {
        SecretCorpusB c = new SecretCorpusB(seed);
        List<SecretSample> out = new ArrayList<>();
        for (int i = 0; i < perKind; i++) {
            c.add(out);
        }
        return out;
    }

    private String b64(int bytes) {
        byte[] b = new byte[bytes];
        r.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    private String urlsafe(int chars) {
        byte[] b = new byte[chars];
        r.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b).substring(0, chars);
    }

    private String alnum(int chars) {
        String s = urlsafe(chars * 2).replace("-", "").replace("_", "");
        while (s.length() < chars) {
            s += urlsafe(chars).replace("-", "").replace("_", "");
        }
        return s.substring(0, chars);
    }

    private String hex(int chars) {
        StringBuilder b = new StringBuilder();
        while (b.length() < chars) {
            b.append(Long.toHexString(r.nextLong() | Long.MIN_VALUE));
        }
        return b.substring(0, chars);
    }

    private String upper32(int chars) {
        String a = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < chars; i++) {
            b.append(a.charAt(r.nextInt(32)));
        }
        return b.toString();
    }

    private String any(String... s) {
        return s[r.nextInt(s.length)];
    }

    private String pass() {
        String[] stems = {"Summer", "Tiger", "Blue", "Rocket", "Maple", "Falcon", "Winter", "Ocean"};
        return any(stems) + r.nextInt(10, 9999) + any("!", "#", "$", "*", "") + any(stems).toLowerCase()
                + r.nextInt(10, 99);
    }

    private String stamp() {
        return "2025-" + String.format("%02d-%02dT%02d:%02d:%02dZ", r.nextInt(1, 13), r.nextInt(1, 29), r.nextInt(24),
                r.nextInt(60), r.nextInt(60));
    }

    private void add(List<SecretSample> out) {
        String ghp = "ghp_" + alnum(36);
        out.add(SecretSample.builder().text(stamp() + " INFO  git: cloning https://x-access-token:")
                .secret("github-in-git-url", ghp).text("@github.com/acme/payments.git").positive());
        out.add(SecretSample.builder().text("//registry.npmjs.org/:_authToken=").secret("npmrc-token", "npm_" + alnum(36))
                .text("\n").positive());
        out.add(SecretSample.builder().text("[pypi]\nusername = __token__\npassword = ")
                .secret("pypirc-token", "pypi-AgEIcHlwaS5vcmc" + urlsafe(70)).text("\n").positive());
        out.add(SecretSample.builder().text("apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: ")
                .secret("k8s-secret-base64", Base64.getEncoder().encodeToString(("postgres://app:" + pass()
                        + "@db:5432/app").getBytes(StandardCharsets.UTF_8))).text("\n").positive());
        out.add(SecretSample.builder().text("services:\n  api:\n    environment:\n      - STRIPE_SECRET_KEY=")
                .secret("compose-stripe", "sk_live_" + alnum(99)).text("\n      - PORT=8080\n").positive());
        out.add(SecretSample.builder().text("resource \"aws_iam_access_key\" \"ci\" {}\n# imported: id=")
                .secret("terraform-aws-id", "AKIA" + upper32(16)).text(" secret=")
                .secret("terraform-aws-secret", b64(30)).text("\n").positive());
        out.add(SecretSample.builder().text("spring.datasource.url=jdbc:mysql://db/app\nspring.datasource.password=")
                .secret("properties-password", pass()).text("\n").positive());
        out.add(SecretSample.builder().text("<connection>\n  <user>svc</user>\n  <password>").secret("xml-password", pass())
                .text("</password>\n</connection>").positive());
        out.add(SecretSample.builder().text("$ curl -s -H \"X-API-Key: ").secret("curl-api-key", hex(32))
                .text("\" https://api.vendor.io/v2/items | jq .").positive());
        out.add(SecretSample.builder().text("| service | key |\n|---|---|\n| slack | ")
                .secret("markdown-slack", "xoxb-" + r.nextInt(100000, 999999) + r.nextInt(100000, 999999) + "-"
                        + r.nextInt(1000000, 9999999) + "-" + alnum(24)).text(" |\n").positive());
        out.add(SecretSample.builder().text("Traceback (most recent call last):\n  File \"app.py\", line 12\n"
                + "openai.AuthenticationError: Incorrect API key provided: ")
                .secret("stacktrace-openai", "sk-proj-" + urlsafe(64)).text("\n").positive());
        out.add(SecretSample.builder().text(stamp() + " WARN  auth header was Bearer ")
                .secret("log-bearer", urlsafe(43)).text(" (expired)").positive());
        out.add(SecretSample.builder().text("SENDGRID_API_KEY='").secret("sendgrid", "SG." + urlsafe(22) + "."
                + urlsafe(43)).text("'").positive());
        out.add(SecretSample.builder().text("webhook: ").secret("slack-webhook", "https://hooks.slack.com/services/T"
                + upper32(8) + "/B" + upper32(10) + "/" + alnum(24)).text("\n").positive());
        out.add(SecretSample.builder().text("mongodb://root:").secret("mongo-password", pass())
                .text("@mongo-0.mongo:27017/?authSource=admin").positive());
        out.add(SecretSample.builder().text("const key = \"").secret("google-key", "AIza" + urlsafe(35))
                .text("\"; // maps").positive());
        out.add(SecretSample.builder().text("glab auth login --token ").secret("gitlab-cli", "glpat-" + urlsafe(20))
                .positive());
        String pem = "-----BEGIN EC PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(der()) + "\n-----END EC PRIVATE KEY-----\n";
        out.add(SecretSample.builder().text("tls.key: ").secret("k8s-base64-pem", Base64.getEncoder()
                .encodeToString(pem.getBytes(StandardCharsets.UTF_8))).text("\n").positive());
        out.add(SecretSample.builder().text("key (bare base64 DER): ")
                .secret("bare-der-private-key", Base64.getEncoder().encodeToString(der())).text("\n").positive());
        out.add(SecretSample.builder().text("redirect=").secret("url-encoded-token", java.net.URLEncoder.encode(
                "{\"token\":\"ghs_" + alnum(36) + "\"}", StandardCharsets.UTF_8)).text("&x=1").positive());

        // negatives
        out.add(SecretSample.builder().text("Digest: sha256:" + hex(64) + "\nStatus: Downloaded newer image")
                .negative("docker-digest"));
        out.add(SecretSample.builder().text("\"integrity\": \"sha512-" + b64(64) + "\"").negative("npm-integrity"));
        out.add(SecretSample.builder().text("{\"_id\": {\"$oid\": \"" + hex(24) + "\"}, \"ts\": \"" + stamp() + "\"}")
                .negative("mongo-objectid"));
        out.add(SecretSample.builder().text("pod/web-" + hex(10) + "-" + hex(5) + " restarted; pod/worker-"
                + hex(9) + "-" + hex(5) + " ok").negative("pod-names"));
        out.add(SecretSample.builder().text(".btn{color:#" + hex(6) + ";background:#" + hex(6) + "}")
                .negative("css-colours"));
        out.add(SecretSample.builder().text("at com.acme.payments.internal.SettlementReconciliationService"
                + ".reconcileOutstandingTransactions(SettlementReconciliationService.java:" + r.nextInt(999) + ")")
                .negative("java-class-names"));
        out.add(SecretSample.builder().text("https://blog.example.com/2025/" + any("how-we-scaled", "why-we-moved",
                "lessons-learned") + "-our-postgres-cluster-to-ten-thousand-connections").negative("url-slug"));
        out.add(SecretSample.builder().text("send to 0x" + hex(40) + " on mainnet").negative("ethereum-address"));
        out.add(SecretSample.builder().text("{\"config\": \"" + Base64.getEncoder().encodeToString(
                ("{\"theme\":\"dark\",\"lang\":\"en\",\"pageSize\":" + r.nextInt(100) + "}")
                        .getBytes(StandardCharsets.UTF_8)) + "\"}").negative("base64-harmless-json"));
        byte[] gif = new byte[40 + r.nextInt(200)];
        r.nextBytes(gif);
        System.arraycopy("GIF89a".getBytes(StandardCharsets.US_ASCII), 0, gif, 0, 6);
        out.add(SecretSample.builder().text("background: url(data:image/gif;base64,"
                + Base64.getEncoder().encodeToString(gif) + ")").negative("gif-data-url"));
        out.add(SecretSample.builder().text("Die Donaudampfschifffahrtsgesellschaftskapitänsmütze und "
                + "Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz").negative("compound-words"));
        out.add(SecretSample.builder().text("tx 1" + upper32(4).toLowerCase() + " to bc1q" + hex(38).replace('b', 'q')
                + " confirmed").negative("bitcoin-address"));
    }

    /** A DER SEQUENCE { INTEGER 1, OCTET STRING (32 random bytes) }: the start of an EC private key. */
    private byte[] der() {
        byte[] key = new byte[32];
        r.nextBytes(key);
        byte[] out = new byte[2 + 3 + 2 + 32];
        out[0] = 0x30;
        out[1] = (byte) (out.length - 2);
        out[2] = 0x02;
        out[3] = 1;
        out[4] = 1;
        out[5] = 0x04;
        out[6] = 32;
        System.arraycopy(key, 0, out, 7, 32);
        return out;
    }
}
