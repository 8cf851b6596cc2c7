package io.switchboard.guardrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PiiGuardrailTest {
    private final PiiGuardrail pii = new PiiGuardrail();

    private String masked(String text) {
        Verdict v = pii.check(Checks.prompt("{}", text));
        return v instanceof Verdict.Rewrite r ? r.texts().get(0) : text;
    }

    @Test
    void masksEachEntityWithPresidioNames() {
        assertEquals("mail <EMAIL_ADDRESS> now", masked("mail jane.doe+x@example.co.uk now"));
        assertEquals("card <CREDIT_CARD>.", masked("card 4111 1111 1111 1111."));
        assertEquals("card <CREDIT_CARD>", masked("card 5500-0000-0000-0004"));
        assertEquals("amex <CREDIT_CARD>", masked("amex 378282246310005"));
        assertEquals("iban <IBAN_CODE>", masked("iban DE89 3704 0044 0532 0130 00"));
        assertEquals("iban <IBAN_CODE>", masked("iban GB82WEST12345698765432"));
        assertEquals("ssn <US_SSN>", masked("ssn 123-45-6789"));
        assertEquals("call <PHONE_NUMBER>", masked("call +1 415-555-0100"));
        assertEquals("call <PHONE_NUMBER>", masked("call (415) 555-0100"));
        assertEquals("host <IP_ADDRESS>", masked("host 192.168.10.20"));
        assertEquals("v6 <IP_ADDRESS>", masked("v6 2001:0db8:85a3:0000:0000:8a2e:0370:7334"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "order 4111111111111112 shipped",        // Visa prefix, Luhn digit wrong
        "id 1234567890123456",                   // no card scheme starts with 1
        "total 2024 items for 1500000 dollars",  // ordinary numbers
        "ts 1700000000000 ms",                   // epoch millis
        "DE89 3704 0044 0532 0130 01",           // IBAN with a wrong check digit
        "DE89370400440532013",                   // IBAN too short for Germany
        "ssn 000-12-3456 and 666-12-3456 and 900-12-3456", // never-issued SSN areas
        "date 2024-01-15, version 10.0.1, room 12-34",
        "count 12345678901 and 987654321",       // bare digit runs are not phone numbers
        "999.999.999.999.999 is not an address"})
    void ordinaryTextIsNotPii(String text) {
        assertEquals(Verdict.ALLOW, pii.check(Checks.prompt("{}", text)), text);
    }

    @Test
    void luhnEdgeCases() {
        assertTrue(CardNumbers.luhn("79927398713"));
        assertFalse(CardNumbers.luhn("79927398710"));
        assertTrue(CardNumbers.isCardNumber("4222222222222"));   // 13-digit Visa
        assertTrue(CardNumbers.isCardNumber("6011111111111117")); // Discover
        assertTrue(CardNumbers.isCardNumber("30569309025904"));   // Diners, 14 digits
        assertTrue(CardNumbers.isCardNumber("2223003122003222")); // Mastercard 2-series
        assertFalse(CardNumbers.isCardNumber("378282246310006"));  // Amex, wrong digit
        assertFalse(CardNumbers.isCardNumber("37828224631000"));   // Amex, one digit short
        assertFalse(CardNumbers.isCardNumber("0000000000000000")); // passes Luhn, no scheme
    }

    @Test
    void ibanMod97EdgeCases() {
        assertEquals(1, Ibans.mod97("GB82WEST12345698765432"));
        assertTrue(Ibans.isIban("NO9386011117947"));   // shortest country format (15)
        assertTrue(Ibans.isIban("MT84MALT011000012345MTLCAST001S")); // 31, letters in the BBAN
        assertFalse(Ibans.isIban("GB82WEST12345698765433"));
        assertFalse(Ibans.isIban("GB82WEST1234569876543"));   // wrong length for GB
        assertFalse(Ibans.isIban("gb82west12345698765432"));  // lower case is not the electronic format
    }

    @Test
    void blockActionRefusesAndNamesOnlyTheEntityType() {
        Verdict v = pii.check(Checks.prompt("{\"pii_entities_config\":{\"CREDIT_CARD\":\"BLOCK\"}}",
                "pay with 4111 1111 1111 1111"));
        Verdict.Block block = assertInstanceOf(Verdict.Block.class, v);
        assertTrue(block.reason().contains("CREDIT_CARD"));
        assertFalse(block.reason().contains("4111"));
    }

    @Test
    void onlyConfiguredEntitiesAreLookedFor() {
        Verdict v = pii.check(Checks.prompt("{\"pii_entities_config\":{\"EMAIL_ADDRESS\":\"MASK\"}}",
                "a@b.io 123-45-6789"));
        assertEquals(List.of("<EMAIL_ADDRESS> 123-45-6789"), Checks.rewritten(v));
    }

    @Test
    void outputParsePiiNumbersPlaceholdersAndKeepsOriginals() {
        Verdict v = pii.check(Checks.prompt("{\"output_parse_pii\":true}", "a@b.io and c@d.io", "again a@b.io"));
        Verdict.Rewrite r = assertInstanceOf(Verdict.Rewrite.class, v);
        assertEquals(List.of("<EMAIL_ADDRESS_1> and <EMAIL_ADDRESS_2>", "again <EMAIL_ADDRESS_3>"), r.texts());
        assertEquals(Map.of("<EMAIL_ADDRESS_1>", "a@b.io", "<EMAIL_ADDRESS_2>", "c@d.io", "<EMAIL_ADDRESS_3>", "a@b.io"),
                r.restore());
    }

    @Test
    void unknownEntityOrActionIsAConfigError() {
        assertThrows(IllegalArgumentException.class,
                () -> pii.validate(Checks.params("{\"pii_entities_config\":{\"PASSPORT\":\"MASK\"}}")));
        assertThrows(IllegalArgumentException.class,
                () -> pii.validate(Checks.params("{\"pii_entities_config\":{\"US_SSN\":\"HIDE\"}}")));
    }
}
