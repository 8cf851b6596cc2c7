package io.switchboard.guardrail;

/**
 * Payment card numbers: a digit run is one only if its length and leading digits belong to a card scheme
 * (Visa, Mastercard, American Express, Discover, JCB, Diners) and its Luhn check digit is right. The
 * prefix rule keeps order numbers and timestamps from being masked: the Luhn check alone passes one
 * random number in ten.
 */
final class CardNumbers {
    private CardNumbers() {
    }

    static boolean isCardNumber(String digits) {
        int n = digits.length();
        if (n < 13 || n > 19 || !digits.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return schemeAccepts(digits, n) && luhn(digits);
    }

    /** The Luhn mod-10 check: doubling every second digit from the right, the sum ends in 0. */
    static boolean luhn(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    private static boolean schemeAccepts(String d, int n) {
        int two = Integer.parseInt(d.substring(0, 2));
        int four = Integer.parseInt(d.substring(0, 4));
        int three = Integer.parseInt(d.substring(0, 3));
        if (d.charAt(0) == '4') {
            return n == 13 || n == 16 || n == 19;
        }
        if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) {
            return n == 16;
        }
        if (two == 34 || two == 37) {
            return n == 15;
        }
        if (four == 6011 || two == 65 || (three >= 644 && three <= 649)) {
            return n >= 16;
        }
        if (four >= 3528 && four <= 3589) {
            return n >= 16;
        }
        if (two == 36 || two == 38 || (three >= 300 && three <= 305)) {
            return n == 14;
        }
        return false;
    }
}
