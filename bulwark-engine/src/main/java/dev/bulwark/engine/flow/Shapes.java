package dev.bulwark.engine.flow;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/** Shape tests for single tokens (domains, IBANs, phones, file names) and the digest of over-long keys. */
final class Shapes {
    /** Generic top-level domains accepted without a scheme; two-letter country codes are accepted as such. */
    private static final Set<String> GTLDS = Set.of("com", "net", "org", "edu", "gov", "mil", "int", "info", "biz",
            "app", "dev", "xyz", "online", "site", "tech", "store", "shop", "blog", "cloud", "name", "pro", "mobi",
            "asia", "tel", "travel", "jobs", "museum", "aero", "coop", "page", "link", "club", "live", "news", "email",
            "finance", "bank", "insurance", "media", "agency", "company", "network", "systems", "solutions",
            "services", "digital", "world", "global", "today", "top", "icu", "vip", "work", "ltd", "group", "website",
            "space", "fun", "art", "design", "studio", "health", "money", "pay", "security", "support", "help");
    /** File extensions: a name ending in one is a file name, not a domain ({@code notes.md}, {@code script.sh}). */
    static final Set<String> FILE_EXTENSIONS = Set.of("txt", "pdf", "doc", "docx", "xls", "xlsx", "csv", "tsv",
            "json", "xml", "md", "png", "jpg", "jpeg", "gif", "svg", "webp", "zip", "tar", "gz", "tgz", "7z", "rar",
            "py", "java", "js", "ts", "rb", "go", "rs", "c", "h", "cpp", "html", "htm", "css", "log", "yaml", "yml",
            "toml", "ini", "cfg", "conf", "ppt", "pptx", "odt", "ods", "key", "pem", "crt", "sh", "bat", "ps1", "exe",
            "dll", "bin", "eml", "msg", "ics", "vcf", "mp3", "mp4", "mov", "wav", "sql", "db", "sqlite", "bak", "tmp",
            "rtf", "epub", "jar", "war", "apk", "dmg", "iso", "pages", "numbers");

    private Shapes() {}

    /** Whether {@code s} (lower case) is a host name: dotted labels, alphabetic top level. */
    static boolean domain(String s, boolean requireKnownTld) {
        if (s.length() < 4 || s.length() > 253 || s.startsWith(".") || s.endsWith(".")) {
            return false;
        }
        int labels = 0;
        int labelStart = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == '.') {
                int len = i - labelStart;
                if (len < 1 || len > 63 || s.charAt(labelStart) == '-' || s.charAt(i - 1) == '-') {
                    return false;
                }
                labels++;
                labelStart = i + 1;
            } else {
                char c = s.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                    return false;
                }
            }
        }
        String tld = s.substring(s.lastIndexOf('.') + 1);
        if (labels < 2 || tld.length() < 2 || tld.length() > 24) {
            return false;
        }
        for (int i = 0; i < tld.length(); i++) {
            if (tld.charAt(i) < 'a' || tld.charAt(i) > 'z') {
                return false;
            }
        }
        if (FILE_EXTENSIONS.contains(tld)) {
            return false;
        }
        return !requireKnownTld || tld.length() == 2 || GTLDS.contains(tld);
    }

    /** Whether {@code s} is a dotted IPv4 address. */
    static boolean ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code compact} (upper case, no spaces) is an IBAN with a valid ISO 13616 check (mod 97 = 1). */
    static boolean iban(String compact) {
        int n = compact.length();
        if (n < 15 || n > 34) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = compact.charAt(i);
            boolean ok = i < 2 ? c >= 'A' && c <= 'Z'
                    : i < 4 ? c >= '0' && c <= '9'
                    : (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        int mod = 0;
        String rearranged = compact.substring(4) + compact.substring(0, 4);
        for (int i = 0; i < n; i++) {
            char c = rearranged.charAt(i);
            int v = c <= '9' ? c - '0' : c - 'A' + 10;
            mod = v >= 10 ? (mod * 100 + v) % 97 : (mod * 10 + v) % 97;
        }
        return mod == 1;
    }

    /** The phone key of a digit string (7 to 15 digits): its last nine digits, so country and trunk prefixes drop. */
    static String phoneKey(String digits) {
        return "tel:" + (digits.length() > 9 ? digits.substring(digits.length() - 9) : digits);
    }

    /** The extension of a file name, lower case, or "" if none is known. */
    static String fileExtension(String name) {
        int dot = name.lastIndexOf('.');
        if (dot < 1 || dot == name.length() - 1) {
            return "";
        }
        String ext = name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return FILE_EXTENSIONS.contains(ext) ? ext : "";
    }

    /** A key for {@code canonical} under {@code namespace}, replaced by a digest when too long to keep. */
    static String key(String namespace, String canonical) {
        if (namespace.length() + 1 + canonical.length() <= FlowValue.MAX_KEY_CHARS) {
            return namespace + ":" + canonical;
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return namespace + ":#" + HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static int count(String s, java.util.function.IntPredicate p) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (p.test(s.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    static String digitsOf(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                b.append(c);
            }
        }
        return b.toString();
    }

}
