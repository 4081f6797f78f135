package dev.bulwark.guards.detect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates and times (Presidio's DATE_TIME), including dates of birth: ISO timestamps, numeric day/month/year forms with
 * range checks, written month names, weekdays, and four-digit years introduced by a time word.
 */
final class DateRecognizer implements Recognizer {
    private static final String MONTH = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
            + "aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
    private static final Pattern ISO = Pattern.compile(
            "(?<![\\w.-])(\\d{4})-(\\d{2})-(\\d{2})(?:[ T]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?"
                    + "(?![\\w-]|\\.\\d)");
    private static final Pattern NUMERIC = Pattern.compile(
            "(?<![\\w./-])(\\d{1,2})([./-])(\\d{1,2})\\2(\\d{4}|\\d{2})(?![\\w]|[./-]\\d)");
    private static final Pattern WRITTEN = Pattern.compile(
            "(?<![\\w])(?:(?:\\d{1,2}(?:st|nd|rd|th)?\\s(?:of\\s)?" + MONTH + ",?(?:\\s\\d{4})?)|(?:" + MONTH
                    + "\\s\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s\\d{4})?)|(?:" + MONTH + ",?\\s\\d{4}))(?![\\w])",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern WEEKDAY = Pattern.compile(
            "(?<![\\w])(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?![\\w])", Pattern.CASE_INSENSITIVE);
    private static final Pattern YEAR = Pattern.compile("(?<![\\w.,/:-])(?:1[89]\\d\\d|20\\d\\d)(?:s)?(?![\\w]|[.,:/-]\\d)");
    private static final Context.Words YEAR_CONTEXT = Context.words("in", "since", "year", "born", "from", "until",
            "till", "by", "of", "during", "before", "after", "around", "circa", "early", "late", "mid", "founded",
            "established", "dob", "date");
    private static final Context.Words BIRTH = Context.words("born", "birth", "birthday", "dob", "d.o.b", "date of birth");
    private static final Context.Words VERSION = Context.words("version", "ver", "v", "release", "build", "firmware");

    @Override
    public void recognize(String text, Candidates out) {
        TextShape shape = out.shape();
        Anchored.scan(ISO, shape, TextShape.DIGITS, i -> shape.digitRun(i) == 4 && charAt(text, i + 4) == '-', m -> {
            if (validDate(m.group(1), m.group(2), m.group(3), true)) {
                out.add("DATE_TIME", m.start(), m.end(), score(text, m.start(), 0.85), "date");
            }
        });
        Anchored.scan(NUMERIC, shape, TextShape.DIGITS, i -> shape.digitRun(i) <= 2, m -> numeric(text, m, out));
        Anchored.scan(WRITTEN, shape, TextShape.DIGITS | TextShape.WORD,
                i -> isDigit(text.charAt(i)) ? dayOfMonth(shape, i) : startsWithMonth(text, i),
                m -> out.add("DATE_TIME", m.start(), m.end(), score(text, m.start(), 0.75), "date"));
        Anchored.scan(WEEKDAY, shape, TextShape.WORD, i -> endsInDay(text, i),
                m -> out.add("DATE_TIME", m.start(), m.end(), 0.6, "date"));
        Anchored.scan(YEAR, shape, TextShape.DIGITS, i -> shape.digitRun(i) == 4, m -> {
            boolean context = Context.before(text, m.start(), 14, YEAR_CONTEXT);
            out.add("DATE_TIME", m.start(), m.end(), context ? 0.55 : 0.35, "date");
        });
    }

    private static void numeric(String text, Matcher m, Candidates out) {
        if (Context.before(text, m.start(), 16, VERSION)) {
            return;
        }
        String a = m.group(1);
        String b = m.group(3);
        boolean dayFirst = validDate(m.group(4), b, a, false);
        boolean monthFirst = validDate(m.group(4), a, b, false);
        if (dayFirst || monthFirst) {
            double base = m.group(4).length() == 4 ? 0.75 : 0.5;
            out.add("DATE_TIME", m.start(), m.end(), score(text, m.start(), base), "date");
        }
    }

    /** One or two digits, then "st"/"nd"/"rd"/"th" or white space: how a written date can start with a number. */
    private static boolean dayOfMonth(TextShape shape, int i) {
        int run = shape.digitRun(i);
        char next = shape.at(i + run);
        return run <= 2 && (Character.isWhitespace(next) || Character.isLetter(next));
    }

    /** Whether the ASCII letters at {@code i} are six to nine long and end in "day", as every weekday name. */
    private static boolean endsInDay(String text, int i) {
        if ("MTWFSmtwfs".indexOf(text.charAt(i)) < 0) {
            return false;
        }
        int j = i;
        while (j < text.length() && j - i < 10 && isAsciiLetter(text.charAt(j))) {
            j++;
        }
        return j - i >= 6 && j - i <= 9 && text.regionMatches(true, j - 3, "day", 0, 3);
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
    /** The twelve three-letter month prefixes, each packed into an int of its three ASCII letters. */
    private static final int[] MONTHS = java.util.stream.Stream.of("jan", "feb", "mar", "apr", "may", "jun", "jul",
            "aug", "sep", "oct", "nov", "dec").mapToInt(m -> m.charAt(0) << 16 | m.charAt(1) << 8 | m.charAt(2))
            .toArray();

    /** Every written month starts with one of twelve three-letter prefixes (the pattern is ASCII case-insensitive). */
    private static boolean startsWithMonth(String text, int i) {
        if (i + 3 > text.length() || "JFMASONDjfmasond".indexOf(text.charAt(i)) < 0) {
            return false;
        }
        char a = Character.toLowerCase(text.charAt(i));
        char b = Character.toLowerCase(text.charAt(i + 1));
        char c = Character.toLowerCase(text.charAt(i + 2));
        if (a >= 0x80 || b >= 0x80 || c >= 0x80) {
            return false;
        }
        int packed = a << 16 | b << 8 | c;
        for (int month : MONTHS) {
            if (month == packed) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static char charAt(String text, int i) {
        return i < text.length() ? text.charAt(i) : 0;
    }

    private static double score(String text, int start, double base) {
        return Context.before(text, start, 40, BIRTH) ? base + 0.15 : base;
    }

    private static boolean validDate(String year, String month, String day, boolean strictYear) {
        int y = Integer.parseInt(year);
        int mo = Integer.parseInt(month);
        int d = Integer.parseInt(day);
        if (strictYear && (y < 1000 || y > 2999)) {
            return false;
        }
        return mo >= 1 && mo <= 12 && d >= 1 && d <= 31;
    }
}
