package dev.bulwark.engine.flow;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the typed values one whitespace-free token holds. Every test is a bounded loop over the token (no
 * backtracking regular expressions), so classifying a text costs time linear in its length.
 */
final class TokenClassifier {

    /** The longest label read before a value glued to it ({@code IBAN:…}). */
    private static final int MAX_LABEL = 32;

    /** Tokens longer than this are only looked at as long tokens (a digest key). */
    static final int MAX_TOKEN = 2048;
    private static final String CURRENCY_SYMBOLS = "$€£¥₹₣₽₩¢";
    static final Set<String> CURRENCY_WORDS = Set.of("eur", "usd", "gbp", "chf", "jpy", "cny", "inr", "cad", "aud",
            "sek", "nok", "dkk", "pln", "czk", "huf", "brl", "mxn", "btc", "eth", "euro", "euros", "dollar",
            "dollars", "pound", "pounds", "franc", "francs", "€", "$", "£", "¥", "₹");
    private static final Set<String> STOPWORDS = Set.of("the", "and", "for", "you", "yes", "not", "with", "from",
            "this", "that", "are", "was", "were", "but", "all", "any", "can", "her", "his", "has", "have", "had",
            "our", "out", "one", "two", "its", "into", "also", "than", "then", "them", "they", "will", "would",
            "should", "could", "please", "thanks", "what", "when", "which", "who", "how", "why", "there", "here",
            "your", "mine", "none", "true", "false", "null");

    private TokenClassifier() {}

    /**
     * Adds the values of {@code core} (a token without surrounding punctuation) to {@code out}.
     *
     * @param nested true for pieces of a URL: no further URLs and no words
     */
    static void classify(String core, Found out, boolean words, boolean nested) {
        classify(core, core.toLowerCase(Locale.ROOT), out, words, nested);
    }

    /** As {@link #classify(String, Found, boolean, boolean)} with the token's lower case form already made. */
    static void classify(String core, String lower, Found out, boolean words, boolean nested) {
        int n = core.length();
        if (n == 0) {
            return;
        }
        if (n > MAX_TOKEN) {
            if (tokenChars(core)) {
                out.add(ValueKind.TOKEN, Shapes.key("tok", core));
            }
            return;
        }
        if (lower.startsWith("mailto:") || lower.startsWith("tel:")) {
            int colon = core.indexOf(':');
            int query = core.indexOf('?', colon); // mailto:a@b?subject=…: the address ends at the query
            int end = query < 0 ? n : query;
            classify(core.substring(colon + 1, end), lower.substring(colon + 1, end), out, words, nested);
            return;
        }
        if (core.charAt(0) == '@') { // a mention or a quoted local part cut off by the tokenizer: "x"@host
            int from = 0;
            while (from < n && core.charAt(from) == '@') {
                from++;
            }
            classify(core.substring(from), lower.substring(from), out, words, nested);
            return;
        }
        if (core.indexOf('@') > 0 && email(lower, out)) {
            return;
        }
        if (core.indexOf('/') < 0 && core.indexOf(':') < 0 && runOnDomain(core, lower, out, words, nested)) {
            return;
        }
        if (!nested && UrlReader.url(lower, out)) {
            return;
        }
        List<String> date = Dates.keys(core);
        if (!date.isEmpty()) {
            out.add(ValueKind.DATE, date);
            return;
        }
        if (n >= 15 && n <= 34 && Character.isLetter(core.charAt(0)) && Character.isDigit(core.charAt(3))) {
            String upper = core.toUpperCase(Locale.ROOT);
            if (Shapes.iban(upper)) {
                out.add(ValueKind.IBAN, "id:" + upper);
                return;
            }
        }
        if (amount(core, out)) {
            return;
        }
        List<String> number = Numbers.keys(core);
        if (!number.isEmpty()) {
            String digits = Shapes.digitsOf(core);
            int sign = core.charAt(0) == '+' ? 1 : 0;
            if (digits.length() == n - sign && digits.length() >= 7 && digits.length() <= 15) {
                // a long run of digits is a phone number (with '+') or an account-like number that may also be a
                // phone number or an amount: one value with every key, typed as the identifier it most likely is
                out.add(sign == 1 ? ValueKind.PHONE : ValueKind.ACCOUNT,
                        List.of(number.get(0), Shapes.phoneKey(digits)));
                return;
            }
            out.add(ValueKind.NUMBER, number);
            return;
        }
        if (phone(core, out)) {
            return;
        }
        if (path(core, lower, out)) {
            return;
        }
        if (Shapes.domain(stripWww(lower), true)) {
            out.add(ValueKind.DOMAIN, Shapes.key("dom", stripWww(lower)));
            return;
        }
        if (account(core, out)) {
            return;
        }
        if (n >= 20 && tokenChars(core) && Shapes.count(core, Character::isDigit) > 0
                && Shapes.count(core, Character::isLetter) > 0) {
            out.add(ValueKind.TOKEN, Shapes.key("tok", lower));
            return;
        }
        if (words && !nested) {
            word(lower, out);
        }
    }

    /**
     * "…our-company.com.They sent…": a sentence ended at a domain and the next began without a space. The domain is
     * the part before the last dot when the text after it starts upper case (host names are written lower case) and
     * the part is a domain with a known top-level domain; the rest is a word.
     */
    private static boolean runOnDomain(String core, String lower, Found out, boolean words, boolean nested) {
        int dot = core.lastIndexOf('.');
        if (dot < 1 || dot >= core.length() - 1 || !Character.isUpperCase(core.charAt(dot + 1))) {
            return false;
        }
        String head = lower.substring(0, dot);
        if (!Shapes.domain(stripWww(head), true)) {
            return false;
        }
        if (nested || !UrlReader.url(head, out)) { // a host written like a link is one, as url() would have read it
            out.add(ValueKind.DOMAIN, Shapes.key("dom", stripWww(head)));
        }
        if (words && !nested) {
            word(lower.substring(dot + 1), out);
        }
        return true;
    }

    private static boolean email(String lower, Found out) {
        int query = lower.indexOf('?'); // a@b?subject=…: the address ends at the query
        String address = query < 0 ? lower : lower.substring(0, query);
        int at = address.lastIndexOf('@');
        if (at <= 0) {
            return false;
        }
        String local = address.substring(0, at);
        String host = address.substring(at + 1);
        if (local.isEmpty() || local.length() > 64 || local.startsWith(".") || !Shapes.domain(host, false)) {
            return false;
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (!(Character.isLetterOrDigit(c) || ".%+-_".indexOf(c) >= 0)) {
                return false;
            }
        }
        out.add(ValueKind.EMAIL, Shapes.key("email", address));
        out.add(ValueKind.DOMAIN, Shapes.key("dom", stripWww(host)));
        return true;
    }

    /**
     * A token that was nothing as a whole but is a label glued to a value ({@code IBAN:GB29…}, {@code url=https://…},
     * {@code to:someone@host}): the value after the first {@code :} or {@code =} is read on its own.
     */
    static void afterLabel(String core, Found out, boolean words) {
        int at = -1;
        for (int i = 1; i < core.length() - 1 && i <= MAX_LABEL; i++) {
            char c = core.charAt(i);
            if (c == ':' || c == '=') {
                at = i;
                break;
            }
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.')) {
                return;
            }
        }
        if (at > 0) {
            classify(core.substring(at + 1), out, words, false);
        }
    }

    private static boolean amount(String core, Found out) {
        int from = 0;
        int to = core.length();
        while (from < to && CURRENCY_SYMBOLS.indexOf(core.charAt(from)) >= 0) {
            from++;
        }
        while (to > from && CURRENCY_SYMBOLS.indexOf(core.charAt(to - 1)) >= 0) {
            to--;
        }
        if (from == 0 && to == core.length()) {
            currencyCode(core, out); // and read on: EUR123456 may also be an account's identifier
            return false;
        }
        List<String> keys = Numbers.keys(core.substring(from, to));
        out.add(ValueKind.AMOUNT, keys);
        return !keys.isEmpty();
    }

    /** An amount with its currency code glued to it: {@code EUR1234.56}, {@code 1234.56USD}. */
    private static void currencyCode(String core, Found out) {
        int n = core.length();
        if (n < 5) {
            return;
        }
        String head = core.substring(0, 3).toLowerCase(Locale.ROOT);
        String tail = core.substring(n - 3).toLowerCase(Locale.ROOT);
        String number = CURRENCY_WORDS.contains(head) ? core.substring(3)
                : CURRENCY_WORDS.contains(tail) ? core.substring(0, n - 3) : null;
        if (number == null) {
            return;
        }
        List<String> keys = Numbers.keys(number);
        if (keys.isEmpty()) {
            return;
        }
        out.add(ValueKind.AMOUNT, keys);
    }

    private static boolean phone(String core, Found out) {
        char first = core.charAt(0);
        if (!(first == '+' || first == '(' || Character.isDigit(first))) {
            return false;
        }
        int separators = 0;
        for (int i = 0; i < core.length(); i++) {
            char c = core.charAt(i);
            if (!Character.isDigit(c)) {
                if ("+()-./".indexOf(c) < 0 || (c == '+' && i > 0)) {
                    return false;
                }
                separators++;
            }
        }
        String digits = Shapes.digitsOf(core);
        if (digits.length() < 7 || digits.length() > 15 || (separators == 0 && first != '+')) {
            return false;
        }
        out.add(ValueKind.PHONE, Shapes.phoneKey(digits));
        return true;
    }

    private static boolean path(String core, String lower, Found out) {
        String p = lower.replace('\\', '/');
        int lastSlash = p.lastIndexOf('/');
        String name = p.substring(lastSlash + 1);
        boolean rooted = p.startsWith("/") || p.startsWith("~/") || p.startsWith("./") || p.startsWith("../")
                || (p.length() > 2 && Character.isLetter(p.charAt(0)) && p.startsWith(":/", 1));
        boolean named = !Shapes.fileExtension(name).isEmpty();
        if (!(named || (rooted && p.length() > 2 && Shapes.count(p, Character::isLetter) > 0))) {
            return false;
        }
        out.add(ValueKind.PATH, Shapes.key("path", p));
        if (lastSlash >= 0 && named) {
            out.add(ValueKind.PATH, Shapes.key("path", name));
        }
        return true;
    }

    private static boolean account(String core, Found out) {
        int n = core.length();
        if (n < 5 || n > 34 || Shapes.count(core, Character::isDigit) < 3) {
            return false;
        }
        String upper = core.toUpperCase(Locale.ROOT);
        int digits = 0;
        int letters = 0;
        StringBuilder compact = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            char c = upper.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
                compact.append(c);
            } else if (c >= 'A' && c <= 'Z') {
                letters++;
                compact.append(c);
            } else if ("-_./#".indexOf(c) < 0) {
                return false;
            }
        }
        if (digits < 3 || (letters == 0 && digits < 6)) {
            return false;
        }
        out.add(ValueKind.ACCOUNT, "id:" + compact);
        return true;
    }

    private static void word(String lower, Found out) {
        int n = lower.length();
        if (n < 3 || n > 40 || STOPWORDS.contains(lower)) {
            return;
        }
        for (int i = 0; i < n; i++) {
            char c = lower.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
                return;
            }
        }
        if (Shapes.count(lower, Character::isLetter) == 0) {
            return;
        }
        out.add(ValueKind.WORD, "word:" + lower);
    }

    static boolean tokenChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || "_-+/=.~".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    static String stripWww(String host) {
        return host.startsWith("www.") ? host.substring(4) : host;
    }
}
