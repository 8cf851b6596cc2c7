package io.switchboard.guardrail;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The personal data the built-in {@code pii} guardrail finds, named as Presidio names its entities so
 * that {@code pii_entities_config} reads the same for both. Each pattern is written to match in linear
 * time (bounded or possessive repetition, no nested unbounded quantifiers), and candidates that only look
 * like personal data are dropped by a validator: card numbers need a scheme prefix and the Luhn digit,
 * IBANs the mod-97 check, SSNs the ranges the SSA never issues excluded.
 */
enum PiiEntity {
    EMAIL_ADDRESS("(?<![\\w.%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63}){0,8}"
            + "\\.[A-Za-z]{2,24}+(?![\\w-])", s -> true),
    CREDIT_CARD("(?<![\\d-])(?<!\\d[ -])\\d(?:[ -]?+\\d){12,18}+(?![\\d-])",
            s -> CardNumbers.isCardNumber(s.replaceAll("[ -]", ""))),
    IBAN_CODE("(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?: ?+[A-Z0-9]{4}){2,7}+(?: ?+[A-Z0-9]{1,3})?+(?![A-Za-z0-9])",
            s -> Ibans.isIban(s.replace(" ", ""))),
    US_SSN("(?<![\\d-])(?!000|666|9\\d\\d)\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}(?![\\d-])", s -> true),
    // Separators are required: a bare run of digits is more often an id or an amount than a phone number.
    PHONE_NUMBER("(?<![\\w+.])(?:\\+\\d{1,3}[ .-]?+)?(?:\\(\\d{2,4}\\)[ .-]?+|\\d{2,4}[ .-])\\d{2,4}[ .-]\\d{3,4}"
            + "(?:[ .-]\\d{2,4})?+(?![\\w-]|\\.\\d)", PiiEntity::plausiblePhone),
    IP_ADDRESS("(?<![\\w.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)"
            + "(?![\\w.])|(?<![\\w:])(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![\\w:])", s -> true);

    private final Pattern pattern;
    private final Predicate<String> valid;

    PiiEntity(String regex, Predicate<String> valid) {
        this.pattern = Pattern.compile(regex);
        this.valid = valid;
    }

    /** Every valid occurrence in {@code text}. */
    List<int[]> find(BoundedText text) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            if (valid.test(text.subSequence(m.start(), m.end()).toString())) {
                spans.add(new int[] {m.start(), m.end()});
            }
        }
        return spans;
    }

    static PiiEntity named(String name) {
        for (PiiEntity e : values()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static boolean plausiblePhone(String s) {
        long digits = s.chars().filter(Character::isDigit).count();
        return digits >= 10 && digits <= 15;
    }
}
