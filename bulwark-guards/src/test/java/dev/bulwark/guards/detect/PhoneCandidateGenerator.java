package dev.bulwark.guards.detect;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * Seeded phone-like candidates in the shapes text holds: random digit groups, NANP and international forms, the
 * library's example numbers of every region and type (as printed, perturbed, regrouped, behind national and
 * international prefixes), with and without extensions.
 */
final class PhoneCandidateGenerator {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final String[] SEPARATORS = {" ", "-", ".", " ", "-", "", " - ", "  "};
    private static final String[] EXTENSIONS = {" x", "x", " ext", "ext.", " ext. ", "\tx", "\nx", " x ", "\rext",
        " X", "Ext ", "\t ext.\t", "x.", " extn ", " ext,", "  x", "x\t", " ext\n", "-x", " xt", " ext\u000B"};
    private static final String[] PREFIXES = {"", "0", "1", "8", "00", "011", "+", "0 ", "1-", "(0)", "810", "0800"};
    /** Example numbers of every region and entity as {calling code, national significant number, formatted}. */
    private static final List<String[]> EXAMPLES = examples();
    private final Random random;

    PhoneCandidateGenerator(long seed) {
        this.random = new Random(seed);
    }

    String next() {
        String candidate = switch (random.nextInt(8)) {
            case 0 -> group(digits(7 + random.nextInt(10)));
            case 1 -> nanp();
            case 2 -> example()[2];
            case 3 -> group(perturb(example()[1]));
            case 4 -> prefixed(example());
            case 5 -> (random.nextBoolean() ? "+" : "00") + random.nextInt(1000) + sep() + group(digits(5 + random.nextInt(10)));
            case 6 -> group(digits(2 + random.nextInt(19)));
            default -> prefixed(new String[] {example()[0], perturb(example()[1]), ""});
        };
        return random.nextInt(8) == 0 ? candidate + EXTENSIONS[random.nextInt(EXTENSIONS.length)]
                + digits(1 + random.nextInt(random.nextInt(4) == 0 ? 12 : 5)) : candidate;
    }

    private String[] example() {
        return EXAMPLES.get(random.nextInt(EXAMPLES.size()));
    }

    /** A national number behind a national or international prefix, or its calling code written several ways. */
    private String prefixed(String[] example) {
        String national = random.nextBoolean() ? group(example[1]) : example[1];
        return switch (random.nextInt(5)) {
            case 0 -> "+" + example[0] + sep() + national;
            case 1 -> "00" + example[0] + sep() + national;
            case 2 -> "011" + sep() + example[0] + sep() + national;
            case 3 -> example[0] + sep() + national;
            default -> PREFIXES[random.nextInt(PREFIXES.length)] + national;
        };
    }

    private String nanp() {
        String area = "" + (2 + random.nextInt(8)) + digits(2);
        String exchange = "" + (random.nextInt(5) == 0 ? random.nextInt(2) : 2 + random.nextInt(8)) + digits(2);
        String line = digits(4);
        return switch (random.nextInt(5)) {
            case 0 -> "(" + area + ") " + exchange + "-" + line;
            case 1 -> area + "." + exchange + "." + line;
            case 2 -> "1-" + area + "-" + exchange + "-" + line;
            case 3 -> "+1 " + area + " " + exchange + " " + line;
            default -> area + "-" + exchange + "-" + line;
        };
    }

    /** Changes, inserts, deletes or duplicates one digit, or leaves the number as it is. */
    private String perturb(String digits) {
        StringBuilder b = new StringBuilder(digits);
        int at = random.nextInt(b.length());
        switch (random.nextInt(5)) {
            case 0 -> b.setCharAt(at, (char) ('0' + random.nextInt(10)));
            case 1 -> b.insert(at, (char) ('0' + random.nextInt(10)));
            case 2 -> b.deleteCharAt(at);
            case 3 -> b.insert(at, b.charAt(at));
            default -> { }
        }
        return b.toString();
    }

    /** Splits digits in groups of one to five, joined by separators, the first sometimes in parentheses. */
    private String group(String digits) {
        if (random.nextInt(6) == 0) {
            return digits;
        }
        StringBuilder b = new StringBuilder();
        String sep = sep();
        int i = 0;
        boolean first = true;
        while (i < digits.length()) {
            int n = Math.min(digits.length() - i, 1 + random.nextInt(5));
            String g = digits.substring(i, i + n);
            if (first && random.nextInt(4) == 0) {
                b.append('(').append(g).append(')').append(random.nextBoolean() ? " " : "");
            } else {
                b.append(first ? "" : random.nextInt(5) == 0 ? sep() : sep).append(g);
            }
            first = false;
            i += n;
        }
        return b.toString();
    }

    private String sep() {
        return SEPARATORS[random.nextInt(SEPARATORS.length)];
    }

    private String digits(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) ('0' + random.nextInt(10)));
        }
        return b.toString();
    }

    private static List<String[]> examples() {
        List<String[]> out = new ArrayList<>();
        for (String region : new TreeSet<>(UTIL.getSupportedRegions())) {
            for (PhoneNumberType type : new TreeSet<>(UTIL.getSupportedTypesForRegion(region))) {
                add(out, UTIL.getExampleNumberForType(region, type));
            }
            add(out, UTIL.getInvalidExampleNumber(region));
        }
        for (int code : new TreeSet<>(UTIL.getSupportedGlobalNetworkCallingCodes())) {
            add(out, UTIL.getExampleNumberForNonGeoEntity(code));
        }
        return List.copyOf(out);
    }

    private static void add(List<String[]> out, PhoneNumber n) {
        if (n == null) {
            return;
        }
        String nsn = UTIL.getNationalSignificantNumber(n);
        out.add(new String[] {String.valueOf(n.getCountryCode()), nsn, UTIL.format(n, PhoneNumberFormat.NATIONAL)});
        out.add(new String[] {String.valueOf(n.getCountryCode()), nsn,
                UTIL.format(n, PhoneNumberFormat.INTERNATIONAL)});
        out.add(new String[] {String.valueOf(n.getCountryCode()), nsn, UTIL.format(n, PhoneNumberFormat.E164)});
    }
}
