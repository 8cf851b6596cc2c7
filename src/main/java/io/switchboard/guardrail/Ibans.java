package io.switchboard.guardrail;

import java.math.BigInteger;
import java.util.Map;

/**
 * International bank account numbers (ISO 13616): the country's length and the mod-97 check. Countries
 * not in the table are accepted at any length from 15 to 34 if the check holds.
 */
final class Ibans {
    private static final Map<String, Integer> LENGTHS = Map.ofEntries(
            Map.entry("AT", 20), Map.entry("BE", 16), Map.entry("CH", 21), Map.entry("CY", 28), Map.entry("CZ", 24),
            Map.entry("DE", 22), Map.entry("DK", 18), Map.entry("EE", 20), Map.entry("ES", 24), Map.entry("FI", 18),
            Map.entry("FR", 27), Map.entry("GB", 22), Map.entry("GR", 27), Map.entry("HR", 21), Map.entry("HU", 28),
            Map.entry("IE", 22), Map.entry("IS", 26), Map.entry("IT", 27), Map.entry("LI", 21), Map.entry("LT", 20),
            Map.entry("LU", 20), Map.entry("LV", 21), Map.entry("MT", 31), Map.entry("NL", 18), Map.entry("NO", 15),
            Map.entry("PL", 28), Map.entry("PT", 25), Map.entry("RO", 24), Map.entry("SE", 24), Map.entry("SI", 19),
            Map.entry("SK", 24), Map.entry("TR", 26), Map.entry("SA", 24), Map.entry("AE", 23), Map.entry("BR", 29));
    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

    private Ibans() {
    }

    /** @param compact the candidate without spaces, upper case */
    static boolean isIban(String compact) {
        int n = compact.length();
        if (n < 15 || n > 34 || !compact.substring(0, 2).chars().allMatch(c -> c >= 'A' && c <= 'Z')
                || !Character.isDigit(compact.charAt(2)) || !Character.isDigit(compact.charAt(3))) {
            return false;
        }
        Integer expected = LENGTHS.get(compact.substring(0, 2));
        if (expected != null && expected != n) {
            return false;
        }
        return mod97(compact) == 1;
    }

    /** Moves the first four characters to the end, turns letters into 10..35, and takes the rest mod 97. */
    static int mod97(String compact) {
        String rearranged = compact.substring(4) + compact.substring(0, 4);
        StringBuilder digits = new StringBuilder(rearranged.length() * 2);
        for (int i = 0; i < rearranged.length(); i++) {
            char c = rearranged.charAt(i);
            if (Character.isDigit(c)) {
                digits.append(c);
            } else if (c >= 'A' && c <= 'Z') {
                digits.append(c - 'A' + 10);
            } else {
                return -1;
            }
        }
        return new BigInteger(digits.toString()).mod(NINETY_SEVEN).intValue();
    }
}
