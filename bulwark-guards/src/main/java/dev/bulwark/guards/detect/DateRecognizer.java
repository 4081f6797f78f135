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
    private static final Pattern WRITTEN = Pattern.compile(
            "(?<![\\w])(?:(?:\\d{1,2}(?:st|nd|rd|th)?\\s(?:of\\s)?" + MONTH + ",?(?:\\s\\d{4})?)|(?:" + MONTH
                    + "\\s\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s\\d{4})?)|(?:" + MONTH + ",?\\s\\d{4}))(?![\\w])",
            Pattern.CASE_INSENSITIVE);
    private static final Context.Words YEAR_CONTEXT = Context.words("in", "since", "year", "born", "from", "until",
            "till", "by", "of", "during", "before", "after", "around", "circa", "early", "late", "mid", "founded",
            "established", "dob", "date");
    private static final Context.Words BIRTH = Context.words("born", "birth", "birthday", "dob", "d.o.b", "date of birth");
    private static final Context.Words VERSION = Context.words("version", "ver", "v", "release", "build", "firmware");

    /**
     * Each start of the text is checked once for all shapes ({@link DateStarts#shapesAt}); then each shape in turn
     * gives its matches as a {@code find()} loop over the text would: tried at the starts that passed its check, in
     * text order, skipping starts inside the shape's previous match.
     */
    @Override
    public void recognize(String text, Candidates out) {
        TextShape shape = out.shape();
        boolean digits = shape.has(TextShape.DIGITS);
        int count = shape.count();
        byte[] shapes = null;
        int any = 0;
        for (int k = 0; k < count; k++) {
            int bits = DateStarts.shapesAt(shape, shape.start(k), shape.kind(k), digits);
            if (bits != 0) {
                shapes = shapes == null ? new byte[count] : shapes;
                shapes[k] = (byte) bits;
                any |= bits;
            }
        }
        if ((any & DateStarts.ISO) != 0) {
            iso(text, shape, shapes, out);
        }
        if ((any & DateStarts.NUMERIC) != 0) {
            numeric(text, shape, shapes, out);
        }
        if ((any & DateStarts.WRITTEN) != 0) {
            written(text, shape, shapes, out);
        }
        if ((any & DateStarts.WEEKDAY) != 0) {
            weekdays(text, shape, shapes, out);
        }
        if ((any & DateStarts.YEAR) != 0) {
            years(text, shape, shapes, out);
        }
    }

    private static Matcher matcher(Pattern pattern, String text) {
        return pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    }

    private static void iso(String text, TextShape shape, byte[] shapes, Candidates out) {
        Matcher m = null;
        int resume = 0;
        for (int k = 0; k < shapes.length; k++) {
            int i = shape.start(k);
            if ((shapes[k] & DateStarts.ISO) == 0 || i < resume) {
                continue;
            }
            m = m == null ? matcher(ISO, text) : m;
            if (m.region(i, text.length()).lookingAt()) {
                resume = m.end();
                if (validDate(m.group(1), m.group(2), m.group(3), true)) {
                    out.add("DATE_TIME", m.start(), m.end(), score(text, m.start(), 0.85), "date");
                }
            }
        }
    }

    private static void numeric(String text, TextShape shape, byte[] shapes, Candidates out) {
        int resume = 0;
        for (int k = 0; k < shapes.length; k++) {
            int i = shape.start(k);
            if ((shapes[k] & DateStarts.NUMERIC) == 0 || i < resume) {
                continue;
            }
            int end = DateScanners.numeric(text, i);
            if (end < 0) {
                continue;
            }
            resume = end;
            if (Context.before(text, i, 16, VERSION)) {
                continue;
            }
            int a = DateScanners.run(text, i);
            int b = DateScanners.run(text, i + a + 1);
            int y = i + a + b + 2;
            boolean dayFirst = validDayMonth(text, i + a + 1, i + a + 1 + b, i, i + a);
            boolean monthFirst = validDayMonth(text, i, i + a, i + a + 1, i + a + 1 + b);
            if (dayFirst || monthFirst) {
                double base = end - y == 4 ? 0.75 : 0.5;
                out.add("DATE_TIME", i, end, score(text, i, base), "date");
            }
        }
    }

    private static void written(String text, TextShape shape, byte[] shapes, Candidates out) {
        Matcher m = null;
        int resume = 0;
        for (int k = 0; k < shapes.length; k++) {
            int i = shape.start(k);
            if ((shapes[k] & DateStarts.WRITTEN) == 0 || i < resume) {
                continue;
            }
            m = m == null ? matcher(WRITTEN, text) : m;
            if (m.region(i, text.length()).lookingAt()) {
                resume = m.end();
                out.add("DATE_TIME", m.start(), m.end(), score(text, m.start(), 0.75), "date");
            }
        }
    }

    private static void weekdays(String text, TextShape shape, byte[] shapes, Candidates out) {
        int resume = 0;
        for (int k = 0; k < shapes.length; k++) {
            int i = shape.start(k);
            if ((shapes[k] & DateStarts.WEEKDAY) == 0 || i < resume) {
                continue;
            }
            int end = DateScanners.weekday(text, i);
            if (end >= 0) {
                resume = end;
                out.add("DATE_TIME", i, end, 0.6, "date");
            }
        }
    }

    private static void years(String text, TextShape shape, byte[] shapes, Candidates out) {
        int resume = 0;
        for (int k = 0; k < shapes.length; k++) {
            int i = shape.start(k);
            if ((shapes[k] & DateStarts.YEAR) == 0 || i < resume) {
                continue;
            }
            int end = DateScanners.year(text, i);
            if (end >= 0) {
                resume = end;
                boolean context = Context.before(text, i, 14, YEAR_CONTEXT);
                out.add("DATE_TIME", i, end, context ? 0.55 : 0.35, "date");
            }
        }
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

    /** {@link #validDate(String, String, String, boolean)}, not strict (any year), on two spans of digits. */
    private static boolean validDayMonth(String text, int monthStart, int monthEnd, int dayStart, int dayEnd) {
        int mo = value(text, monthStart, monthEnd);
        int d = value(text, dayStart, dayEnd);
        return mo >= 1 && mo <= 12 && d >= 1 && d <= 31;
    }

    /** The value of ASCII digits {@code text[start, end)}. */
    private static int value(String text, int start, int end) {
        int v = 0;
        for (int i = start; i < end; i++) {
            v = v * 10 + text.charAt(i) - '0';
        }
        return v;
    }
}
